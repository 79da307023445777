"""Nightly re-assessment of every approved target, and the alert evaluation after it."""

from __future__ import annotations

from indicators.clock import utc_now
from indicators.runs.assessment import run_assessment
from service.alerting import evaluate
from service.jobs.context import JobContext


def reassess_all(context: JobContext) -> int:
    """Assess every approved target as of now, then evaluate the alert rules on the new
    verdicts (in a transaction of its own: a failed evaluation keeps the assessment);
    return how many targets were assessed."""
    with context.transaction() as session:
        assessed = run_assessment(session, as_of=utc_now(),
                                  thresholds=context.settings.thresholds).targets_assessed
    now = utc_now()
    evaluate(context.sessions, as_of=now, now=now, trigger="nightly", settings=context.settings)
    return assessed

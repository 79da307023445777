"""Nightly re-assessment of every approved target."""

from __future__ import annotations

from indicators.clock import utc_now
from indicators.runs.assessment import run_assessment
from service.jobs.context import JobContext


def reassess_all(context: JobContext) -> int:
    """Assess every approved target as of now; return how many were assessed."""
    with context.transaction() as session:
        return run_assessment(session, as_of=utc_now(),
                              thresholds=context.settings.thresholds).targets_assessed

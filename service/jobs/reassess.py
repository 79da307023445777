"""Nightly re-assessment of every approved target."""

from __future__ import annotations

from indicators.clock import utc_now
from indicators.runs.assessment import run_assessment
from service.db import make_engine, session_factory, transaction
from service.settings import get_settings


def reassess_all() -> int:
    """Assess every approved target as of now; return how many were assessed."""
    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        with transaction(session_factory(engine)) as session:
            return run_assessment(session, as_of=utc_now(),
                                  thresholds=settings.thresholds).targets_assessed
    finally:
        engine.dispose()

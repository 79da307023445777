"""Nightly re-forecast of the series of every approved target."""

from __future__ import annotations

from indicators.clock import utc_now
from indicators.runs.forecast import run_forecast
from service.jobs.context import JobContext


def reforecast_all(context: JobContext) -> int:
    """Forecast every approved target's series as of now and store the run; return how
    many series it covered."""
    with context.transaction() as session:
        return run_forecast(session, as_of=utc_now()).series_count

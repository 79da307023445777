"""Nightly re-forecast of the series of every approved target."""

from __future__ import annotations

from indicators.clock import utc_now
from indicators.runs.forecast import run_forecast
from service.db import make_engine, session_factory, transaction
from service.settings import get_settings


def reforecast_all() -> int:
    """Forecast every approved target's series as of now and store the run; return how
    many series it covered."""
    engine = make_engine(get_settings().database_url)
    try:
        with transaction(session_factory(engine)) as session:
            return run_forecast(session, as_of=utc_now()).series_count
    finally:
        engine.dispose()

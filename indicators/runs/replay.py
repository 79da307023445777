"""Replay: retrospective assessment and forecast runs at a series of past days.

A replay stores, for each day, what `assess --as-of DAY` and `forecast --as-of DAY` would
store: runs that read only what was known at the end of that day (Beijing time) and never
become the current ones. Target pages draw their status history from such runs and the
track record scores their probabilities against the outcomes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy.orm import Session

from indicators.arithmetic.thresholds import Thresholds
from indicators.clock import CHINA_TIME
from indicators.runs.assessment import run_assessment
from indicators.runs.forecast import run_forecast
from indicators.tables.assessments import AssessmentRun


@dataclass(frozen=True)
class ReplayedDay:
    """One replayed day and the assessment run stored for it."""

    day: date
    run: AssessmentRun


def day_end(day: date) -> datetime:
    """Return the last moment of `day` in Beijing time (what `--as-of DAY` reads)."""
    return datetime.combine(day, time.max, CHINA_TIME).astimezone(UTC)


def replay_days(first: date, last: date, every_months: int) -> list[date]:
    """Return the days from `first` to `last` (both included when they fall on the step),
    `every_months` apart; a day missing from a shorter month is its month's last day
    (31 Dec + 6 months is 30 Jun)."""
    if every_months < 1:
        raise ValueError("every_months must be at least 1")
    days: list[date] = []
    step = 0
    while (day := _add_months(first, step * every_months)) <= last:
        days.append(day)
        step += 1
    return days


def _add_months(day: date, months: int) -> date:
    """Return `day` moved by whole months, clipped to the month's last day; a month's last
    day moves to the last day of the other month (31 Dec → 30 Jun → 31 Dec)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    length = _month_length(year, month + 1)
    if day.day == _month_length(day.year, day.month):
        return date(year, month + 1, length)
    return date(year, month + 1, min(day.day, length))


def _month_length(year: int, month: int) -> int:
    """Return the number of days in a month."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def replay(session: Session, days: Iterable[date], *, thresholds: Thresholds | None = None,
           forecasts: bool = True) -> list[ReplayedDay]:
    """Store a retrospective assessment run (and, with `forecasts`, a forecast run) as of
    the end of each day (flush only; the caller commits)."""
    done = []
    for day in sorted(set(days)):
        moment = day_end(day)
        if forecasts:
            forecast_run = run_forecast(session, as_of=moment)
            forecast_run.retrospective = True
        run = run_assessment(session, as_of=moment, thresholds=thresholds, retrospective=True)
        done.append(ReplayedDay(day, run))
    session.flush()
    return done

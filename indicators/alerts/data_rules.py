"""The data rules, about a series rather than a target, for the statistics staff: a figure
overdue, and a new figure outside its forecast's 95% interval (possibly a data error).

A series that has never had a figure is not overdue (an indicator nobody collects yet is
"no data", not a late release); a figure without a forecast made before it holds.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from indicators.alerts.facts import SeriesFacts, month_index
from indicators.alerts.verdicts import HOLD, Outcome, Params, Rule, Subject, Verdict
from indicators.text.numbers import fmt
from indicators.vocab import Audience, Frequency, Severity

PERIOD_MONTHS = {Frequency.ANNUAL: 12, Frequency.QUARTERLY: 3, Frequency.MONTHLY: 1}


def _end_day(index: int) -> date:
    year, month = divmod(index, 12)
    return date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def due_period_end(day: date, frequency: Frequency, lag_days: int) -> int:
    """Return the end month (`month_index`) of the newest period whose figure is due by
    `day`: its last day plus `lag_days` has passed."""
    length = PERIOD_MONTHS[frequency]
    index = month_index(day.year, day.month)
    index -= (index + 1) % length  # the end of the period holding `day`, or an earlier one
    while _end_day(index) + timedelta(days=lag_days) > day:
        index -= length
    return index


def period_code(end: int, frequency: Frequency) -> str:
    """Return the code of the period of `frequency` ending in month `end`."""
    year, month = divmod(end, 12)
    if frequency is Frequency.ANNUAL:
        return str(year)
    if frequency is Frequency.QUARTERLY:
        return f"{year}Q{(month + 1) // 3}"
    return f"{year}M{month + 1:02d}"


def data_overdue(s: SeriesFacts, params: Params, held: Mapping[str, Any] | None) -> Outcome:
    """Fire when the newest period due by now (its end plus the frequency's lag) and still
    needed by a live target has no figure. Clears when the figure arrives."""
    if s.latest_end is None:
        return None
    lag = int(params["lag_days"][s.frequency.value])
    due = min(due_period_end(s.as_of_day, s.frequency, lag), s.needed_until)
    if s.latest_end >= due:
        return None
    length = PERIOD_MONTHS[s.frequency]
    missing = (due - s.latest_end) // length
    due_day = _end_day(due) + timedelta(days=lag)
    return Verdict(Severity(params["severity"]), "alert.headline.data_overdue",
                   {"period": period_code(due, s.frequency), "due": due_day.isoformat()},
                   keep={"periods_overdue": missing, "due_period": period_code(due, s.frequency)})


def outside_interval(s: SeriesFacts, params: Params,
                     held: Mapping[str, Any] | None) -> Outcome:
    """Fire when the newest annual figure lies outside the 95% interval of the forecast
    made before it came in (a possible data error to check), if it came in within
    `new_within_days` or the alert is already open. Clears when a revision brings it
    inside or a later period's figure is inside its own interval."""
    lo, hi, value = s.forecast_lo_95, s.forecast_hi_95, s.forecast_value
    if lo is None or hi is None or value is None or s.forecast_published is None:
        return HOLD
    if lo <= value <= hi:
        return None
    published = date.fromisoformat(s.forecast_published[:10])
    if held is None and (s.as_of_day - published).days > params["new_within_days"]:
        return None
    return Verdict(Severity(params["severity"]), "alert.headline.outside_interval",
                   {"period": s.forecast_period, "value": fmt(value), "lo_95": fmt(lo),
                    "hi_95": fmt(hi)},
                   keep={"forecast_mean": s.forecast_mean, "forecast_lo_95": lo,
                         "forecast_hi_95": hi, "forecast_period": s.forecast_period})


DATA_RULES: tuple[Rule, ...] = (
    # Prefecture statistical communiqués are out by the end of May; quarterly and monthly
    # figures within six and four weeks (slower indicators get a longer lag per indicator).
    Rule("data_overdue", Audience.STATISTICS, Severity.WARNING, Subject.SERIES,
         {"lag_days": {"annual": 150, "quarterly": 45, "monthly": 30}, "severity": "warning"},
         data_overdue),
    Rule("outside_interval", Audience.STATISTICS, Severity.WARNING, Subject.SERIES,
         {"new_within_days": 183, "severity": "warning"}, outside_interval),
)

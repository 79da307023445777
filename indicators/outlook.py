"""Forecasts of the series that targets read, and what they say about each target.

The numerics live in `forecasting` (pure, no database); this module gathers the annual
histories a forecast needs, as they stood at a moment, and turns the predictive sample
paths into a target's outlook: the forecast at its deadline and the probability of
meeting it (`indicators.chances`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy.orm import Session

from indicators.assess import Break, Observed
from indicators.figures import figures_as_of, observed_annual
from indicators.models import Series


@dataclass(frozen=True)
class Outlook:
    """A target's forecast at its deadline and the probability of meeting it."""

    year: int  # the deadline year
    mean: float  # the indicator's forecast value that year
    lo_80: float
    hi_80: float
    lo_95: float
    hi_95: float
    probability: float  # of meeting the target, 0..1
    model: str


def linked_values(observed: Observed) -> dict[int, float]:
    """Return the annual figures on one definition: figures from a linked break on are
    expressed in the earlier definition (÷ linking factor); an unlinked break cuts the
    history, so only the figures from the last such break on are kept."""
    values = dict(observed.values)
    for brk in sorted(observed.breaks, key=_break_year):
        if brk.linking_factor is None:
            values = {y: v for y, v in values.items() if y >= brk.year}
        else:
            values = {y: v / brk.linking_factor if y >= brk.year else v
                      for y, v in values.items()}
    return values


def _break_year(brk: Break) -> int:
    return brk.year


def history_frame(histories: Mapping[int, Mapping[int, float]]) -> pd.DataFrame:
    """Return a tidy annual panel (series_id, period, value) from year → value maps."""
    rows = [(series_id, pd.Period(year=year, freq="Y"), float(value))
            for series_id, values in histories.items() for year, value in sorted(values.items())]
    return pd.DataFrame(rows, columns=["series_id", "period", "value"])


def annual_history(session: Session, series: Sequence[Series], *,
                   as_of: datetime) -> pd.DataFrame:
    """Return the annual figures of each series as known at `as_of`, on one definition
    (see `linked_values`): columns series_id, period (annual pandas Period), value."""
    histories = {s.id: linked_values(observed_annual(figures_as_of(session, series=s,
                                                                   as_of=as_of), s))
                 for s in series}
    return history_frame(histories)

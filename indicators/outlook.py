"""Forecasts of the series that targets read, and what they say about each target.

The numerics live in `forecasting` (pure, no database); this module gathers the annual
histories a forecast needs, as they stood at a moment, and turns the predictive sample
paths into a target's outlook: the forecast at its deadline and the probability of
meeting it (`indicators.chances`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from forecasting import PanelForecast, forecast_panel
from forecasting.panel_forecast import MIN_FIGURES
from indicators.assess import Break, Observed
from indicators.chances import judge_path, judge_paths
from indicators.figures import figures_as_of, observed_annual
from indicators.models import Indicator, Series
from indicators.paths import TargetTerms
from indicators.vocab import ValueType

MIN_HORIZON = 3  # years ahead at least, so every series has a trajectory to draw
N_PATHS = 1000  # sample paths per target: a probability's sampling error is under 1.6 points


@dataclass(frozen=True)
class Outlook:
    """A target's forecast at its deadline and the probability of meeting it."""

    year: int  # the deadline year
    mean: float  # the mean forecast of the measure the target is judged on, that year
    lo_80: float
    hi_80: float
    lo_95: float
    hi_95: float
    probability: float  # of meeting the target, 0..1
    model: str


Bounds = tuple[float | None, float | None]

_NATURAL_BOUNDS: dict[ValueType, Bounds] = {
    ValueType.COUNT: (0.0, None), ValueType.LEVEL: (0.0, None), ValueType.INDEX: (0.0, None),
    ValueType.SHARE: (0.0, 100.0), ValueType.GROWTH_RATE: (-100.0, None)}


def value_bounds(indicator: Indicator) -> Bounds:
    """Return the range a forecast of the indicator may take: its plausible range where
    the catalogue gives one, else what its kind of value allows (no negative counts or
    amounts, shares within 0–100, no fall beyond −100%)."""
    low, high = _NATURAL_BOUNDS.get(indicator.value_type, (None, None))
    if indicator.plausible_min is not None:
        low = float(indicator.plausible_min)
    if indicator.plausible_max is not None:
        high = float(indicator.plausible_max)
    return low, high


def clipped(values: np.ndarray, bounds: Bounds) -> np.ndarray:
    """Keep forecast values inside the bounds (None: unbounded on that side)."""
    low, high = bounds
    if low is None and high is None:
        return values
    return np.clip(values, low, high)


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


@dataclass(frozen=True)
class OutlookRequest:
    """What a target's outlook needs: its terms (with the baseline resolved), the series
    it reads and that series' figures on one definition."""

    key: str
    series_id: int
    terms: TargetTerms
    values: Mapping[int, float]
    bounds: Bounds = (None, None)


def outlooks(requests: Sequence[OutlookRequest], *, default_tolerance: float, seed: int = 0,
             n_paths: int = N_PATHS, wanted: set[str] | None = None) -> dict[str, Outlook]:
    """Forecast every requested series to its furthest deadline in one panel call and
    return each target's outlook; targets whose deadline figure is known get the figure
    itself (model "actual"), targets whose series has too few figures get none. All
    requests calibrate the forecast; outlooks are returned for the `wanted` keys (all by
    default)."""
    horizons = _horizons(requests)
    forecast = None
    if horizons:
        histories = {r.series_id: r.values for r in requests if r.series_id in horizons}
        forecast = forecast_panel(history_frame(histories), pd.Series(horizons), seed=seed)
    found = {}
    for request in requests:
        if wanted is not None and request.key not in wanted:
            continue
        outlook = _outlook(request, forecast, default_tolerance, n_paths)
        if outlook is not None:
            found[request.key] = outlook
    return found


def _horizons(requests: Sequence[OutlookRequest]) -> dict[int, int]:
    """Years ahead per series: to its targets' latest deadline, at least `MIN_HORIZON` (the
    rule of the stored forecast runs too, so both forecast the same panel alike)."""
    horizons: dict[int, int] = {}
    for r in requests:
        if len(r.values) >= MIN_FIGURES:
            need = max(r.terms.deadline_year - max(r.values), MIN_HORIZON)
            horizons[r.series_id] = max(horizons.get(r.series_id, 1), need)
    return horizons


def _outlook(request: OutlookRequest, forecast: PanelForecast | None, tolerance: float,
             n_paths: int) -> Outlook | None:
    """The distribution of the measure the target is judged on, at its deadline, over the
    sample paths (or the known measure, when the deadline figure is in)."""
    terms, values = request.terms, request.values
    if not values:
        return None
    deadline = terms.deadline_year
    if deadline <= max(values):
        measure, met = judge_path(terms, values, terms.baseline_value,
                                  default_tolerance=tolerance)
        if math.isnan(measure):
            return None
        return Outlook(deadline, measure, measure, measure, measure, measure, float(met),
                       "actual")
    if forecast is None or len(values) < MIN_FIGURES:
        return None
    paths = clipped(forecast.paths(request.series_id, n_paths), request.bounds)
    if paths.shape[1] < deadline - max(values) or np.isnan(paths).any():
        return None
    measures, met = judge_paths(terms, values, terms.baseline_value, paths,
                                default_tolerance=tolerance)
    if np.isnan(measures).any():
        return None
    lo_95, lo_80, hi_80, hi_95 = np.quantile(measures, [0.025, 0.1, 0.9, 0.975])
    middle = measures.mean()
    return Outlook(deadline, float(middle), float(lo_80), float(hi_80), float(lo_95),
                   float(hi_95), float(met.mean()), forecast.model_of(request.series_id))

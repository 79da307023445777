"""Forecasts of the series that targets read, and what they say about each target.

The numerics live in `forecasting` (pure, no database); this module gathers the annual
histories a forecast needs, as they stood at a moment, and turns the predictive sample
paths into a target's outlook: the forecast at its deadline and the probability of
meeting it (`indicators.chances`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

from forecasting import PanelForecast, forecast_panel
from indicators.arithmetic.chances import future_years, judge_future, judge_path
from indicators.arithmetic.definitions import Observed, series_history, target_history
from indicators.arithmetic.paths import TargetTerms, fill_missing_years
from indicators.arithmetic.status import Forecast
from indicators.data.figures import figures_as_of, observed_annual
from indicators.tables.catalogue import Indicator
from indicators.tables.observations import Series
from indicators.vocab import TargetKind, ValueType

MIN_HORIZON = 3  # years ahead at least, so every series has a trajectory to draw
N_PATHS = 1000  # sample paths per target: a probability's sampling error is under 1.6 points
ACTUAL_MODEL = "actual"  # the outlook's model when the deadline's figure is already known


@dataclass(frozen=True)
class Outlook:
    """A target's forecast at its deadline (of the measure it is judged on: the level, the
    average growth, the change, the running total) and the probability of meeting it."""

    forecast: Forecast
    probability: float  # 0..1


def years_ahead(deadline: int, last_year: int) -> int:
    """How far a series is forecast: to the deadline, and at least `MIN_HORIZON` years so
    that every series has a trajectory to draw (the stored runs use the same rule)."""
    return max(deadline - last_year, MIN_HORIZON)


def measure_unit(terms: TargetTerms) -> str:
    """The unit of the measure a target is judged on (growth targets: percent)."""
    if terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        return "%"
    return terms.unit


Bounds = tuple[float | None, float | None]

_NATURAL_BOUNDS: dict[ValueType, Bounds] = {
    ValueType.COUNT: (0.0, None), ValueType.LEVEL: (0.0, None), ValueType.INDEX: (0.0, None),
    ValueType.SHARE: (0.0, 100.0), ValueType.GROWTH_RATE: (-100.0, None)}


def natural_bounds(value_type: ValueType) -> Bounds:
    """Return what a kind of value allows: no negative counts, amounts or indices, shares
    within 0–100, no fall beyond −100%."""
    return _NATURAL_BOUNDS.get(value_type, (None, None))


def value_bounds(indicator: Indicator) -> Bounds:
    """Return the range a forecast of the indicator may take: its plausible range where
    the catalogue gives one, else what its kind of value allows (`natural_bounds`)."""
    low, high = natural_bounds(indicator.value_type)
    if indicator.plausible_min is not None:
        low = float(indicator.plausible_min)
    if indicator.plausible_max is not None:
        high = float(indicator.plausible_max)
    return low, high


def is_running_total(indicator: Indicator) -> bool:
    """Tell whether the indicator's figures are a running total (累计: firms certified so
    far, villages covered so far), which never falls below what has been achieved. Its
    catalogue definition says 累计; "期间累计" and "流量" mark yearly flows that a target adds
    up (`cumulative_over_period`), and 1–N月 figures are year-to-date, not running totals."""
    definition = indicator.definition or ""
    if "累计" not in definition or indicator.value_type not in (ValueType.COUNT, ValueType.LEVEL,
                                                              ValueType.SHARE):
        return False
    return not any(mark in definition for mark in ("期间累计", "流量", "1–N月", "1-N月", "同比"))


def achieved_floor(bounds: Bounds, history: Mapping[int, float], *, running_total: bool) -> Bounds:
    """Raise the lower bound of a running total's forecast to its latest figure: what has
    been achieved cannot be undone (`is_running_total`)."""
    low, high = bounds
    if not running_total or not history:
        return bounds
    latest = float(history[max(history)])
    return (latest if low is None else max(low, latest)), high


def clipped(values: np.ndarray, bounds: Bounds) -> np.ndarray:
    """Keep forecast values inside the bounds (None: unbounded on that side)."""
    low, high = bounds
    if low is None and high is None:
        return values
    return np.clip(values, low, high)


def history_frame(histories: Mapping[int | str, Mapping[int, float]]) -> pd.DataFrame:
    """Return a tidy annual panel (series_id, period, value) from year → value maps."""
    rows = [(series_id, pd.Period(year=year, freq="Y"), float(value))
            for series_id, values in histories.items() for year, value in sorted(values.items())]
    return pd.DataFrame(rows, columns=["series_id", "period", "value"])


def annual_history(session: Session, series: Sequence[Series], *,
                   as_of: datetime) -> pd.DataFrame:
    """Return the annual figures of each series as known at `as_of`, on the definition of
    its latest figure (`series_history`): columns series_id, period (annual pandas Period),
    value."""
    histories = {s.id: series_history(observed_annual(
        figures_as_of(session, series=s, as_of=as_of), s, as_of=as_of)) for s in series}
    return history_frame(histories)


@dataclass(frozen=True)
class OutlookRequest:
    """What a target's outlook needs: its terms (with the baseline resolved), the series it
    reads, the figures the target reads (`values`, on its own definition), the series'
    figures to forecast (`history`, on its latest figure's definition; default: `values`)
    and the factor taking the forecast to the target's definition."""

    key: str
    series_id: int | str  # the panel's name for the series (its sample paths are seeded by it)
    terms: TargetTerms
    values: Mapping[int, float]
    bounds: Bounds | None = None  # None: what the target's kind of value allows
    history: Mapping[int, float] | None = None
    from_latest: float = 1.0

    @property
    def series_history(self) -> Mapping[int, float]:
        return self.values if self.history is None else self.history

    @property
    def value_range(self) -> Bounds:
        """The range the forecast values may take: the bounds given, else the natural
        bounds of the target's kind of value (so a count forecast keeps its mass at 0)."""
        return natural_bounds(self.terms.value_type) if self.bounds is None else self.bounds


def request_for(terms: TargetTerms, observed: Observed, *, key: str, series_id: int | str,
                as_of_year: int, bounds: Bounds | None = None) -> OutlookRequest | None:
    """What a target's outlook needs: its series' figures up to `as_of_year` to forecast,
    the figures the target reads on its own definition (exactly as its status reads them,
    `indicators.arithmetic.definitions`), and the baseline the arithmetic uses (stated,
    else observed). None when a break leaves the target without a comparable history."""
    history = target_history(terms, observed)
    if history.broken_at is not None:
        return None
    values, _ = fill_missing_years(  # bridged as the status bridges them
        terms, {y: v for y, v in history.values.items() if y <= as_of_year})
    base = terms.base_year
    baseline = terms.baseline_value if terms.baseline_value is not None else (
        None if base is None else values.get(base))
    return OutlookRequest(
        key, series_id, replace(terms, baseline_value=baseline), values, bounds,
        history={y: v for y, v in series_history(observed).items() if y <= as_of_year},
        from_latest=history.from_latest)


def outlooks(requests: Sequence[OutlookRequest], *, default_tolerance: float, seed: int = 0,
             n_paths: int = N_PATHS, wanted: set[str] | None = None) -> dict[str, Outlook]:
    """Forecast every requested series to its furthest deadline in one panel call and
    return each target's outlook; targets whose deadline figure is known get the figure
    itself (model `ACTUAL_MODEL`), targets whose series has too few figures get none. All
    requests calibrate the forecast; outlooks are returned for the `wanted` keys (all by
    default)."""
    horizons = _horizons(requests)
    forecast = None
    if horizons:
        histories = {r.series_id: r.series_history for r in requests
                     if r.series_id in horizons}
        forecast = forecast_panel(history_frame(histories), pd.Series(horizons), seed=seed)
    found = {}
    for request in requests:
        if wanted is not None and request.key not in wanted:
            continue
        outlook = _outlook(request, forecast, default_tolerance, n_paths)
        if outlook is not None:
            found[request.key] = outlook
    return found


def _horizons(requests: Sequence[OutlookRequest]) -> dict[int | str, int]:
    """Years ahead per series: to its targets' latest deadline (`years_ahead`)."""
    horizons: dict[int | str, int] = {}
    for r in requests:
        if r.series_history:  # one figure is enough (`forecasting`'s short-series walk)
            need = years_ahead(r.terms.deadline_year, max(r.series_history))
            horizons[r.series_id] = max(horizons.get(r.series_id, 1), need)
    return horizons


# Probabilities of the forecast summary: the point (the median), then the 95% and 80% ends.
_SUMMARY_PROBS = (0.5, 0.025, 0.1, 0.9, 0.975)


def judged_on_deadline_value(terms: TargetTerms) -> bool:
    """Tell whether the measure a target is judged on depends on its series only through the
    deadline year's figure (a level, a share, a change or average growth read from levels),
    rising or falling with it; the others read the whole path (rates compounded, running
    totals, every year's figure)."""
    if terms.kind in (TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE):
        return True
    if terms.kind in (TargetKind.AVERAGE_ANNUAL_GROWTH, TargetKind.CHANGE_VS_BASELINE):
        return not terms.from_rates
    return False


def _outlook(request: OutlookRequest, forecast: PanelForecast | None, tolerance: float,
             n_paths: int) -> Outlook | None:
    """The distribution of the measure the target is judged on, at its deadline, over the
    sample paths (or the known measure, when the deadline figure is in).

    The point forecast is the median, inside both intervals. Where the measure follows the
    deadline year's figure alone, the point and intervals are the forecast's own quantiles
    at the deadline carried through the measure (no sampling), so they equal the stored
    forecast run's figures for that year; the probability is the share of (stratified) paths
    meeting the target, which puts it on the same side of ½ as the point."""
    terms, values = request.terms, request.values
    if not values:
        return None
    if not future_years(values, terms.deadline_year):
        paths, model = np.empty((0, 0)), ACTUAL_MODEL
    elif forecast is None or not request.series_history:
        return None
    else:
        paths = clipped(forecast.paths(request.series_id, n_paths),
                        request.value_range) * request.from_latest
        model = forecast.model_of(request.series_id)
    judged = judge_future(terms, values, terms.baseline_value, paths,
                          default_tolerance=tolerance)
    if judged is None or np.isnan(judged[0]).any():
        return None
    measures, met = judged
    if model != ACTUAL_MODEL and forecast is not None and judged_on_deadline_value(terms):
        summary = _exact_summary(request, forecast, tolerance)
    else:
        summary = np.quantile(measures, _SUMMARY_PROBS)
    point, lo_95, lo_80, hi_80, hi_95 = (float(v) for v in summary)
    return Outlook(Forecast(terms.deadline_year, point, lo_80, hi_80, lo_95, hi_95, model,
                            measure_unit(terms)), float(met.mean()))


def _exact_summary(request: OutlookRequest, forecast: PanelForecast,
                   tolerance: float) -> np.ndarray:
    """Point and interval ends of a deadline-value measure from the forecast's quantiles."""
    terms = request.terms
    step = terms.deadline_year - max(request.series_history)
    at_deadline = forecast.value_quantiles(request.series_id, _SUMMARY_PROBS)[step - 1]
    inside = clipped(at_deadline, request.value_range) * request.from_latest
    measures = [judge_path(terms, {**request.values, terms.deadline_year: float(v)},
                           terms.baseline_value, default_tolerance=tolerance)[0]
                for v in inside]
    point, lo_95, lo_80, hi_80, hi_95 = measures
    lo_95, hi_95 = sorted((lo_95, hi_95))  # a measure falling with the figure swaps the ends
    lo_80, hi_80 = sorted((lo_80, hi_80))
    return np.array([point, lo_95, lo_80, hi_80, hi_95])

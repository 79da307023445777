"""Forecast the series that approved targets read, as their data stood at a moment, and
store the run: per series the model chosen (or why there is none) and the trajectory.

The numerics are `forecasting.forecast_panel`, called once for the whole panel; the
histories come from `indicators.outlook.annual_history` (newest vintage known at `as_of`,
on one definition across linked breaks). Like every data function this flushes and leaves
the commit to its caller, so a run that fails half-way is rolled back whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from typing import Any

import numpy as np
import pandas as pd
from sqlalchemy.orm import Session

import forecasting
from indicators.clock import utc_now
from indicators.data import queries
from indicators.runs.outlook import (
    Bounds,
    achieved_floor,
    annual_history,
    clipped,
    is_running_total,
    value_bounds,
    years_ahead,
)
from indicators.tables.catalogue import Target
from indicators.tables.forecasts import ForecastPoint, ForecastRun, ForecastSeriesModel
from indicators.tables.observations import Series
from indicators.text.messages import Language, message

LEVELS = (80, 95)
QUANTILES = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95)
# A series with at least one annual figure is forecast (one or two: `forecasting`'s
# short-series random walk, with honestly wide intervals); none and it gets no forecast.
MIN_ANNUAL_FIGURES = 1
INSUFFICIENT_DATA = "insufficient_data"  # the model forecasting names for "no forecast"


class NotForecastableError(LookupError):
    """A series was asked for that no approved target reads."""


@dataclass(frozen=True)
class SeriesToForecast:
    """A series and the approved targets that read it."""

    series: Series
    targets: tuple[Target, ...]

    @property
    def deadline(self) -> int:
        """The latest deadline among its targets: how far the forecast must reach."""
        return max(t.deadline_year for t in self.targets)


def approved_series(session: Session) -> dict[int, SeriesToForecast]:
    """Return the stored series of every approved target, by id, with their targets. A
    target whose series has never had a figure has no series row and nothing to forecast."""
    targets = queries.approved_targets(session)
    series = queries.series_of_targets(session, targets)
    readers: dict[int, list[Target]] = {}
    for target in targets:
        if target.id in series:
            readers.setdefault(series[target.id].id, []).append(target)
    by_id = {s.id: s for s in series.values()}
    return {sid: SeriesToForecast(by_id[sid], tuple(readers[sid])) for sid in sorted(readers)}


def forecastable_series(session: Session, series_ids: Iterable[int]) -> set[int]:
    """Return those of `series_ids` that an approved target reads (after an upload, the
    changed series worth re-forecasting)."""
    return set(series_ids) & set(approved_series(session))


def method_version() -> str:
    """Name the code that makes the forecasts, stored with every run."""
    version = getattr(forecasting, "__version__", None) or metadata.version("targetwatch")
    return f"forecasting {version}"


def run_forecast(session: Session, *, as_of: datetime, series_ids: set[int] | None = None,
                 seed: int = 0) -> ForecastRun:
    """Forecast the series of every approved target (or just `series_ids`, each of which
    an approved target must read) with the data known at `as_of`; store the run (flush
    only). Raises NotForecastableError for a series no approved target reads.

    The panel is always every approved target's series: `forecast_panel` calibrates its
    intervals on the backtest errors of the whole call, so a run for one uploaded series
    gets the same intervals the nightly run would give it, not those of a one-series panel.
    Only the series asked for are stored."""
    panel = approved_series(session)
    scope = _scope(panel, series_ids)
    run = ForecastRun(as_of=as_of, seed=seed, levels=list(LEVELS),
                      method_version=method_version(), series_count=len(scope))
    session.add(run)
    session.flush()
    history = annual_history(session, [s.series for s in panel.values()], as_of=as_of)
    counts = history.groupby("series_id")["value"].count()
    enough = [sid for sid in panel if counts.get(sid, 0) >= MIN_ANNUAL_FIGURES]
    for series_id in scope:
        if series_id not in enough:
            _store_insufficient(session, run, series_id, history)
    if any(sid in scope for sid in enough):
        _forecast_and_store(session, run, history[history["series_id"].isin(enough)],
                            {sid: panel[sid].deadline for sid in enough}, stored=set(scope),
                            bounds={sid: _bounds(panel[sid], history) for sid in scope})
    run.finished_at = utc_now()
    session.flush()
    return run


def _bounds(entry: SeriesToForecast, history: pd.DataFrame) -> Bounds:
    """The range the series' forecast may take: its indicator's, and for a running total
    (累计) never below its latest figure (`outlook.achieved_floor`)."""
    indicator = entry.series.indicator
    own = history[history["series_id"] == entry.series.id]
    figures = {p.year: float(v) for p, v in zip(own["period"], own["value"], strict=True)}
    return achieved_floor(value_bounds(indicator), figures,
                          running_total=is_running_total(indicator))


def _scope(panel: dict[int, SeriesToForecast],
           series_ids: set[int] | None) -> dict[int, SeriesToForecast]:
    """The series to store: all of the panel, or those asked for (each must be in it)."""
    if series_ids is None:
        return panel
    unknown = set(series_ids) - set(panel)
    if unknown:
        raise NotForecastableError(f"no approved target reads series {sorted(unknown)}")
    return {sid: panel[sid] for sid in sorted(series_ids)}


def horizons(history: pd.DataFrame, deadlines: dict[int, int]) -> pd.Series:
    """Years ahead per series: to its latest deadline (`outlook.years_ahead`)."""
    last = history.groupby("series_id")["period"].max()
    return pd.Series({sid: years_ahead(deadline, last[sid].year)
                      for sid, deadline in deadlines.items()}, dtype="int64")


def _forecast_and_store(session: Session, run: ForecastRun, history: pd.DataFrame,
                        deadlines: dict[int, int], *, stored: set[int],
                        bounds: dict[int, Bounds]) -> None:
    """Forecast the whole panel in one call and store the `stored` series of it, each
    inside the range its indicator's values can take."""
    panel = forecasting.forecast_panel(history, horizons(history, deadlines),
                                       levels=LEVELS, seed=run.seed)
    wanted = panel.quantiles(QUANTILES)
    quantiles = _quantile_maps(wanted[wanted["series_id"].isin(stored)])
    frame = panel.frame[panel.frame["series_id"].isin(stored)].sort_values(["series_id", "step"])
    models = panel.models.set_index("series_id")
    last = history.groupby("series_id")["period"].max()
    for series_id, rows in frame.groupby("series_id", sort=True):
        chosen = models.loc[series_id]
        made = chosen["model"] != INSUFFICIENT_DATA and rows["mean"].notna().all()
        _store_series(session, run, ForecastSeriesModel(
            series_id=int(series_id), model=str(chosen["model"]), reason=str(chosen["reason"]),
            n_obs=int(chosen["n_obs"]), last_period=str(last[series_id].year)),
            [_point(int(series_id), row, quantiles, bounds[int(series_id)])
             for row in rows.itertuples(index=False)] if made else [])


def _store_series(session: Session, run: ForecastRun, model: ForecastSeriesModel,
                  points: Sequence[ForecastPoint]) -> None:
    """Add one series' model and points to the run."""
    model.run_id = run.id
    session.add(model)
    for point in points:
        point.run_id = run.id
    session.add_all(points)
    session.flush()


def _quantile_maps(table: pd.DataFrame) -> dict[tuple[int, int], dict[str, float]]:
    """Turn the long quantile table into {(series_id, step): {"0.05": v, …}}."""
    maps: dict[tuple[int, int], dict[str, float]] = {}
    for row in table.itertuples(index=False):
        key = (int(row.series_id), int(row.step))
        maps.setdefault(key, {})[format(float(row.q), "g")] = float(row.value)
    return maps


def _point(series_id: int, row: Any, quantiles: dict[tuple[int, int], dict[str, float]],
           bounds: Bounds) -> ForecastPoint:
    """Turn one row of the panel's frame (a named tuple) into a stored point."""
    step = int(row.step)
    mean, lo_80, hi_80, lo_95, hi_95 = (float(v) for v in clipped(np.array(
        [row.mean, row.lo_80, row.hi_80, row.lo_95, row.hi_95], dtype=float), bounds))
    levels = quantiles.get((series_id, step), {})
    inside = clipped(np.array(list(levels.values()), dtype=float), bounds)
    return ForecastPoint(
        series_id=series_id, step=step, period_code=str(row.period.year), mean=mean,
        lo_80=lo_80, hi_80=hi_80, lo_95=lo_95, hi_95=hi_95,
        quantiles=dict(zip(levels, (float(v) for v in inside), strict=True)))


def _store_insufficient(session: Session, run: ForecastRun, series_id: int,
                        history: pd.DataFrame) -> None:
    """Record that a series has too few annual figures to forecast."""
    own = history[history["series_id"] == series_id]
    reason = message("forecast.insufficient_data", Language.EN, n=len(own),
                     minimum=MIN_ANNUAL_FIGURES)
    last = str(own["period"].max().year) if len(own) else None
    _store_series(session, run, ForecastSeriesModel(
        series_id=series_id, model=INSUFFICIENT_DATA, reason=reason, n_obs=len(own),
        last_period=last), [])

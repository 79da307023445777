"""`forecast_panel`: one call forecasts a whole tidy panel of series, with calibrated
intervals and sample paths.

Each frequency in the panel is forecast as one right-aligned matrix (`forecasting.panel`),
so the cost grows with the number of series only through array sizes, and the result for a
series does not depend on which other series share the call, except through the interval
calibration, which pools the backtest errors of the series of that call. Partitioning a
large panel by series (on a Dask cluster, say) therefore gives the same point forecasts,
and the same intervals when each part is large enough to calibrate on its own
(see `calibration.MIN_ERRORS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from forecasting.arrays import nan_mean
from forecasting.calibration import (
    GRID,
    backtest_errors,
    error_quantiles,
    quantile_at,
    series_scale,
)
from forecasting.combination import combined_forecasts
from forecasting.panel import Panel, future_periods, panels_from_tidy
from forecasting.sampling import path_seed, sample_paths

# The share of the panel's median backtest error, per step, added to the point forecasts,
# by frequency. The median of methods under-forecasts growing series (SES and Theta damp the
# trend), and the panel's own backtests measure by how much. The point forecast is the
# median of its own predictive distribution: the error quantiles are centred on it, so that
# half the sample paths lie on either side and a probability of meeting a target is above ½
# exactly when the point forecast meets it. Yearly series (every target's) take the whole
# median error: their distribution is then the one the intervals were calibrated as (yearly
# coverage and MSIS unchanged) and the point improves (yearly OWA 0.837 → 0.832, 6-point
# 0.924 → 0.916). Quarterly and monthly take half: all of it made quarterly OWA worse
# (0.902 → 0.919), and half, centred, keeps 0.902 with MSIS 19.34 → 19.35 (bench/RESULTS.md).
BIAS_SHARES = {"Y": 1.0, "Q": 0.5, "M": 0.5}
EXTRA_ORIGINS = 8  # backtest origins beyond the horizon, for the calibration
MIN_FIGURES = 3  # fewer figures than this: the short-series random walk (`short_scale`)
MODEL_SHORT_SERIES = "random_walk_short"
# A series of one or two figures: a random walk from its last figure (no drift: one change
# is no trend), its scale the larger of its own change (if any) and a borrowed one, the
# panel's median relative scale (scale over mean absolute level, series of `MIN_FIGURES` or
# more figures, same frequency) times its last figure's size, widened by `SHORT_WIDENING`
# for what one or two figures cannot tell. Measured on the 1,344 yearly M1/M3/Tourism series
# each cut to its last one or two figures, forecast beside the full panel (bench/RESULTS.md):
# 80%/95% coverage 0.92/0.97 (one figure) and 0.96/0.99 (two), against 0.81/0.93 for the
# full series: wider, as they should be; without the widening 0.87/0.95 and 0.93/0.98, not
# always wider than a longer series'. Drift from the one change of two figures did much worse
# (OWA 1.14 at half the change, 1.59 at all of it, against 0.94 without). The walk's error
# quantiles are the panel's made symmetric (`_PartForecast.table_of`): MSIS 40.3 → 40.1.
SHORT_WIDENING = 1.25
SHORT_RELATIVE_SCALE = 0.1  # with no series to borrow from: a tenth of the figure a step


@dataclass(frozen=True)
class _PartForecast:
    """The forecast of one frequency's panel."""

    panel: Panel
    mean: np.ndarray  # (n, H)
    scale: np.ndarray  # (n,)
    table: np.ndarray  # (H, len(GRID)) scaled-error quantiles
    horizons: np.ndarray  # (n,)
    models: np.ndarray  # (n,)
    reasons: np.ndarray  # (n,)
    support: np.ndarray  # (H,) backtest errors behind each step's quantiles

    def table_of(self, row: int) -> np.ndarray:
        """The error quantiles of one series: the panel's, made symmetric for a short-series
        walk (one change says nothing of direction, so neither tail is the longer)."""
        if self.models[row] != MODEL_SHORT_SERIES:
            return self.table
        return (self.table - self.table[:, ::-1]) / 2


@dataclass(frozen=True)
class PanelForecast:
    """Point forecasts, intervals, quantiles and sample paths of every series."""

    parts: tuple[_PartForecast, ...]
    levels: tuple[int, ...]
    seed: int

    @cached_property
    def frame(self) -> pd.DataFrame:
        """Tidy: series_id, step, period, mean, lo_<L>, hi_<L> per level, model."""
        probs = [p for level in self.levels for p in _level_probs(level)]
        frames = [_tidy(part, probs, self.levels) for part in self.parts]
        return _sorted(_concat(frames, ["series_id", "step", "period", "mean",
                                        *[f"{side}_{lv}" for lv in self.levels
                                          for side in ("lo", "hi")], "model"]))

    @property
    def models(self) -> pd.DataFrame:
        """series_id, model, reason, n_obs, freq: which model each series got, and why."""
        frames = [pd.DataFrame({"series_id": part.panel.ids, "model": part.models,
                                "reason": part.reasons, "n_obs": part.panel.counts,
                                "freq": part.panel.freq}) for part in self.parts]
        return _sorted(_concat(frames, ["series_id", "model", "reason", "n_obs", "freq"]))

    def quantiles(self, probs: Sequence[float]) -> pd.DataFrame:
        """Tidy: series_id, step, period, q, value, for every probability in `probs`."""
        frames = []
        for part in self.parts:
            wide = _tidy(part, list(probs), ())
            long = wide.melt(id_vars=["series_id", "step", "period"],
                             value_vars=[_q_column(p) for p in probs], var_name="q")
            long["q"] = long["q"].map(dict(zip([_q_column(p) for p in probs], probs,
                                               strict=True)))
            frames.append(long)
        return _sorted(_concat(frames, ["series_id", "step", "period", "q", "value"]))

    def paths(self, series_id: object, n_paths: int = 1000) -> np.ndarray:
        """Sample paths (n_paths, h) of one series, reproducible from the seed."""
        part, row = self._locate(series_id)
        h = int(part.horizons[row])
        mean = part.mean[row, :h]
        if np.isnan(mean).any():
            return np.full((n_paths, h), np.nan)
        return sample_paths(mean, float(part.scale[row]), part.table_of(row)[:h],
                            path_seed(self.seed, series_id), n_paths)

    def value_quantiles(self, series_id: object, probs: Sequence[float]) -> np.ndarray:
        """The forecast distribution's quantiles (h, len(probs)) of one series, exactly as
        the frame's intervals and `quantiles` compute them (no sampling); the point forecast
        is the quantile at 0.5."""
        part, row = self._locate(series_id)
        h = int(part.horizons[row])
        spread = quantile_at(part.table_of(row)[:h], np.asarray(probs, dtype=float))
        return part.mean[row, :h][:, None] + float(part.scale[row]) * spread

    def model_of(self, series_id: object) -> str:
        """Return the model a series got."""
        part, row = self._locate(series_id)
        return str(part.models[row])

    def _locate(self, series_id: object) -> tuple[_PartForecast, int]:
        for part in self.parts:
            rows = np.flatnonzero(part.panel.ids == series_id)
            if len(rows):
                return part, int(rows[0])
        raise KeyError(series_id)


@dataclass(frozen=True)
class BacktestedPart:
    """One frequency's series forecast from every origin, before calibration: what a
    worker computes for its share of a partitioned panel."""

    panel: Panel
    mean: np.ndarray  # (n, H) origin-0 forecasts, NaN for series too short
    scale: np.ndarray  # (n,)
    errors: np.ndarray  # (n, O, H) scaled backtest errors, NaN rows for series too short
    horizons: np.ndarray  # (n,)
    models: np.ndarray  # (n,)
    reasons: np.ndarray  # (n,)


@dataclass(frozen=True)
class Calibration:
    """Per frequency, the scaled-error quantile table (H, len(GRID)) and its support."""

    tables: dict[str, tuple[np.ndarray, np.ndarray]]


def forecast_panel(history: pd.DataFrame, horizon: int | pd.Series,
                   levels: Sequence[int] = (80, 95), *, seed: int = 0,
                   calibration: Calibration | None = None,
                   max_horizon: int | None = None) -> PanelForecast:
    """Forecast every series of a tidy frame (series_id, period, value; periods as pandas
    Periods of frequency Y, Q or M) `horizon` steps ahead (one int, or a Series indexed by
    series_id), with intervals at `levels` percent and sample paths from `seed`.

    The intervals are calibrated on this call's own backtests unless a `calibration` (from
    `calibrate` over a whole panel's `backtest_panel` parts) is given; `max_horizon` (default:
    the largest horizon asked for) sets how many origins the backtest uses. With both taken
    from the whole panel, any split of it by series gives exactly the whole panel's result.
    """
    parts = backtest_panel(history, horizon, max_horizon=max_horizon)
    calibration = calibration or calibrate(parts)
    return finish(parts, calibration, levels, seed=seed)


def backtest_panel(history: pd.DataFrame, horizon: int | pd.Series, *,
                   max_horizon: int | None = None) -> list[BacktestedPart]:
    """Forecast every series from every backtest origin (phase one of `forecast_panel`)."""
    span = max_horizon or _largest(horizon)
    return [_backtest_part(panel, _horizons(panel, horizon), span)
            for panel in panels_from_tidy(history)]


def calibrate(parts: Sequence[BacktestedPart]) -> Calibration:
    """Pool the backtest errors of all parts, per frequency, into quantile tables."""
    by_freq: dict[str, list[BacktestedPart]] = {}
    for part in parts:
        by_freq.setdefault(part.panel.freq, []).append(part)
    tables = {}
    for freq, group in by_freq.items():
        errors = np.concatenate([part.errors for part in group])
        tables[freq] = error_quantiles(errors, errors.shape[2])
    return Calibration(tables)


def finish(parts: Sequence[BacktestedPart], calibration: Calibration,
           levels: Sequence[int] = (80, 95), *, seed: int = 0) -> PanelForecast:
    """Attach the calibrated error quantiles to each part (phase two of `forecast_panel`)."""
    finished = []
    for part in parts:
        table, support = calibration.tables[part.panel.freq]
        median = table[:, len(GRID) // 2]  # (H,) the median backtest error, scaled
        share = BIAS_SHARES.get(part.panel.freq, 0.5)
        mean = part.mean + part.scale[:, None] * (share * median)[None, :]
        finished.append(_PartForecast(part.panel, mean, part.scale, table - median[:, None],
                                      part.horizons, part.models, part.reasons, support))
    return PanelForecast(tuple(finished), tuple(int(level) for level in levels), seed)


def _largest(horizon: int | pd.Series) -> int:
    return int(horizon.max()) if isinstance(horizon, pd.Series) else int(horizon)


def _horizons(panel: Panel, horizon: int | pd.Series) -> np.ndarray:
    if isinstance(horizon, pd.Series):
        found = horizon.reindex(pd.Index(panel.ids, dtype=object))
        if found.isna().any():
            missing = list(found.index[found.isna()][:5])
            raise ValueError(f"no horizon for series {missing}")
        values = found.to_numpy(dtype=int)
    else:
        values = np.full(len(panel.ids), int(horizon))
    if (values < 1).any():
        raise ValueError("horizons must be at least 1")
    return values


def _backtest_part(panel: Panel, horizons: np.ndarray, max_h: int) -> BacktestedPart:
    if horizons.max() > max_h:
        raise ValueError(f"a horizon exceeds max_horizon={max_h}")
    values = _padded(_fill_gaps(panel.values), max_h + EXTRA_ORIGINS + 1)
    enough = panel.counts >= MIN_FIGURES
    result = combined_forecasts(values, panel.season_length, max_h + EXTRA_ORIGINS, max_h)
    scale = series_scale(values)
    errors = backtest_errors(values, result.forecasts, scale)
    errors[~enough] = np.nan
    mean = np.where(enough[:, None], result.forecasts[:, 0, :], _short_walk(values, max_h))
    scale = np.where(enough, scale, short_scale(values, scale, enough))
    models = np.where(enough, result.models, MODEL_SHORT_SERIES)
    reasons = np.array([_reason(panel.freq, n, model) for n, model in
                        zip(panel.counts, models, strict=True)], dtype=object)
    return BacktestedPart(panel, mean, scale, errors, horizons, models, reasons)


def _short_walk(values: np.ndarray, horizon: int) -> np.ndarray:
    """The short-series point forecast (n, horizon): the last figure, every step."""
    last = values[:, -1]  # right-aligned: every series' last figure
    return np.repeat(last[:, None], horizon, axis=1)


def short_scale(values: np.ndarray, scale: np.ndarray, enough: np.ndarray) -> np.ndarray:
    """Return the step scale of every series as if it had fewer than `MIN_FIGURES` figures:
    SHORT_WIDENING × max(its own mean absolute change, if it has one; r × |last figure|),
    r being the median relative scale of the `enough` series (`SHORT_RELATIVE_SCALE`
    without any); a last figure of 0 falls back on `series_scale`'s floor of 1."""
    level = nan_mean(np.abs(values), axis=1)
    usable = enough & (np.nan_to_num(level) > 0)
    relative = scale[usable] / level[usable]
    borrowed = float(np.median(relative)) if len(relative) else SHORT_RELATIVE_SCALE
    changes = np.abs(np.diff(values, axis=1))
    own = np.nan_to_num(nan_mean(changes, axis=1))
    size = borrowed * np.abs(np.nan_to_num(values[:, -1]))
    return SHORT_WIDENING * np.where(np.maximum(own, size) > 0, np.maximum(own, size), 1.0)


def _reason(freq: str, count: int, model: str) -> str:
    if model == MODEL_SHORT_SERIES:
        return (f"{count} figure{'s' if count > 1 else ''}: too few for any trend, a random "
                f"walk with a borrowed, widened spread (at least {MIN_FIGURES} for drift)")
    if model.startswith("drift"):
        return f"{count} figures: too few to combine methods, drift alone"
    seasonal = "; seasonally adjusted (M4 90% test)" if "seasonal" in model else ""
    return f"{count} figures ({freq}): median of five methods{seasonal}"


def _padded(values: np.ndarray, width: int) -> np.ndarray:
    """Pad on the left with NaN to at least `width` columns, so every origin exists."""
    missing = width - values.shape[1]
    if missing <= 0:
        return values
    return np.hstack([np.full((len(values), missing), np.nan), values])


def _fill_gaps(values: np.ndarray) -> np.ndarray:
    """Interpolate missing periods inside each series linearly; leave the padding."""
    missing = np.isnan(values) & (np.cumsum(~np.isnan(values), axis=1) > 0)
    gappy = missing.any(axis=1)
    if not gappy.any():
        return values
    filled = values.copy()
    frame = pd.DataFrame(values[gappy].T)
    filled[gappy] = frame.interpolate(limit_area="inside").to_numpy().T
    return filled


def _level_probs(level: int) -> tuple[float, float]:
    tail = (100 - level) / 200
    return tail, 1 - tail


def _q_column(prob: float) -> str:
    return f"q{prob:.6f}"


def _tidy(part: _PartForecast, probs: list[float], levels: Sequence[int]) -> pd.DataFrame:
    """Tidy rows of one part: every series to its own horizon."""
    _n, max_h = part.mean.shape
    steps = np.arange(1, max_h + 1)
    keep = steps[None, :] <= part.horizons[:, None]
    rows, cols = np.nonzero(keep)
    ordinals = future_periods(part.panel, max_h)[rows, cols]
    spread = quantile_at(part.table, np.asarray(probs, dtype=float))  # (H, P)
    walks = np.flatnonzero(part.models == MODEL_SHORT_SERIES)
    symmetric = quantile_at(part.table_of(int(walks[0])), np.asarray(probs, dtype=float)) \
        if len(walks) else spread
    short = (part.models == MODEL_SHORT_SERIES)[rows][:, None]
    chosen = np.where(short, symmetric[cols], spread[cols])
    bounds = part.mean[rows, cols][:, None] + part.scale[rows][:, None] * chosen
    frame = pd.DataFrame({"series_id": part.panel.ids[rows], "step": steps[cols],
                          "period": pd.PeriodIndex.from_ordinals(ordinals, freq=part.panel.freq),
                          "mean": part.mean[rows, cols]})
    named = {_q_column(p): bounds[:, k] for k, p in enumerate(probs)}
    for level in levels:
        low, high = _level_probs(level)
        named[f"lo_{level}"] = named.pop(_q_column(low), bounds[:, probs.index(low)])
        named[f"hi_{level}"] = named.pop(_q_column(high), bounds[:, probs.index(high)])
    for level in levels:  # an interval always holds its point forecast
        named[f"lo_{level}"] = np.minimum(named[f"lo_{level}"], frame["mean"].to_numpy())
        named[f"hi_{level}"] = np.maximum(named[f"hi_{level}"], frame["mean"].to_numpy())
    frame = pd.concat([frame, pd.DataFrame(named)], axis=1)
    frame["model"] = part.models[rows]
    return frame


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    """Order rows by series (then step and quantile), whatever parts they came from."""
    keys = [c for c in ("series_id", "step", "q") if c in frame.columns]
    return frame.sort_values(keys, kind="stable", ignore_index=True)


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]

"""Interval widths calibrated from the panel's own rolling-origin errors, by horizon.

Each series' backtest errors are divided by its scale (the mean absolute one-step change,
as in MASE) so that series of any size pool together. The empirical quantiles of those
scaled errors, per step ahead, are the predictive distribution's shape; a forecast's
interval is its point forecast plus its series' scale times those quantiles.

- The quantiles come from the recent errors (actuals in each series' last H periods) and
  are stretched by how much the older errors under-covered the latest ones
  (`recency_factors`): statistics have grown more volatile, and the future lies further on.
- Where the panel has too few errors at a step (short series, small panels), the nearest
  supported step's quantiles are extended by the width growth the supported steps show;
  with no errors at all, a Laplace shape of scale 1.5 per step stands in, wider than most
  short yearly series need (honest, not tight).
- Widths never shrink with the horizon.
"""

from __future__ import annotations

import numpy as np

from forecasting.arrays import nan_mean

# Probabilities at which the error distribution is kept; intervals and sample paths
# interpolate between them.
GRID = np.concatenate([[0.0025], np.linspace(0.005, 0.995, 199), [0.9975]])
MIN_ERRORS = 60  # scaled errors needed at a step to trust its empirical quantiles
_FALLBACK_SCALE = 1.5
RECENT_SHARE = 0.5  # recency check: actuals in each series' last half-horizon vs older ones


def series_scale(values: np.ndarray) -> np.ndarray:
    """Return each series' mean absolute one-step change; a constant series gets 1% of its
    level (or 1 for zeros), so that its intervals are narrow but not empty."""
    changes = np.abs(np.diff(values, axis=1))
    scale = nan_mean(changes, axis=1)
    level = nan_mean(np.abs(values), axis=1)
    floor = np.where(np.nan_to_num(level) > 0, 0.01 * np.nan_to_num(level), 1.0)
    return np.where(np.nan_to_num(scale) > 0, scale, floor)


def backtest_errors(values: np.ndarray, forecasts: np.ndarray, scale: np.ndarray,
                    min_history: int = 3) -> np.ndarray:
    """Return scaled errors (n, O, H) of the backtest forecasts (origins 1..O−1), NaN where
    the actual is not known yet or the origin had fewer than `min_history` figures."""
    _n, width = values.shape
    _, n_origins, horizon = forecasts.shape
    counts = np.cumsum(~np.isnan(values), axis=1)
    errors = np.full(forecasts.shape, np.nan)
    for j in range(1, n_origins):
        origin = width - 1 - j
        if origin < 0:
            break
        enough = counts[:, origin] >= min_history
        for h in range(1, min(j, horizon) + 1):
            actual = values[:, origin + h]
            error = (actual - forecasts[:, j, h - 1]) / scale
            errors[:, j, h - 1] = np.where(enough, error, np.nan)
    return errors


def error_quantiles(errors: np.ndarray, horizon: int, *,
                    inflate: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Return the scaled-error quantiles at `GRID` for steps 1..horizon, (horizon, len(GRID)),
    and how many errors supported each step.

    With `inflate`, the quantiles come from the recent errors alone (actuals in each
    series' last H periods, the nearest analogue of the future) where every step has enough
    of them, and are then stretched about the median by the `recency_factors`: the spread
    of errors has been growing, and the future lies one more step along that trend.
    """
    if inflate:
        recent = np.where(recent_mask(errors.shape, 1.0), errors, np.nan)
        table, support = error_quantiles(recent, horizon, inflate=False)
        if np.all(support[:min(horizon, errors.shape[2])] >= MIN_ERRORS):
            base = table
        else:
            base, support = error_quantiles(errors, horizon, inflate=False)
        median = base[:, len(GRID) // 2][:, None]
        return median + (base - median) * recency_factors(errors)[None, :], support
    pooled = [errors[:, :, h].ravel() for h in range(min(horizon, errors.shape[2]))]
    pooled = [e[~np.isnan(e)] for e in pooled]
    support = np.array([len(e) for e in pooled] + [0] * (horizon - len(pooled)))
    table = np.full((horizon, len(GRID)), np.nan)
    for h, sample in enumerate(pooled):
        if len(sample) >= MIN_ERRORS:
            table[h] = np.quantile(sample, GRID)
    return _fill_unsupported(table), support


def recent_mask(shape: tuple[int, ...], share: float) -> np.ndarray:
    """Mark the errors (n, O, H) whose actual falls in each series' last share × H periods:
    from origin j, step h lands j − h periods before the end."""
    _, n_origins, horizon = shape
    j = np.arange(n_origins)[:, None]
    h = np.arange(1, horizon + 1)[None, :]
    return np.broadcast_to((j - h) < share * horizon, shape)


def recency_factors(errors: np.ndarray) -> np.ndarray:
    """Return, per `GRID` probability, how much wider than the older backtest errors'
    quantiles an interval had to be to cover the recent errors at its nominal rate.

    The recent errors are those whose actual falls in each series' last H periods; the
    older ones calibrate, the recent ones check. Statistics tend to be more volatile lately
    than their early history suggests, and the future follows the recent past: on the
    yearly M-competition series the plain pooled quantiles covered 89% at 95%.
    Factors below 1 are not used (intervals are never narrowed on this evidence).
    """
    _n, n_origins, horizon = errors.shape
    j = np.arange(n_origins)[:, None]
    h = np.arange(1, horizon + 1)[None, :]
    recent = np.broadcast_to((j - h) < RECENT_SHARE * horizon, errors.shape)
    old_errors = np.where(recent, np.nan, errors)
    new_errors = np.where(recent, errors, np.nan)
    old_table, _ = error_quantiles(old_errors, horizon, inflate=False)
    factors = np.ones(len(GRID))
    for level in (0.5, 0.8, 0.9, 0.95, 0.99):
        factor = _covering_factor(old_table, new_errors, level)
        if factor is not None:
            factors = np.where(np.abs(2 * GRID - 1) >= level - 1e-9,
                               np.maximum(factors, factor), factors)
    return np.maximum.accumulate(factors[len(GRID) // 2:])[
        np.abs(np.arange(len(GRID)) - len(GRID) // 2)]


def _covering_factor(table: np.ndarray, errors: np.ndarray, level: float) -> float | None:
    """The smallest stretch (about the median) of the table's central `level` interval
    that covers that share of `errors`; None with too few errors to tell."""
    lo_p, hi_p = (1 - level) / 2, (1 + level) / 2
    middle = quantile_at(table, np.array([lo_p, 0.5, hi_p]))  # (H, 3)
    horizon = min(errors.shape[2], len(table))
    found = ~np.isnan(errors[:, :, :horizon])
    if found.sum() < MIN_ERRORS:
        return None
    e = errors[:, :, :horizon][found]
    steps = np.nonzero(found)[2]
    median = middle[steps, 1]
    low, high = median - middle[steps, 0], middle[steps, 2] - median
    below, above = e < median, e >= median
    need = np.where(below, (median - e) / np.maximum(low, 1e-12),
                    (e - median) / np.maximum(high, 1e-12))
    need = np.where(below | above, need, 0.0)
    return float(max(np.quantile(need, level), 1.0))


def _fill_unsupported(table: np.ndarray) -> np.ndarray:
    """Extend the nearest supported step's quantiles to a step with too few errors, by the
    growth of the interval width with the step that the supported steps show (width ∝ h^γ,
    γ fitted on them, between a random walk's ½ and a mis-estimated trend's 1½; ½ with one
    supported step); use the Laplace stand-in where no step has enough."""
    supported = np.flatnonzero(~np.isnan(table[:, 0]))
    steps = np.arange(1, len(table) + 1)
    if len(supported) == 0:
        shape = _laplace_quantiles(GRID) * _FALLBACK_SCALE
        return shape[None, :] * np.sqrt(steps)[:, None]
    growth = _width_growth(table[supported], steps[supported])
    filled = table.copy()
    for h in np.flatnonzero(np.isnan(table[:, 0])):
        nearest = supported[np.argmin(np.abs(supported - h))]
        filled[h] = table[nearest] * (steps[h] / steps[nearest]) ** growth
    return _widening(filled)


def _width_growth(rows: np.ndarray, steps: np.ndarray) -> float:
    """The exponent γ of width ∝ step^γ, fitted on the 90% widths of supported steps."""
    if len(steps) < 2:
        return 0.5
    widths = np.array([np.interp(0.95, GRID, r) - np.interp(0.05, GRID, r) for r in rows])
    if np.any(widths <= 0):
        return 0.5
    slope = np.polyfit(np.log(steps), np.log(widths), 1)[0]
    return float(np.clip(slope, 0.5, 1.5))


def _laplace_quantiles(p: np.ndarray) -> np.ndarray:
    return np.where(p < 0.5, np.log(2 * p), -np.log(2 * (1 - p)))


def _widening(table: np.ndarray) -> np.ndarray:
    """Make every quantile's distance from the median non-decreasing with the step."""
    middle = len(GRID) // 2
    median = table[:, middle:middle + 1]
    lower = np.maximum.accumulate(np.maximum(median - table[:, :middle], 0), axis=0)
    upper = np.maximum.accumulate(np.maximum(table[:, middle + 1:] - median, 0), axis=0)
    return np.concatenate([median - lower, median, median + upper], axis=1)


def quantile_at(table: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Interpolate the table (H, len(GRID)) at probabilities `probs`; returns (H, len(probs))."""
    return np.stack([np.interp(probs, GRID, row) for row in table])

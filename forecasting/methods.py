"""The base methods, each forecasting every series of a panel from several origins at once.

Every method takes right-aligned values (n, T), NaN only before each series' first figure,
and returns forecasts (n, O, H): from origin j (the history without its last j figures)
for steps 1..H. Origin 0 is the forecast; the others are the rolling-origin backtest.
Methods with parameters (SES, Theta, damped trend) fit them by one-step squared error over
a fixed grid, all grid points at once, in one pass over time; there is no loop over series.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from forecasting.arrays import first_values, nan_median

SES_ALPHAS = np.array([0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
_DAMPED_ALPHA = (0.1, 0.3, 0.5, 0.8, 1.0)
_DAMPED_BETA_SHARE = (0.05, 0.2, 0.5)  # β as a share of α, so that β ≤ α
_DAMPED_PHI = (0.8, 0.9, 0.98)
ROBUST_WINDOW = 12  # Theil–Sen slope over at most the last 12 figures

Method = Callable[[np.ndarray, int, int], np.ndarray]


def origin_values(values: np.ndarray, n_origins: int) -> np.ndarray:
    """Return the last figure of every series at each origin, (n, O)."""
    width = values.shape[1]
    return np.stack([values[:, width - 1 - j] for j in range(n_origins)], axis=1)


def origin_counts(values: np.ndarray, n_origins: int) -> np.ndarray:
    """Return how many figures each series had at each origin, (n, O)."""
    counts = np.cumsum(~np.isnan(values), axis=1)
    width = values.shape[1]
    return np.stack([counts[:, width - 1 - j] for j in range(n_origins)], axis=1)


def _steps(horizon: int) -> np.ndarray:
    return np.arange(1, horizon + 1, dtype=float)[None, None, :]


def naive(values: np.ndarray, n_origins: int, horizon: int) -> np.ndarray:
    """The last figure, carried forward."""
    last = origin_values(values, n_origins)
    return np.repeat(last[:, :, None], horizon, axis=2)


def drift(values: np.ndarray, n_origins: int, horizon: int) -> np.ndarray:
    """Random walk with drift: the last figure plus the average change so far, per step."""
    last, counts = origin_values(values, n_origins), origin_counts(values, n_origins)
    first = first_values(values)[:, None]
    slope = np.divide(last - first, counts - 1, out=np.zeros_like(last), where=counts > 1)
    return last[:, :, None] + slope[:, :, None] * _steps(horizon)


def robust_trend(values: np.ndarray, n_origins: int, horizon: int) -> np.ndarray:
    """The last figure plus the Theil–Sen slope (median of pairwise slopes) of the last
    few figures: a trend that one outlying year cannot bend."""
    width = values.shape[1]
    slopes = []
    for j in range(n_origins):
        window = values[:, max(width - j - ROBUST_WINDOW, 0): width - j]
        a, b = np.triu_indices(window.shape[1], k=1)
        pairwise = (window[:, b] - window[:, a]) / (b - a)
        slopes.append(nan_median(pairwise) if len(a) else np.full(len(values), np.nan))
    slope = np.nan_to_num(np.stack(slopes, axis=1))
    return origin_values(values, n_origins)[:, :, None] + slope[:, :, None] * _steps(horizon)


def _keep_columns(width: int, n_origins: int) -> dict[int, int]:
    return {width - 1 - j: j for j in range(n_origins) if width - 1 - j >= 0}


def ses_levels(values: np.ndarray, n_origins: int) -> tuple[np.ndarray, np.ndarray]:
    """Fit simple exponential smoothing over the α grid; return each series' chosen α (n,)
    and its level at every origin (n, O)."""
    n, width = values.shape
    alphas = SES_ALPHAS[None, :]
    level = np.full((n, len(SES_ALPHAS)), np.nan)
    sse = np.zeros_like(level)
    kept = np.full((n, len(SES_ALPHAS), n_origins), np.nan)
    keep = _keep_columns(width, n_origins)
    for t in range(width):
        y = values[:, t:t + 1]
        have = ~np.isnan(y)
        update = have & ~np.isnan(level)
        error = np.where(update, y - level, 0.0)
        sse += error * error
        level = np.where(update, level + alphas * error, np.where(have, y, level))
        if t in keep:
            kept[:, :, keep[t]] = level
    best = np.argmin(sse, axis=1)
    rows = np.arange(n)
    return SES_ALPHAS[best], kept[rows, best, :]


def ses(values: np.ndarray, n_origins: int, horizon: int) -> np.ndarray:
    """Simple exponential smoothing: a flat forecast at the smoothed level."""
    _, level = ses_levels(values, n_origins)
    return np.repeat(level[:, :, None], horizon, axis=2)


def theta(values: np.ndarray, n_origins: int, horizon: int) -> np.ndarray:
    """The Theta method (Assimakopoulos & Nikolopoulos 2000, in Hyndman & Billah's form):
    SES plus half the slope of the linear trend fitted to the history so far."""
    alpha, level = ses_levels(values, n_origins)
    slope, counts = _ols_slopes(values, n_origins), origin_counts(values, n_origins)
    alpha = alpha[:, None, None]
    shape = (_steps(horizon) - 1 + 1 / alpha - (1 - alpha) ** counts[:, :, None] / alpha)
    return level[:, :, None] + slope[:, :, None] / 2 * shape


def _ols_slopes(values: np.ndarray, n_origins: int) -> np.ndarray:
    """Return the least-squares slope of each series' history up to each origin, (n, O)."""
    present = ~np.isnan(values)
    from_end = np.arange(values.shape[1], dtype=float) - (values.shape[1] - 1)
    x = np.where(present, from_end[None, :], 0.0)  # counted from the end: padding-proof
    y = np.where(present, values, 0.0)
    sums = [np.cumsum(a, axis=1) for a in (present.astype(float), x, y, x * x, x * y)]
    width = values.shape[1]
    cols = [width - 1 - j for j in range(n_origins)]
    count, sx, sy, sxx, sxy = (s[:, cols] for s in sums)
    denominator = count * sxx - sx * sx
    return np.divide(count * sxy - sx * sy, denominator, out=np.zeros_like(sx),
                     where=denominator > 1e-12)


def _damped_grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    grid = np.array([(a, a * s, p) for a in _DAMPED_ALPHA for s in _DAMPED_BETA_SHARE
                     for p in _DAMPED_PHI])
    return grid[:, 0][None, :], grid[:, 1][None, :], grid[:, 2][None, :]


def damped_trend(values: np.ndarray, n_origins: int, horizon: int) -> np.ndarray:
    """Additive damped trend (Gardner & McKenzie), error-correction form, fitted over a
    grid of (α, β, φ) with β ≤ α; the trend starts from the first change."""
    n, width = values.shape
    alpha, beta, phi = _damped_grid()
    level = np.full((n, alpha.shape[1]), np.nan)
    trend = np.full_like(level, np.nan)
    sse = np.zeros_like(level)
    kept_level = np.full((n, alpha.shape[1], n_origins), np.nan)
    kept_trend = np.full_like(kept_level, np.nan)
    keep = _keep_columns(width, n_origins)
    for t in range(width):
        y = values[:, t:t + 1]
        have = ~np.isnan(y)
        second = have & ~np.isnan(level) & np.isnan(trend)
        update = have & ~np.isnan(trend)
        error = np.where(update, y - level - phi * trend, 0.0)
        sse += error * error
        new_level = np.where(update, level + phi * trend + alpha * error, level)
        trend = np.where(update, phi * trend + beta * error, np.where(second, y - level, trend))
        level = np.where(second, y, np.where(have & np.isnan(level), y, new_level))
        if t in keep:
            kept_level[:, :, keep[t]] = level
            kept_trend[:, :, keep[t]] = np.nan_to_num(trend)
    best = np.argmin(sse, axis=1)
    rows = np.arange(n)
    chosen_phi = phi[0, best][:, None, None]
    steps = _steps(horizon)
    damping = chosen_phi * (1 - chosen_phi**steps) / (1 - chosen_phi)
    return kept_level[rows, best, :][:, :, None] + kept_trend[rows, best, :][:, :, None] * damping


METHODS: dict[str, Method] = {
    "naive": naive,
    "drift": drift,
    "ses": ses,
    "theta": theta,
    "damped": damped_trend,
    "robust_trend": robust_trend,
}

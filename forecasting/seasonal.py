"""Seasonal adjustment as in the M4 competition's benchmarks, across a whole panel at once:
a 90% autocorrelation test at the seasonal lag, and classical multiplicative decomposition
for the series that pass it (positive series with at least three full seasons)."""

from __future__ import annotations

import numpy as np

from forecasting.arrays import nan_mean, running_total


def autocorrelations(values: np.ndarray, max_lag: int) -> np.ndarray:
    """Return the autocorrelations at lags 1..max_lag of every row (NaN-padded), (n, max_lag)."""
    centred = values - nan_mean(values, axis=1)[:, None]
    centred = np.where(np.isnan(centred), 0.0, centred)
    denominator = running_total(centred**2, axis=1)
    safe = np.where(denominator > 0, denominator, 1.0)
    return np.stack([running_total(centred[:, k:] * centred[:, :-k], axis=1) / safe
                     for k in range(1, max_lag + 1)], axis=1)


def is_seasonal(values: np.ndarray, counts: np.ndarray, m: int) -> np.ndarray:
    """The M4 test: |acf_m| > 1.645·sqrt((1 + 2·Σ_{k<m} acf_k²)/n), for series with at least
    three full seasons, all positive (multiplicative decomposition needs it)."""
    if m <= 1:
        return np.zeros(len(values), dtype=bool)
    acf = autocorrelations(values, m)
    spread = 1 + 2 * np.sum(acf[:, :-1] ** 2, axis=1)
    limit = 1.645 * np.sqrt(spread / np.maximum(counts, 1))
    positive = np.nanmin(np.where(np.isnan(values), np.inf, values), axis=1) > 0
    return (np.abs(acf[:, -1]) > limit) & (counts >= 3 * m) & positive


def seasonal_indices(values: np.ndarray, m: int) -> np.ndarray:
    """Return multiplicative seasonal indices by position counted from the last column
    (index k belongs to the columns with (T − 1 − column) % m == k), normalised to mean 1,
    from the ratio of each figure to its centred moving average."""
    n, width = values.shape
    weights = np.full(m + 1, 1.0 / m)
    if m % 2 == 0:
        weights[0] = weights[-1] = 0.5 / m
    else:
        weights = np.full(m, 1.0 / m)
    span = len(weights)
    trend = np.full_like(values, np.nan)
    if width >= span:
        windows = np.lib.stride_tricks.sliding_window_view(values, span, axis=1)
        trend[:, span // 2: span // 2 + windows.shape[1]] = windows @ weights
    ratios = values / trend
    back = (width - 1 - np.arange(width)) % m
    indices = np.stack([nan_mean(ratios[:, back == k], axis=1) if np.any(back == k)
                        else np.full(n, np.nan) for k in range(m)], axis=1)
    indices = np.where(np.isfinite(indices), indices, 1.0)
    return indices / indices.mean(axis=1, keepdims=True)


def index_columns(indices: np.ndarray, width: int) -> np.ndarray:
    """Spread (n, m) indices over `width` history columns, right-aligned."""
    m = indices.shape[1]
    return indices[:, (width - 1 - np.arange(width)) % m]


def index_ahead(indices: np.ndarray, horizon: int) -> np.ndarray:
    """Return the indices of the next `horizon` periods after the last column, (n, horizon)."""
    m = indices.shape[1]
    return indices[:, (-np.arange(1, horizon + 1)) % m]

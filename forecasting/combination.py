"""The forecast of each series: the median of several simple methods, on the seasonally
adjusted series where a season was found.

Why a median of simple methods: annual statistics are short (4–15 figures), and with so few
figures no single method can be chosen reliably per series: on the 1,344 yearly series of
M1, M3 and Tourism, picking each series' best method by its own rolling-origin backtest did
worse than the fixed combination (bench/forecast.py). The median of random walk with drift,
Theta (on logarithms for positive series, i.e. geometric growth), damped trend, a robust
(Theil–Sen) trend and simple exponential smoothing keeps each method's strength where the
others agree and ignores any one that runs away. Series with fewer than `MIN_COMBINED`
figures get the random walk with drift alone: the one method whose single parameter three
figures can estimate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from forecasting.methods import METHODS
from forecasting.seasonal import index_columns, is_seasonal, seasonal_indices

MEMBERS = ("drift", "log_theta", "damped", "robust_trend", "ses")
MIN_COMBINED = 5  # figures needed before the combination replaces drift alone
MODEL_COMBINED = "median(" + ",".join(MEMBERS) + ")"
MODEL_SHORT = "drift"


@dataclass(frozen=True)
class OriginForecasts:
    """Forecasts from every origin on the original scale, (n, O, H), and what was done."""

    forecasts: np.ndarray
    seasonal: np.ndarray  # (n,) bool: a season was found and adjusted for
    models: np.ndarray  # (n,) model label


def combined_forecasts(values: np.ndarray, m: int, n_origins: int,
                       horizon: int) -> OriginForecasts:
    """Forecast every series from its last `n_origins` origins, `horizon` steps ahead."""
    counts = np.sum(~np.isnan(values), axis=1)
    seasonal = is_seasonal(values, counts, m)
    indices = seasonal_indices(values, m) if seasonal.any() else np.ones((len(values), 1))
    indices = np.where(seasonal[:, None], indices, 1.0)
    adjusted = values / index_columns(indices, values.shape[1])
    members = [_member(name, adjusted, n_origins, horizon) for name in MEMBERS]
    combined = np.median(np.stack(members), axis=0)
    short = counts < MIN_COMBINED
    combined[short] = METHODS["drift"](adjusted[short], n_origins, horizon)
    forecasts = combined * _indices_ahead(indices, n_origins, horizon)
    models = np.where(short, MODEL_SHORT, MODEL_COMBINED).astype(object)
    models[seasonal] = models[seasonal] + " × seasonal"
    return OriginForecasts(forecasts, seasonal, models)


def _member(name: str, values: np.ndarray, n_origins: int, horizon: int) -> np.ndarray:
    """Run one member; `log_` members run on logarithms of positive series (else as is)."""
    if not name.startswith("log_"):
        return METHODS[name](values, n_origins, horizon)
    method = METHODS[name.removeprefix("log_")]
    positive = np.all(np.isnan(values) | (values > 0), axis=1)
    plain = method(values, n_origins, horizon)
    if not positive.any():
        return plain
    logged = np.log(np.where(np.isnan(values) | ~positive[:, None], 1.0, values))
    logged[np.isnan(values)] = np.nan
    growth = np.exp(np.clip(method(logged[positive], n_origins, horizon), -700, 700))
    plain[positive] = growth
    return plain


def _indices_ahead(indices: np.ndarray, n_origins: int, horizon: int) -> np.ndarray:
    """Seasonal index of step h after origin j: position (j − h) mod m from the end."""
    m = indices.shape[1]
    j = np.arange(n_origins)[:, None]
    h = np.arange(1, horizon + 1)[None, :]
    return indices[:, (j - h) % m]

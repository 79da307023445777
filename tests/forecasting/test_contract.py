"""The contract every forecast keeps, over every method and the combination."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forecasting import forecast_panel
from forecasting.methods import METHODS
from forecasting.panel import panels_from_tidy
from forecasting.panel_forecast import MODEL_SHORT_SERIES
from tests.forecasting.panels import synthetic_panel, yearly

LEVELS = (80, 95)


def assert_contract(frame: pd.DataFrame) -> None:
    """Intervals nest around the mean and never narrow with the horizon; no NaN."""
    assert not frame[["mean", "lo_80", "hi_80", "lo_95", "hi_95"]].isna().any().any()
    assert (frame["lo_95"] <= frame["lo_80"] + 1e-9).all()
    assert (frame["lo_80"] <= frame["mean"] + 1e-9).all()
    assert (frame["mean"] <= frame["hi_80"] + 1e-9).all()
    assert (frame["hi_80"] <= frame["hi_95"] + 1e-9).all()
    for _, one in frame.groupby("series_id"):
        widths = (one["hi_95"] - one["lo_95"]).to_numpy()
        assert (np.diff(widths) >= -1e-9).all()


@pytest.mark.parametrize("name", sorted(METHODS))
def test_every_method_forecasts_every_origin_without_nan(name: str) -> None:
    (panel,) = panels_from_tidy(synthetic_panel())
    forecasts = METHODS[name](panel.values, 4, 5)
    assert forecasts.shape == (len(panel.ids), 4, 5)
    counts_at_origin = panel.counts[:, None] - np.arange(4)[None, :]
    assert not np.isnan(forecasts[counts_at_origin >= 3]).any()


@pytest.mark.parametrize("name", sorted(METHODS))
def test_every_method_keeps_a_constant_series_constant(name: str) -> None:
    values = np.array([[np.nan, 5.0, 5.0, 5.0, 5.0, 5.0]])
    forecasts = METHODS[name](values, 2, 3)
    np.testing.assert_allclose(forecasts, 5.0)


@pytest.mark.parametrize("name", ["drift", "damped", "robust_trend"])
def test_trend_methods_follow_a_straight_line(name: str) -> None:
    values = np.array([[10.0 + 2 * k for k in range(12)]])
    forecast = METHODS[name](values, 1, 3)[0, 0]
    assert forecast[0] == pytest.approx(34.0, rel=0.02)
    assert forecast[2] > forecast[0]


def test_theta_extrapolates_half_the_trend() -> None:
    """Theta's drift is half the fitted slope (Hyndman & Billah 2003)."""
    values = np.array([[10.0 + 2 * k for k in range(12)]])
    forecast = METHODS["theta"](values, 1, 3)[0, 0]
    np.testing.assert_allclose(forecast, [33.0, 34.0, 35.0])


def test_panel_forecast_keeps_the_contract_and_continues_the_periods() -> None:
    history = synthetic_panel()
    forecast = forecast_panel(history, 4, LEVELS)
    frame = forecast.frame
    assert_contract(frame)
    last = history.groupby("series_id")["period"].max()
    first_step = frame[frame["step"] == 1].set_index("series_id")["period"]
    assert (first_step == last + 1).all()
    assert len(frame) == 4 * history["series_id"].nunique()


def test_horizons_per_series_are_respected() -> None:
    history = synthetic_panel(10)
    ids = sorted(history["series_id"].unique())
    horizons = pd.Series(range(1, 11), index=ids)
    frame = forecast_panel(history, horizons).frame
    assert frame.groupby("series_id")["step"].max().to_dict() == horizons.to_dict()


def test_constant_and_zero_series_get_finite_forecasts() -> None:
    history = yearly({"flat": [7.0] * 6, "zero": [0.0] * 5, "short": [1.0, 2.0, 3.0]})
    frame = forecast_panel(history, 3).frame
    assert_contract(frame)
    flat = frame[frame["series_id"] == "flat"]
    assert np.allclose(flat["mean"], 7.0)
    assert np.allclose(frame[frame["series_id"] == "zero"]["mean"], 0.0)


def test_series_of_one_or_two_figures_get_a_random_walk_named_as_such() -> None:
    history = yearly({"one": [5.0], "two": [1.0, 2.0], "four": [1.0, 2.0, 3.0, 4.0]})
    forecast = forecast_panel(history, 2)
    models = forecast.models.set_index("series_id")["model"]
    assert models["two"] == models["one"] == MODEL_SHORT_SERIES
    assert models["four"] != MODEL_SHORT_SERIES
    assert forecast.frame["mean"].notna().all()
    assert_contract(forecast.frame)


def _relative_width(frame: pd.DataFrame, series_id: str, level: float) -> float:
    row = frame[(frame["series_id"] == series_id) & (frame["step"] == 2)].iloc[0]
    return float((row["hi_80"] - row["lo_80"]) / level)


@settings(max_examples=25, deadline=None)
@given(st.floats(1.0, 1e5), st.integers(0, 50), st.booleans())
def test_short_series_intervals_are_wider_than_a_typical_long_series(
        level: float, seed: int, two: bool) -> None:
    panel = synthetic_panel(40, seed=seed)
    long_ids = list(panel["series_id"].unique())
    short = yearly({"short": [level * 0.98, level] if two else [level]}, start=2015)
    forecast = forecast_panel(pd.concat([panel, short], ignore_index=True), 3)
    frame = forecast.frame
    levels = panel.groupby("series_id")["value"].apply(lambda v: v.abs().mean())
    long_widths = [_relative_width(frame, sid, levels[sid]) for sid in long_ids]
    assert _relative_width(frame, "short", level) > np.median(long_widths)


def test_short_series_without_any_long_series_still_get_intervals() -> None:
    forecast = forecast_panel(yearly({"a": [10.0], "b": [0.0, 0.0]}), 3)
    frame = forecast.frame
    assert frame["mean"].notna().all()
    assert ((frame["hi_80"] - frame["lo_80"]) > 0).all()
    assert_contract(frame)


def test_quarterly_seasonal_series_are_adjusted_and_keep_their_season() -> None:
    rng = np.random.default_rng(3)
    season = np.array([0.8, 1.0, 1.1, 1.1])
    rows = []
    for i in range(30):
        level = 100 + np.cumsum(rng.normal(1, 0.5, 24))
        values = level * np.tile(season, 6)
        rows += [(f"q{i}", pd.Period("2010Q1", freq="Q") + k, v) for k, v in enumerate(values)]
    history = pd.DataFrame(rows, columns=["series_id", "period", "value"])
    forecast = forecast_panel(history, 8)
    assert forecast.models["model"].str.contains("seasonal").all()
    one = forecast.frame[forecast.frame["series_id"] == "q0"]["mean"].to_numpy()
    assert one[0] < one[2]  # a first quarter stays below a third
    assert_contract(forecast.frame)


def test_gaps_inside_a_series_are_bridged() -> None:
    history = yearly({"gappy": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]})
    history = history.drop(index=2)
    frame = forecast_panel(history, 2).frame
    assert frame["period"].iloc[0] == pd.Period(2011, "Y")
    assert_contract(frame)


def test_same_seed_same_paths_and_partition_does_not_change_a_series_paths() -> None:
    history = synthetic_panel(80)
    whole = forecast_panel(history, 3, seed=7)
    again = forecast_panel(history, 3, seed=7)
    np.testing.assert_array_equal(whole.paths("s001", 200), again.paths("s001", 200))
    other = forecast_panel(history, 3, seed=8)
    assert not np.array_equal(whole.paths("s001", 200), other.paths("s001", 200))
    pd.testing.assert_frame_equal(whole.frame, again.frame)


def test_paths_have_the_calibrated_quantiles() -> None:
    forecast = forecast_panel(synthetic_panel(120), 3, seed=1)
    paths = forecast.paths("s005", 20000)
    row = forecast.frame[(forecast.frame["series_id"] == "s005")]
    for level, column in ((95, "hi_95"), (80, "hi_80")):
        share_below = np.mean(paths <= row[column].to_numpy()[None, :], axis=0)
        np.testing.assert_allclose(share_below, 1 - (100 - level) / 200, atol=0.01)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 1000))
def test_point_forecast_is_the_median_of_its_distribution_and_of_its_paths(seed: int) -> None:
    forecast = forecast_panel(synthetic_panel(30, seed=seed % 7), 3, seed=seed)
    medians = forecast.quantiles([0.5]).set_index(["series_id", "step"])["value"]
    points = forecast.frame.set_index(["series_id", "step"])["mean"]
    np.testing.assert_allclose(medians.loc[points.index], points, rtol=1e-12, atol=1e-9)
    paths = forecast.paths("s003", 1000)
    above = (paths > points.loc["s003"].to_numpy()[None, :] + 1e-9).sum(axis=0)
    below = (paths < points.loc["s003"].to_numpy()[None, :] - 1e-9).sum(axis=0)
    assert (above <= 500).all() and (below <= 500).all()


def test_quantiles_frame_is_tidy_and_monotone() -> None:
    forecast = forecast_panel(synthetic_panel(20), 3)
    quantiles = forecast.quantiles([0.1, 0.5, 0.9])
    wide = quantiles.pivot_table(index=["series_id", "step"], columns="q", values="value")
    assert (wide[0.1] <= wide[0.5]).all() and (wide[0.5] <= wide[0.9]).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=3, max_size=20),
       st.integers(1, 6))
def test_any_series_of_three_or_more_figures_gets_a_contract_forecast(
        values: list[float], horizon: int) -> None:
    frame = forecast_panel(yearly({"x": values}), horizon).frame
    assert len(frame) == horizon
    assert_contract(frame)

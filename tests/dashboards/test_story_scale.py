"""The required path and the target on the published figures' scale, for every kind of
target: what the chart draws beside the figures must mean the figure each year must reach."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.arithmetic.paths import TargetTerms, required_path
from indicators.data.story_scale import figure_path, target_bounds
from indicators.vocab import ChangeUnit, Comparator, TargetKind, ValueType

LEVEL, RATE = ValueType.LEVEL, ValueType.GROWTH_RATE


def _terms(kind: TargetKind, value: float, **extra: object) -> TargetTerms:
    return TargetTerms(kind=kind, comparator=extra.pop("comparator", Comparator.GTE),
                       value=value, deadline_year=2020, start_year=2016, **extra)  # type: ignore[arg-type]


def test_a_level_target_runs_straight_from_the_observed_baseline() -> None:
    terms = _terms(TargetKind.LEVEL_AT_DEADLINE, 33.0)
    path = figure_path(terms, {2015: 28.0, 2016: 29.0})
    assert path == pytest.approx({2015: 28.0, 2016: 29.0, 2017: 30.0, 2018: 31.0, 2019: 32.0,
                                  2020: 33.0})


def test_a_stated_baseline_wins_over_the_figure() -> None:
    terms = _terms(TargetKind.LEVEL_AT_DEADLINE, 33.0, baseline_value=23.0)
    assert figure_path(terms, {2015: 28.0})[2015] == pytest.approx(23.0)


def test_growth_from_levels_is_drawn_as_the_level_required() -> None:
    terms = _terms(TargetKind.AVERAGE_ANNUAL_GROWTH, 7.0)  # 年均增长7%
    path = figure_path(terms, {2015: 1000.0})
    assert path[2020] == pytest.approx(1000 * 1.07 ** 5)
    assert path[2017] == pytest.approx(1000 * 1.07 ** 2)


def test_growth_from_rates_is_the_rate_every_year() -> None:
    terms = _terms(TargetKind.AVERAGE_ANNUAL_GROWTH, 7.0, value_type=RATE)
    assert figure_path(terms, {}) == pytest.approx({y: 7.0 for y in range(2016, 2021)})


def test_a_change_against_the_baseline_in_percent_from_levels() -> None:
    terms = _terms(TargetKind.CHANGE_VS_BASELINE, -15.0, change_unit=ChangeUnit.PERCENT)
    path = figure_path(terms, {2015: 0.8})
    assert path[2020] == pytest.approx(0.8 * 0.85)


def test_a_change_in_points_from_levels() -> None:
    terms = _terms(TargetKind.CHANGE_VS_BASELINE, 3.0,
                   change_unit=ChangeUnit.PERCENTAGE_POINT)
    assert figure_path(terms, {2015: 60.0})[2020] == pytest.approx(63.0)


def test_a_cumulative_target_is_the_flow_each_year() -> None:
    terms = _terms(TargetKind.CUMULATIVE_OVER_PERIOD, 500.0)  # 五年累计500
    assert figure_path(terms, {}) == pytest.approx({y: 100.0 for y in range(2016, 2021)})


def test_a_change_every_year_moves_the_previous_figure() -> None:
    terms = _terms(TargetKind.CHANGE_EVERY_YEAR, -3.0, change_unit=ChangeUnit.PERCENT)
    path = figure_path(terms, {2015: 100.0, 2016: 98.0})
    assert path == pytest.approx({2016: 97.0, 2017: 98.0 * 0.97})


def test_a_kept_bound_is_the_bound_every_year() -> None:
    terms = _terms(TargetKind.KEPT_EVERY_PERIOD, 4.5, comparator=Comparator.LTE)
    assert figure_path(terms, {}) == pytest.approx({y: 4.5 for y in range(2016, 2021)})


def test_approx_has_its_band_on_the_figures_scale() -> None:
    level = _terms(TargetKind.LEVEL_AT_DEADLINE, 40.0, comparator=Comparator.APPROX)
    bounds = target_bounds(level, {2015: 30.0}, default_tolerance=0.05)
    assert bounds is not None
    assert (bounds.value, bounds.low, bounds.high) == pytest.approx((40.0, 38.0, 42.0))
    growth = _terms(TargetKind.AVERAGE_ANNUAL_GROWTH, 7.0, comparator=Comparator.APPROX,
                    tolerance=0.5)
    bounds = target_bounds(growth, {2015: 1000.0}, default_tolerance=0.05)
    assert bounds is not None
    assert bounds.low == pytest.approx(1000 * 1.065 ** 5)
    assert bounds.high == pytest.approx(1000 * 1.075 ** 5)


def test_a_range_is_its_two_ends() -> None:
    terms = _terms(TargetKind.KEPT_EVERY_PERIOD, 3.0, comparator=Comparator.BETWEEN,
                   upper_value=4.0)
    bounds = target_bounds(terms, {}, default_tolerance=0.05)
    assert bounds is not None and (bounds.low, bounds.high) == (3.0, 4.0)


def test_no_baseline_level_means_no_path_and_no_target_mark() -> None:
    terms = _terms(TargetKind.LEVEL_AT_DEADLINE, 33.0)
    assert figure_path(terms, {2016: 29.0}) == {}
    assert target_bounds(terms, {2016: 29.0}, default_tolerance=0.05) is None


rates = st.floats(min_value=-50, max_value=50, allow_nan=False)


@given(value=rates, start=st.integers(2000, 2030), years=st.integers(1, 15))
def test_compounding_the_yearly_rates_drawn_gives_the_target(value: float, start: int,
                                                             years: int) -> None:
    """Drawn as yearly rates, a compounded change (能耗强度比基期下降15%, published as 同比
    rates) or an average growth from rates compounds back to what the target asks."""
    for kind, unit in ((TargetKind.CHANGE_VS_BASELINE, ChangeUnit.PERCENT),
                       (TargetKind.AVERAGE_ANNUAL_GROWTH, None)):
        terms = TargetTerms(kind=kind, comparator=Comparator.GTE, value=value,
                            deadline_year=start + years - 1, start_year=start,
                            change_unit=unit, value_type=RATE)
        path = figure_path(terms, {})
        assert sorted(path) == list(range(start, start + years))
        index = math.prod(1 + r / 100 for r in path.values())
        tracked = required_path(terms)[terms.deadline_year]
        expected = 1 + tracked / 100 if kind is TargetKind.CHANGE_VS_BASELINE else tracked
        assert index == pytest.approx(expected, rel=1e-9)


@given(total=st.floats(min_value=-1e9, max_value=1e9, allow_nan=False),
       years=st.integers(1, 15))
def test_the_flows_drawn_add_up_to_a_cumulative_target(total: float, years: int) -> None:
    terms = TargetTerms(kind=TargetKind.CUMULATIVE_OVER_PERIOD, comparator=Comparator.GTE,
                        value=total, deadline_year=2010 + years - 1, start_year=2010)
    assert math.fsum(figure_path(terms, {}).values()) == pytest.approx(total, abs=1e-6)

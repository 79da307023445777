"""The target model's harder cases: reductions stated against a baseline but published as
yearly rates, missing years, level targets without a baseline, series of one or two
figures, bounded indicators, running totals, and a forecast summary that agrees with itself.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indicators.arithmetic.definitions import Observed
from indicators.arithmetic.paths import (
    TargetTerms,
    fill_missing_years,
    growth_index,
    tracked_quantity,
)
from indicators.arithmetic.status import JUDGED_ON_FORECAST, status_from_actuals
from indicators.runs.outlook import OutlookRequest, achieved_floor, outlooks
from indicators.text.messages import Language
from indicators.vocab import ChangeUnit, Comparator, Status, TargetKind, ValueType

TOLERANCE = 0.05
rates = st.floats(min_value=-20.0, max_value=20.0, allow_nan=False)


def energy_terms(value: float = -16.0, deadline: int = 2020) -> TargetTerms:
    """能耗强度比2015年下降16%, the indicator published as yearly rates of change."""
    return TargetTerms(kind=TargetKind.CHANGE_VS_BASELINE, comparator=Comparator.LTE,
                       value=value, deadline_year=deadline, baseline_year=2015,
                       change_unit=ChangeUnit.PERCENT, higher_is_better=False,
                       value_type=ValueType.GROWTH_RATE, binding=True, unit="%")


# 1. Targets stated against a baseline, published as yearly rates ---------------------------

@given(st.lists(rates, min_size=1, max_size=8))
def test_a_change_from_yearly_rates_compounds_them_like_the_level_series(
        yearly: list[float]) -> None:
    terms = energy_terms(deadline=2015 + len(yearly))
    series = {2016 + k: r for k, r in enumerate(yearly)}
    tracked = tracked_quantity(terms, series, None)
    level, levels = 100.0, {2015: 100.0}
    for year, rate in series.items():
        level *= 1 + rate / 100
        levels[year] = level
    from_levels = tracked_quantity(TargetTerms(**{**terms.__dict__,
                                                  "value_type": ValueType.LEVEL}),
                                   levels, 100.0)
    for year in series:
        assert tracked[year] == pytest.approx(from_levels[year], abs=1e-9)
        assert tracked[year] == pytest.approx(
            (math.prod(1 + r / 100 for r in yearly[:year - 2015]) - 1) * 100, abs=1e-9)


def test_a_reduction_from_rates_is_stated_the_way_a_planner_says_it() -> None:
    # 2016–2019 give 累计下降13.4%; one year left to reach 下降16%: needs 0.84/0.866 − 1.
    last = 100 * (0.866 / (0.95 * 0.96 * 0.97) - 1)
    observed = Observed({2016: -5.0, 2017: -4.0, 2018: -3.0, 2019: last})
    assessment = status_from_actuals(energy_terms(), observed, as_of_year=2020)
    assert assessment.reason_key == "assess.change_progress_down_down"
    zh, en = assessment.reason(Language.ZH), assessment.reason(Language.EN)
    assert "较2015年累计下降13.4%，还需年均下降3%" in zh
    assert "Down 13.4% on 2015 by 2019; needs a further fall of 3% a year" in en
    assert "-" not in zh.split("方可")[0]  # no signed rates before the target


def test_a_reduction_from_rates_needs_no_baseline_figure_and_is_judged_at_the_deadline() -> None:
    observed = Observed({2016: -5.0, 2017: -4.0, 2018: -3.0, 2019: -3.5, 2020: -2.0})
    assessment = status_from_actuals(energy_terms(), observed, as_of_year=2021)
    assert assessment.status is Status.ACHIEVED  # −16.5% ≤ −16%
    assert assessment.final


def test_a_reduction_from_rates_is_forecast_on_the_rates_path_by_path() -> None:
    """Yearly rates about −4 ± 1 for eight years, two years to go: the cumulative change
    since 2015 is compounded from forecast rates path by path, and its 80% interval is a
    few points wide, not the 37 points (−39% to −2%) that forecasting the cumulative
    series itself gave."""
    rng = np.random.default_rng(4)
    requests = []
    for i in range(30):
        history = {2011 + k: float(-4 + rng.normal(0, 1)) for k in range(8)}
        requests.append(OutlookRequest(f"t{i}", i, energy_terms(deadline=2020),
                                       {y: v for y, v in history.items() if y > 2015},
                                       history=history))
    found = outlooks(requests, default_tolerance=TOLERANCE)
    for outlook in found.values():
        f = outlook.forecast
        assert -40 < f.lo_95 <= f.lo_80 <= f.mean <= f.hi_80 <= f.hi_95 < 0
        assert f.hi_80 - f.lo_80 < 15


# 2. Missing years -----------------------------------------------------------------------

@given(st.dictionaries(st.integers(2010, 2025), rates, min_size=2, max_size=12))
def test_missing_years_are_filled_between_their_neighbours_and_named(
        series: dict[int, float]) -> None:
    terms = TargetTerms(kind=TargetKind.AVERAGE_ANNUAL_GROWTH, comparator=Comparator.GTE,
                        value=5.0, deadline_year=2025, start_year=2012,
                        value_type=ValueType.GROWTH_RATE)
    filled, missing = fill_missing_years(terms, series)
    assert {y: filled[y] for y in series} == series  # known figures untouched
    assert set(filled) - set(series) == set(missing)
    for year in missing:
        before = max(y for y in series if y < year)
        after = min(y for y in series if y > year)
        assert year >= 2012
        assert min(series[before], series[after]) - 1e-9 <= filled[year] <= max(
            series[before], series[after]) + 1e-9
    # with the gaps filled, the growth chain reaches the latest figure
    chain = growth_index(filled, 2011, 2025, from_rates=True, baseline=None)
    if 2012 in filled:
        assert max(chain) == max(series)


def test_an_average_growth_target_with_a_missing_year_says_so() -> None:
    terms = TargetTerms(kind=TargetKind.AVERAGE_ANNUAL_GROWTH, comparator=Comparator.GTE,
                        value=8.0, deadline_year=2020, start_year=2016,
                        value_type=ValueType.GROWTH_RATE)
    observed = Observed({2015: 8.0, 2016: 8.5, 2018: 7.5, 2019: 7.0})
    assessment = status_from_actuals(terms, observed, as_of_year=2020)
    assert assessment.filled_years == (2017,)
    assert assessment.progress is not None and assessment.progress.latest_year == 2019
    assert "缺2017年数据" in assessment.reason(Language.ZH)
    assert "no figure for 2017" in assessment.reason(Language.EN)
    # the first year missing with nothing before it cannot be bridged
    unbridged = status_from_actuals(terms, Observed({2017: 8.0, 2018: 7.5}), as_of_year=2020)
    assert unbridged.status is Status.NOT_ASSESSABLE
    assert unbridged.reason_values["year"] == 2016


# 3. A level target without a baseline ------------------------------------------------------

def level_terms(comparator: Comparator = Comparator.GTE) -> TargetTerms:
    """到2022年'独角兽'企业达到20家, the 2017 baseline never published."""
    return TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=comparator, value=20.0,
                       deadline_year=2022, baseline_year=2017, value_type=ValueType.COUNT)


@given(st.lists(st.floats(0, 60, allow_nan=False), min_size=1, max_size=5),
       st.sampled_from([Comparator.GTE, Comparator.GT, Comparator.LTE]))
def test_a_level_target_without_a_baseline_is_judged_against_its_value(
        figures: list[float], comparator: Comparator) -> None:
    observed = Observed({2018 + k: v for k, v in enumerate(figures)})
    assessment = status_from_actuals(level_terms(comparator), observed, as_of_year=2022)
    latest, value = 2017 + len(figures), figures[-1]
    met = {Comparator.GTE: value >= 20, Comparator.GT: value > 20,
           Comparator.LTE: value <= 20}[comparator]
    assert assessment.progress is not None and assessment.progress.latest_year == latest
    if latest >= 2022:
        assert assessment.status is (Status.ACHIEVED if met else Status.MISSED)
    elif met:
        assert assessment.status is Status.ACHIEVED  # early: a floor or ceiling is met
    else:
        assert assessment.status is Status.NOT_ASSESSABLE
        assert assessment.reason_key in JUDGED_ON_FORECAST
        assert "缺少2017年基期数据" in assessment.reason(Language.ZH)
        # past the deadline with no deadline figure, the forecast no longer decides
        late = status_from_actuals(level_terms(comparator), observed, as_of_year=2023)
        assert late.status is Status.NOT_ASSESSABLE
        assert late.reason_key not in JUDGED_ON_FORECAST


# 4. One or two figures ----------------------------------------------------------------------

def test_targets_with_one_or_two_figures_get_a_forecast_wider_than_longer_series() -> None:
    rng = np.random.default_rng(6)
    terms = level_terms()
    requests = []
    for i in range(30):
        values = 10 + np.cumsum(rng.normal(1, 1, 6))
        requests.append(OutlookRequest(f"long{i}", f"long{i}", terms,
                                       {2013 + k: float(v) for k, v in enumerate(values)}))
    requests.append(OutlookRequest("one", "one", terms, {2018: 16.0}))
    requests.append(OutlookRequest("two", "two", terms, {2017: 15.0, 2018: 16.0}))
    found = outlooks(requests, default_tolerance=TOLERANCE)

    def relative_width(key: str) -> float:
        f = found[key].forecast
        return (f.hi_80 - f.lo_80) / abs(f.mean)

    longest = np.median([relative_width(f"long{i}") for i in range(30)])
    assert relative_width("one") > longest and relative_width("two") > longest
    assert 0 < found["one"].probability < 1


# 5. Bounded indicators keep their probability mass ------------------------------------------

@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000))
def test_reaching_zero_or_a_full_share_keeps_the_mass_beyond_the_bound(seed: int) -> None:
    rng = np.random.default_rng(seed)
    zero = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.LTE,
                       value=0.0, deadline_year=2020, baseline_year=2015,
                       higher_is_better=False, value_type=ValueType.COUNT)
    full = TargetTerms(kind=TargetKind.COVERAGE, comparator=Comparator.GTE, value=100.0,
                       deadline_year=2020, baseline_year=2015, value_type=ValueType.SHARE)
    poor = {2013 + k: max(float(v), 0.5) for k, v in
            enumerate(30 - 6 * np.arange(6) + rng.normal(0, 1.5, 6))}
    cover = {2013 + k: min(float(v), 99.5) for k, v in
             enumerate(80 + 4 * np.arange(6) + rng.normal(0, 1, 6))}
    requests = [OutlookRequest("poor", "poor", zero, poor),  # bounds from the value type
                OutlookRequest("cover", "cover", full, cover)]
    found = outlooks(requests, default_tolerance=TOLERANCE)
    assert found["poor"].probability > 0 and found["cover"].probability > 0
    for key, target in (("poor", 0.0), ("cover", 100.0)):
        f = found[key].forecast
        assert f.lo_95 <= f.lo_80 <= f.mean <= f.hi_80 <= f.hi_95
        meets_point = f.mean <= target if key == "poor" else f.mean >= target
        assert not (meets_point and found[key].probability < 0.5)
        assert not (not meets_point and found[key].probability > 0.5)


# 6. What is already certain ----------------------------------------------------------------

@given(st.dictionaries(st.integers(2010, 2020), st.floats(0, 1e6, allow_nan=False),
                       min_size=1, max_size=8),
       st.one_of(st.none(), st.floats(-10, 10, allow_nan=False)))
def test_a_running_total_is_never_forecast_below_its_latest_figure(
        history: dict[int, float], low: float | None) -> None:
    floor, high = achieved_floor((low, None), history, running_total=True)
    assert floor is not None and floor >= history[max(history)]
    assert high is None
    assert achieved_floor((low, None), history, running_total=False) == (low, None)


def test_a_running_total_target_counts_what_is_achieved() -> None:
    terms = TargetTerms(kind=TargetKind.CUMULATIVE_OVER_PERIOD, comparator=Comparator.GTE,
                        value=60.0, deadline_year=2022, start_year=2018,
                        value_type=ValueType.COUNT)
    rng = np.random.default_rng(2)
    requests = [OutlookRequest(f"c{i}", f"c{i}", terms,
                               {2014 + k: float(max(v, 0)) for k, v in
                                enumerate(10 + rng.normal(0, 4, 6))}) for i in range(20)]
    found = outlooks(requests, default_tolerance=TOLERANCE)
    for request in requests:
        achieved = sum(v for y, v in request.values.items() if y >= 2018)
        f = found[request.key].forecast
        assert f.lo_95 >= achieved - 1e-9
        assert f.lo_95 <= f.lo_80 <= f.mean <= f.hi_80 <= f.hi_95


KINDS = {
    "level": level_terms(),
    "energy": energy_terms(value=-10.0, deadline=2021),
    "cumulative": TargetTerms(kind=TargetKind.CUMULATIVE_OVER_PERIOD,
                              comparator=Comparator.GTE, value=60.0, deadline_year=2022,
                              start_year=2019, value_type=ValueType.LEVEL),
    "kept": TargetTerms(kind=TargetKind.KEPT_EVERY_PERIOD, comparator=Comparator.LTE,
                        value=12.0, deadline_year=2022, start_year=2019,
                        value_type=ValueType.LEVEL),
}


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(sorted(KINDS)))
def test_every_point_forecast_lies_inside_its_own_intervals(seed: int, kind: str) -> None:
    rng = np.random.default_rng(seed)
    terms = KINDS[kind]
    requests = []
    for i in range(12):
        length = int(rng.integers(1, 9))
        values = 10 + np.cumsum(rng.normal(0.5, 2, length))
        if kind == "energy":
            values = rng.normal(-3, 2, length)
        requests.append(OutlookRequest(f"t{i}", f"t{i}", terms,
                                       {2018 - length + 1 + k: float(v)
                                        for k, v in enumerate(values)}))
    for outlook in outlooks(requests, default_tolerance=TOLERANCE).values():
        f = outlook.forecast
        assert f.lo_95 <= f.lo_80 <= f.mean <= f.hi_80 <= f.hi_95
        assert 0 <= outlook.probability <= 1


def test_a_missing_deadline_year_between_figures_is_filled_and_named() -> None:
    observed = Observed({2018: 5.0, 2019: 8.0, 2020: 13.0, 2023: 34.0, 2024: 40.0})
    assessment = status_from_actuals(level_terms(), observed, as_of_year=2026)
    # 2022 lies two thirds of the way from 2020's 13 to 2023's 34: 27, which meets ≥20.
    assert assessment.status is Status.ACHIEVED and assessment.final
    assert assessment.progress is not None and assessment.progress.latest_value == 27.0
    assert assessment.filled_years == (2022,)
    assert "缺2022年数据" in assessment.reason(Language.ZH)
    # The deadline figure quoted is interpolated, so it is called an estimate, not an actual.
    assert assessment.reason(Language.ZH).startswith("2022年估算27")
    assert assessment.reason(Language.EN).startswith("2022 estimated 27")
    kept = TargetTerms(kind=TargetKind.KEPT_EVERY_PERIOD, comparator=Comparator.LTE,
                       value=12.0, deadline_year=2022, start_year=2019)
    assert fill_missing_years(kept, {2019: 1.0, 2023: 2.0}) == ({2019: 1.0, 2023: 2.0}, ())

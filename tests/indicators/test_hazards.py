"""Real-data hazards, on series shaped like the regions' published statistics."""

from __future__ import annotations

import pytest

from indicators.arithmetic.definitions import Break, Observed
from indicators.arithmetic.paths import TargetTerms
from indicators.arithmetic.status import status_from_actuals
from indicators.text.numbers import fmt
from indicators.vocab import Comparator, Status, TargetKind, ValueType

# 吕梁市: 2015 GDP first published as 960 (政府工作报告, Dec 2015), final 955.8.
LULIANG_GDP_TARGET = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                                 value=1500, baseline_year=2015, baseline_value=960,
                                 start_year=2016, deadline_year=2020, unit="亿元")
LULIANG_GDP = {2015: 955.8, 2016: 995.31, 2017: 1310.32, 2018: 1420.32}

# 淄博市: GDP in 亿元; 2019 on is after the 4th economic census revision.
ZIBO_GDP = {2015: 4130.24, 2016: 4412.01, 2017: 4771.36, 2018: 5068.35, 2019: 3642.42,
            2020: 3673.54}
ZIBO_TARGET = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                          value=6000, start_year=2016, deadline_year=2020, unit="亿元")
ZIBO_CENSUS = 2019


def test_a_revised_baseline_keeps_the_target_s_stated_one_and_shows_both() -> None:
    result = status_from_actuals(LULIANG_GDP_TARGET, Observed(LULIANG_GDP), as_of_year=2019)
    assert (result.baseline_stated, result.baseline_observed) == (960, 955.8)
    assert result.progress is not None
    assert result.progress.distance_share == pytest.approx((1420.32 - 960) / (1500 - 960))


def test_a_census_break_is_not_read_as_a_collapse() -> None:
    result = status_from_actuals(ZIBO_TARGET, Observed(ZIBO_GDP, breaks=[Break(ZIBO_CENSUS)]),
                                 as_of_year=2021)
    assert result.status is Status.NOT_ASSESSABLE
    assert result.reason() == "2019年统计口径调整且无衔接系数，前后数据不可比"
    naive = status_from_actuals(ZIBO_TARGET, Observed(ZIBO_GDP), as_of_year=2021)
    assert naive.status is Status.MISSED  # what reading the break as data would say


def test_a_linking_factor_carries_the_series_across_the_break() -> None:
    # The census revised 2018 from 5068.35 (old) to 3567.6 (new): factor ≈ 0.7039.
    factor = 3567.6 / 5068.35
    linked = Observed(ZIBO_GDP, breaks=[Break(ZIBO_CENSUS, linking_factor=factor)])
    result = status_from_actuals(ZIBO_TARGET, linked, as_of_year=2021)
    assert result.status is Status.MISSED and result.final
    assert result.progress is not None
    assert result.progress.latest_value == pytest.approx(3673.54 / factor)
    assert result.reason() == f"2020年实际{fmt(3673.54 / factor)}亿元，未达到目标≥6,000亿元"


def test_a_ceiling_needs_no_link_across_a_break() -> None:
    unemployment = TargetTerms(kind=TargetKind.KEPT_EVERY_PERIOD, comparator=Comparator.LTE,
                               value=4.5, start_year=2016, deadline_year=2020,
                               higher_is_better=False, unit="%")
    observed = Observed({2016: 3.4, 2017: 3.3, 2018: 3.2, 2019: 3.0, 2020: 3.1},
                        breaks=[Break(2019)])
    assert status_from_actuals(unemployment, observed, as_of_year=2021).status is Status.ACHIEVED


def test_a_yearly_change_across_an_unlinked_break_is_left_out() -> None:
    forest = TargetTerms(kind=TargetKind.CHANGE_EVERY_YEAR, comparator=Comparator.GTE, value=1,
                         change_unit=None, start_year=2013, deadline_year=2015, unit="个百分点")
    # 2014's re-survey lowers the level; the 2013→2014 change is not a real fall.
    observed = Observed({2012: 18.0, 2013: 19.1, 2014: 14.2, 2015: 15.3}, breaks=[Break(2014)])
    result = status_from_actuals(forest, observed, as_of_year=2016)
    assert result.status is Status.ACHIEVED


def test_illustrative_and_preliminary_figures_are_named_in_the_reason() -> None:
    observed = Observed(LULIANG_GDP, illustrative_years=frozenset({2016}),
                        preliminary_years=frozenset({2018}))
    result = status_from_actuals(LULIANG_GDP_TARGET, observed, as_of_year=2019)
    assert result.illustrative and result.latest_preliminary
    assert result.reason().endswith("（最新数据为初步数）（依据示例数据，非统计数据）")


def test_a_broken_chain_of_rates_names_the_missing_year() -> None:
    # 东阳市 一般公共预算收入增长率: 2017 and 2018 published, 2016 missing.
    target = TargetTerms(kind=TargetKind.AVERAGE_ANNUAL_GROWTH, comparator=Comparator.GTE,
                         value=10, start_year=2016, deadline_year=2018,
                         value_type=ValueType.GROWTH_RATE, unit="%")
    result = status_from_actuals(target, Observed({2017: 12.0, 2018: 12.3, 2019: 6.3}),
                                 as_of_year=2020)
    assert result.status is Status.NOT_ASSESSABLE
    assert result.reason() == "缺少2016年数据，无法连续计算"

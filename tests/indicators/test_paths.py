"""Required paths, progress measures and statuses on the documents' own kinds of target."""

from __future__ import annotations

import math

import pytest

from indicators.arithmetic.paths import TargetTerms, meets, required_path
from indicators.arithmetic.status import Observed, Thresholds, status_from_actuals
from indicators.text.messages import Language
from indicators.text.numbers import fmt
from indicators.vocab import ChangeUnit, Comparator, Status, TargetKind, ValueType

DONGYANG_GDP = TargetTerms(kind=TargetKind.AVERAGE_ANNUAL_GROWTH, comparator=Comparator.APPROX,
                           value=8, start_year=2016, deadline_year=2018,
                           value_type=ValueType.GROWTH_RATE, unit="%")


def test_average_growth_is_the_geometric_mean_of_the_yearly_rates() -> None:
    result = status_from_actuals(DONGYANG_GDP, Observed({2016: 6.8, 2017: 7.5, 2018: 5.5}),
                                 as_of_year=2019)
    expected = ((1.068 * 1.075 * 1.055) ** (1 / 3) - 1) * 100
    assert result.status is Status.MISSED
    assert result.reason() == f"2016–2018年年均增长{fmt(expected)}%，未达到目标≈8%"


def test_the_rate_still_required_in_the_last_year() -> None:
    result = status_from_actuals(DONGYANG_GDP, Observed({2016: 6.8, 2017: 7.5}), as_of_year=2018)
    needed = (1.08 ** 3 / (1.068 * 1.075) - 1) * 100
    assert result.progress is not None
    assert math.isclose(result.progress.required_rate or 0, needed)
    assert result.reason() == (f"2016–2017年年均增长7.15%（目标≈8%）；"
                               f"2018年需增长{needed:.2f}%方可完成年均目标")
    assert "2018 needs" in result.reason(Language.EN)


def test_approx_takes_the_configured_tolerance() -> None:
    assert meets(DONGYANG_GDP, 7.7, default_tolerance=0.05)
    assert not meets(DONGYANG_GDP, 7.5, default_tolerance=0.05)
    assert meets(DONGYANG_GDP, 7.5, default_tolerance=0.1)
    assert meets(DONGYANG_GDP, 9.5, default_tolerance=0.05)  # beyond it in the better direction


def test_a_drop_against_a_baseline_year_follows_a_geometric_path() -> None:
    co2 = TargetTerms(kind=TargetKind.CHANGE_VS_BASELINE, comparator=Comparator.LTE, value=-17,
                      change_unit=ChangeUnit.PERCENT, baseline_year=2010, deadline_year=2015,
                      higher_is_better=False)
    path = required_path(co2)
    assert path[2010] == 0 and math.isclose(path[2015], -17)
    yearly = [(1 + path[y] / 100) / (1 + path[y - 1] / 100) for y in range(2011, 2016)]
    assert all(math.isclose(step, 0.83 ** 0.2) for step in yearly)


def test_forest_coverage_must_rise_a_point_every_year() -> None:
    forest = TargetTerms(kind=TargetKind.CHANGE_EVERY_YEAR, comparator=Comparator.GTE, value=1,
                         change_unit=ChangeUnit.PERCENTAGE_POINT, start_year=2013,
                         deadline_year=2015, unit="个百分点")
    on_pace = status_from_actuals(forest, Observed({2012: 28.0, 2013: 29.1, 2014: 30.2}),
                                  as_of_year=2014)
    assert on_pace.status is Status.ON_TRACK
    slipped = status_from_actuals(forest, Observed({2012: 28.0, 2013: 29.1, 2014: 29.6}),
                                  as_of_year=2014)
    assert slipped.status is Status.OFF_TRACK and "2014年未满足≥1个百分点" in slipped.reason()
    binding = status_from_actuals(TargetTerms(**(forest.__dict__ | {"binding": True})),
                                  Observed({2012: 28.0, 2013: 29.1, 2014: 29.6}), as_of_year=2014)
    assert binding.status is Status.MISSED


def test_a_ceiling_must_hold_in_every_period() -> None:
    unemployment = TargetTerms(kind=TargetKind.KEPT_EVERY_PERIOD, comparator=Comparator.LTE,
                               value=4.5, start_year=2013, deadline_year=2015,
                               higher_is_better=False, unit="%")
    kept = status_from_actuals(unemployment, Observed({2013: 4.2, 2014: 4.3, 2015: 4.5}),
                               as_of_year=2016)
    assert kept.status is Status.ACHIEVED
    broke = status_from_actuals(unemployment, Observed({2013: 4.6, 2014: 4.3, 2015: 4.2}),
                                as_of_year=2016)
    assert broke.status is Status.MISSED and broke.reason().startswith("2013年未满足≤4.5%")


def test_a_cumulative_count_accrues_evenly() -> None:
    relocation = TargetTerms(kind=TargetKind.CUMULATIVE_OVER_PERIOD, comparator=Comparator.GTE,
                             value=6, start_year=2013, deadline_year=2015, unit="万人")
    assert required_path(relocation) == {2012: 0, 2013: 2, 2014: 4, 2015: 6}
    behind = status_from_actuals(relocation, Observed({2013: 1.5, 2014: 1.5}), as_of_year=2015)
    assert behind.status is Status.AT_RISK and behind.progress is not None
    assert behind.progress.gap == pytest.approx(-1.0)
    assert "今后1年每年需3万人" in behind.reason()
    done = status_from_actuals(relocation, Observed({2013: 2.5, 2014: 3.6}), as_of_year=2015)
    assert done.status is Status.ACHIEVED and "提前达到" in done.reason()


def test_a_range_is_met_only_inside_it() -> None:
    counties = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.BETWEEN,
                           value=1, upper_value=2, start_year=2013, deadline_year=2015)
    assert [meets(counties, v, default_tolerance=0.05) for v in (0, 1, 1.5, 2, 3)] == [
        False, True, True, True, False]


def test_progress_against_time_for_a_level_target() -> None:
    gazelle = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                          value=300, start_year=2018, deadline_year=2022, unit="家")
    result = status_from_actuals(gazelle, Observed({2017: 100, 2018: 130, 2019: 160}),
                                 as_of_year=2020)
    progress = result.progress
    assert progress is not None
    assert (progress.time_share, progress.distance_share) == (0.4, 0.3)
    assert progress.progress_ratio == pytest.approx(0.75)
    assert progress.gap == pytest.approx(-20)
    assert progress.required_rate == pytest.approx(((300 / 160) ** (1 / 3) - 1) * 100)
    assert progress.escap_ratio == pytest.approx(((1.6 ** 0.5) - 1) / ((3 ** 0.2) - 1))
    assert result.status is Status.AT_RISK
    assert result.reason() == ("截至2019年实际160家，完成进度30%、时间进度40%；"
                               "今后3年需年均增长23.31%方可达到≥300家")


def test_binding_targets_are_held_to_a_stricter_standard() -> None:
    common = {"kind": TargetKind.LEVEL_AT_DEADLINE, "comparator": Comparator.GTE, "value": 200,
              "start_year": 2016, "deadline_year": 2020}
    observed = Observed({2015: 100, 2016: 118, 2017: 137})  # ratio 0.925
    expected = status_from_actuals(TargetTerms(**common), observed, as_of_year=2018)
    binding = status_from_actuals(TargetTerms(**common, binding=True), observed, as_of_year=2018)
    assert (expected.status, binding.status) == (Status.ON_TRACK, Status.AT_RISK)


@pytest.mark.parametrize("ratio_value, previous, status", [
    (137, None, Status.ON_TRACK),          # ratio 0.925
    (135, None, Status.AT_RISK),           # ratio 0.875
    (135, Status.ON_TRACK, Status.ON_TRACK),  # within the hysteresis band: holds
    (133, Status.ON_TRACK, Status.AT_RISK),   # 0.825: below the band, falls
    (137, Status.AT_RISK, Status.ON_TRACK),   # rising needs no band
])
def test_hysteresis_keeps_a_status_near_its_threshold(ratio_value: float,
                                                      previous: Status | None,
                                                      status: Status) -> None:
    terms = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                        value=200, start_year=2016, deadline_year=2020)
    observed = Observed({2015: 100, 2016: 118, 2017: ratio_value})
    result = status_from_actuals(terms, observed, as_of_year=2018, previous=previous,
                                 thresholds=Thresholds(hysteresis=0.06))
    assert result.status is status

"""How the probability of meeting a target decides its status, and what stays arithmetic."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from indicators.arithmetic.status import (
    Assessment,
    Forecast,
    Thresholds,
    status_from_forecast,
    status_from_probability,
    weigh_probability,
)
from indicators.text.messages import Language
from indicators.vocab import Status

FORECAST = Forecast(2020, 10.0, 9.0, 11.0, 8.0, 12.0, "drift", "%")
OPEN = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)
NUMBERS = {"year": 2018, "deadline": 2020, "actual": "8%", "distance": "50%", "time": "60%",
           "remaining": 2, "required": "9%", "target": "≥10%"}
# Cut points away from the defaults, so the tests read the thresholds they are given.
CUTS = Thresholds(likely_meet_expected=0.6, likely_miss_expected=0.3, likely_meet_binding=0.7,
                  likely_miss_binding=0.4, hysteresis=0.05)


def progress(status: Status, *, final: bool = False,
             key: str = "assess.progress_rate") -> Assessment:
    return Assessment(status, key, NUMBERS, final=final)


@pytest.mark.parametrize("arithmetic", OPEN)
@pytest.mark.parametrize(("probability", "expected"), [
    (0.95, Status.ON_TRACK), (0.6, Status.ON_TRACK), (0.59, Status.AT_RISK),
    (0.3, Status.AT_RISK), (0.29, Status.OFF_TRACK), (0.0, Status.OFF_TRACK)])
def test_the_probability_decides_a_progress_status(arithmetic: Status, probability: float,
                                                   expected: Status) -> None:
    weighed = weigh_probability(progress(arithmetic), probability, FORECAST, binding=False,
                                thresholds=CUTS)
    assert weighed.status is expected
    assert weighed.probability == probability and weighed.forecast == FORECAST
    assert weighed.reason_key == "assess.by_probability"


def test_a_growth_target_s_reason_quotes_its_average_growth() -> None:
    growth = Assessment(Status.ON_TRACK, "assess.growth_progress", NUMBERS | {"first": 2016})
    weighed = weigh_probability(growth, 0.3, FORECAST, binding=False, thresholds=CUTS)
    assert weighed.reason().startswith("2016–2018年年均增长8%；据此预测")


def test_a_percentage_change_target_s_reason_keeps_the_planner_s_words() -> None:
    planner = NUMBERS | {"base": 2015, "so_far": "13.4%", "needed": "3%", "target": "≤-16%"}
    fell = Assessment(Status.AT_RISK, "assess.change_progress_down_down", planner)
    weighed = weigh_probability(fell, 0.3, FORECAST, binding=True, thresholds=CUTS)
    assert weighed.reason().startswith("截至2018年较2015年累计下降13.4%；据此预测，2020年达到目标"
                                       "≤-16%的概率为30%")
    assert weighed.reason(Language.EN).startswith("Down 13.4% on 2015 by 2018; on the figures")
    rose = Assessment(Status.AT_RISK, "assess.change_progress_up_down", planner)
    assert weigh_probability(rose, 0.7, FORECAST, binding=False, thresholds=CUTS).reason(
    ).startswith("截至2018年较2015年累计增长13.4%；据此预测")


def test_binding_targets_use_their_own_higher_cut_points() -> None:
    assert status_from_probability(0.65, binding=False, thresholds=CUTS) is Status.ON_TRACK
    assert status_from_probability(0.65, binding=True, thresholds=CUTS) is Status.AT_RISK
    assert status_from_probability(0.35, binding=False, thresholds=CUTS) is Status.AT_RISK
    assert status_from_probability(0.35, binding=True, thresholds=CUTS) is Status.OFF_TRACK


@pytest.mark.parametrize("status", [Status.ACHIEVED, Status.MISSED, Status.NOT_ASSESSABLE])
def test_final_and_unassessable_statuses_never_move(status: Status) -> None:
    weighed = weigh_probability(progress(status, final=True), 0.99, FORECAST, binding=False)
    assert weighed.status is status and weighed.probability == 0.99


def test_an_early_achievement_and_a_breach_stay_arithmetic() -> None:
    early = weigh_probability(progress(Status.ACHIEVED, key="assess.achieved_early"), 0.4,
                              FORECAST, binding=False, thresholds=CUTS)
    assert early.status is Status.ACHIEVED and early.reason_key == "assess.achieved_early"
    breach = weigh_probability(progress(Status.AT_RISK, key="assess.breached"), 0.99,
                               FORECAST, binding=False, thresholds=CUTS)
    assert breach.status is Status.AT_RISK and breach.reason_key == "assess.breached"


def test_without_a_probability_the_arithmetic_stands() -> None:
    weighed = weigh_probability(progress(Status.AT_RISK), None, None, binding=False)
    assert weighed.status is Status.AT_RISK and weighed.reason_key == "assess.progress_rate"


def test_the_reason_names_the_probability_that_decided() -> None:
    weighed = weigh_probability(progress(Status.ON_TRACK), 0.42, FORECAST, binding=False,
                                thresholds=CUTS)
    assert weighed.reason() == ("2018年实际8%；据此预测，2020年达到目标≥10%的概率为42%"
                                "（预测10%，80%区间9～11%）")
    assert weighed.reason(Language.EN) == (
        "2018 actual 8%; on the figures to 2018, the chance of meeting ≥10% by 2020 is 42% "
        "(forecast 10%, 80% interval 9 to 11%)")


def test_when_the_arithmetic_decided_the_forecast_follows_its_reason() -> None:
    early = weigh_probability(progress(Status.ACHIEVED, key="assess.achieved_early"), 0.9,
                              FORECAST, binding=False)
    assert "达标概率90%" in early.reason()


@pytest.mark.parametrize(("probability", "expected"), [
    (0.6, Status.ON_TRACK), (0.3, Status.AT_RISK), (0.1, Status.OFF_TRACK)])
def test_a_target_with_no_figure_in_its_period_is_judged_on_the_forecast(
        probability: float, expected: Status) -> None:
    empty = Assessment(Status.NOT_ASSESSABLE, "assess.no_data", {"year": 2016})
    judged = status_from_forecast(empty, probability, FORECAST, binding=False, thresholds=CUTS)
    assert judged.status is expected and judged.reason_key == "assess.forecast_only"


def test_the_band_never_holds_on_track_below_one_half() -> None:
    wide = Thresholds(likely_meet_expected=0.53, hysteresis=0.1)  # the ratio's band
    assert status_from_probability(0.51, binding=False, thresholds=wide,
                                   previous=Status.ON_TRACK) is Status.ON_TRACK
    assert status_from_probability(0.49, binding=False, thresholds=wide,
                                   previous=Status.ON_TRACK) is Status.AT_RISK


def test_hysteresis_holds_a_status_within_the_band_below_its_cut_point() -> None:
    held = status_from_probability(0.56, binding=False, thresholds=CUTS,
                                   previous=Status.ON_TRACK)
    assert held is Status.ON_TRACK  # 0.56 ≥ 0.6 − 0.05
    assert status_from_probability(0.54, binding=False, thresholds=CUTS,
                                   previous=Status.ON_TRACK) is Status.AT_RISK
    assert status_from_probability(0.56, binding=False, thresholds=CUTS) is Status.AT_RISK
    # Rising needs no band: an at-risk target at the cut point is on track at once.
    assert status_from_probability(0.6, binding=False, thresholds=CUTS,
                                   previous=Status.AT_RISK) is Status.ON_TRACK


probabilities = st.floats(0, 1)
statuses = st.sampled_from([None, *OPEN])


@st.composite
def thresholds(draw: st.DrawFn) -> Thresholds:
    """Any valid set of probability cut points, with a band the on-track cut point leaves
    whole (at least 0.5 above which to hold)."""
    band = draw(st.floats(0, 0.1))
    meet_e = draw(st.floats(0.5 + band, 1))
    # 0.5 + a tiny band rounds to 0.5, which leaves no band at all (the cap below 1/2).
    assume(meet_e - 0.5 >= band)
    meet_b = draw(st.floats(meet_e, 1))
    miss_e = draw(st.floats(0, 0.49))
    miss_b = draw(st.floats(miss_e, 0.49))
    return Thresholds(likely_meet_expected=meet_e, likely_miss_expected=miss_e,
                      likely_meet_binding=meet_b, likely_miss_binding=miss_b, hysteresis=band)


@given(probabilities, st.booleans(), statuses, thresholds())
def test_status_and_probability_never_contradict(probability: float, binding: bool,
                                                 previous: Status | None,
                                                 cuts: Thresholds) -> None:
    """On track is never below one half, off track never at or above it, and at risk
    never at or above the on-track cut point."""
    status = weigh_probability(progress(Status.ON_TRACK), probability, FORECAST,
                               binding=binding, thresholds=cuts, previous=previous).status
    likely_meet, _ = cuts.likelihoods(binding)
    if status is Status.ON_TRACK:
        assert probability >= 0.5
    if status is Status.OFF_TRACK:
        assert probability < 0.5
    if status is Status.AT_RISK:
        assert probability < likely_meet


@given(probabilities, statuses, thresholds())
def test_binding_warns_no_later_than_expected_on_the_same_evidence(
        probability: float, previous: Status | None, cuts: Thresholds) -> None:
    rank = {Status.OFF_TRACK: 0, Status.AT_RISK: 1, Status.ON_TRACK: 2}
    binding = status_from_probability(probability, binding=True, thresholds=cuts,
                                      previous=previous)
    expected = status_from_probability(probability, binding=False, thresholds=cuts,
                                       previous=previous)
    assert rank[binding] <= rank[expected]


@given(probabilities, st.floats(-1, 1), thresholds())
def test_hysteresis_never_flips_a_status_on_a_tiny_change(probability: float, nudge: float,
                                                          cuts: Thresholds) -> None:
    """A status earned at one probability holds when the next run moves it down by less
    than the band (rising is always allowed)."""
    first = status_from_probability(probability, binding=False, thresholds=cuts)
    moved = min(max(probability - abs(nudge) * cuts.hysteresis * 0.999, 0.0), 1.0)
    again = status_from_probability(moved, binding=False, thresholds=cuts, previous=first)
    assert again is first

"""How the probability of meeting a target weighs into its status."""

from __future__ import annotations

import pytest

from indicators.arithmetic.status import (
    Assessment,
    Forecast,
    Thresholds,
    status_from_forecast,
    weigh_probability,
)
from indicators.text.messages import Language
from indicators.vocab import Status

FORECAST = Forecast(2020, 10.0, 9.0, 11.0, 8.0, 12.0, "drift", "%")


NUMBERS = {"year": 2018, "actual": "8%", "distance": "50%", "time": "60%", "remaining": 2,
           "required": "9%", "target": "≥10%"}


def progress(status: Status, *, final: bool = False) -> Assessment:
    return Assessment(status, "assess.progress_rate", NUMBERS, final=final)


@pytest.mark.parametrize(("status", "probability", "expected"), [
    (Status.ON_TRACK, 0.5, Status.ON_TRACK),  # on the path: even chances change nothing
    (Status.AT_RISK, 0.5, Status.AT_RISK),
    (Status.AT_RISK, 0.85, Status.ON_TRACK),
    (Status.OFF_TRACK, 0.85, Status.AT_RISK),  # one level at most
    (Status.ON_TRACK, 0.1, Status.AT_RISK),
    (Status.AT_RISK, 0.1, Status.OFF_TRACK),
    (Status.OFF_TRACK, 0.1, Status.OFF_TRACK),
])
def test_probability_moves_an_expected_target_one_level(status: Status, probability: float,
                                                        expected: Status) -> None:
    weighed = weigh_probability(progress(status), probability, FORECAST, binding=False)
    assert weighed.status is expected
    assert weighed.probability == probability and weighed.forecast == FORECAST


def test_binding_targets_need_stronger_evidence_to_move_up() -> None:
    weighed = weigh_probability(progress(Status.AT_RISK), 0.85, FORECAST, binding=True)
    assert weighed.status is Status.AT_RISK
    weighed = weigh_probability(progress(Status.ON_TRACK), 0.25, FORECAST, binding=True)
    assert weighed.status is Status.AT_RISK


@pytest.mark.parametrize("status", [Status.ACHIEVED, Status.MISSED, Status.NOT_ASSESSABLE])
def test_final_and_unassessable_statuses_never_move(status: Status) -> None:
    weighed = weigh_probability(progress(status, final=True), 0.0, FORECAST, binding=False)
    assert weighed.status is status


def test_the_reason_quotes_the_forecast_and_probability_and_the_move() -> None:
    weighed = weigh_probability(progress(Status.ON_TRACK), 0.1, FORECAST, binding=False)
    assert "2020" in weighed.reason() and "10%" in weighed.reason()
    assert "下调一级" in weighed.reason()
    assert "80% interval 9 to 11%" in weighed.reason(Language.EN)


@pytest.mark.parametrize(("probability", "expected"), [
    (0.6, Status.ON_TRACK), (0.3, Status.AT_RISK), (0.1, Status.OFF_TRACK)])
def test_a_target_with_no_figure_in_its_period_is_judged_on_the_forecast(
        probability: float, expected: Status) -> None:
    empty = Assessment(Status.NOT_ASSESSABLE, "assess.no_data", {"year": 2016})
    judged = status_from_forecast(empty, probability, FORECAST, binding=False,
                                  thresholds=Thresholds())
    assert judged.status is expected and judged.reason_key == "assess.forecast_only"

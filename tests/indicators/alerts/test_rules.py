"""The alert rules as pure functions: facts in, fire / clear / hold out."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from indicators.alerts.data_rules import data_overdue, due_period_end, outside_interval
from indicators.alerts.facts import SeriesFacts, TargetFacts, month_index
from indicators.alerts.rules import (
    TARGET_RULES,
    achieved_early,
    all_rules,
    probability_drop,
    probability_low,
    probability_verdict,
    rule_by_code,
    status_worsened,
    ytd_behind,
)
from indicators.alerts.verdicts import HOLD, Verdict
from indicators.text.messages import Language, has_message
from indicators.vocab import Audience, Frequency, Nature, Severity, Status

FACTS = TargetFacts(target_id=1, target_key="T1", indicator_code="gdp", region_code="141100",
                    document_code="D1", nature=None, deadline_year=2015, as_of_year=2015,
                    status=Status.ON_TRACK, previous_status=Status.ON_TRACK, final=False,
                    probability=0.8, previous_probability=0.8)
SERIES = SeriesFacts(indicator_code="gdp", region_code="141100", frequency=Frequency.ANNUAL,
                     unit="亿元", as_of_day=date(2015, 6, 30), latest_end=month_index(2014, 12),
                     needed_until=month_index(2015, 12))


def _params(code: str) -> dict[str, Any]:
    return dict(rule_by_code(code).params)


def _severity(outcome: object) -> Severity | None:
    return outcome.severity if isinstance(outcome, Verdict) else None


def test_every_rule_is_declared_once_with_a_title_in_both_languages() -> None:
    codes = [r.code for r in all_rules()]
    assert len(codes) == len(set(codes)) == 7
    for rule in all_rules():
        assert has_message(f"alert.rule.{rule.code}")
        assert rule.title(Language.ZH) != rule.title(Language.EN)
    assert {r.code for r in all_rules() if r.audience is Audience.STATISTICS} == {
        "outside_interval", "data_overdue"}
    assert len(TARGET_RULES) == 5


def test_binding_targets_warn_a_step_earlier_than_expected_ones() -> None:
    params = _params("status_worsened")
    table = {}
    for nature in (Nature.BINDING, Nature.EXPECTED, None):
        for status in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.MISSED):
            facts = replace(FACTS, nature=nature, status=status)
            table[nature, status] = _severity(status_worsened(facts, params, None))
    assert [table[Nature.BINDING, s] for s in (Status.ON_TRACK, Status.AT_RISK,
                                               Status.OFF_TRACK, Status.MISSED)] == [
        None, Severity.WARNING, Severity.SEVERE, Severity.SEVERE]
    assert [table[Nature.EXPECTED, s] for s in (Status.ON_TRACK, Status.AT_RISK,
                                                Status.OFF_TRACK, Status.MISSED)] == [
        None, None, Severity.WARNING, Severity.SEVERE]
    assert all(table[None, s] == table[Nature.EXPECTED, s] for s in Status
               if (None, s) in table)


def test_status_headline_says_what_changed_and_unassessable_holds() -> None:
    facts = replace(FACTS, status=Status.OFF_TRACK, previous_status=Status.ON_TRACK)
    verdict = status_worsened(facts, _params("status_worsened"), None)
    assert isinstance(verdict, Verdict)
    assert verdict.headline(Language.ZH) == "状态由“进展正常”变为“进度滞后”"
    assert verdict.headline(Language.EN) == "Status changed from “on track” to “off track”"
    same = status_worsened(replace(facts, previous_status=None), _params("status_worsened"), None)
    assert isinstance(same, Verdict) and same.headline(Language.ZH) == "状态为“进度滞后”"
    assert status_worsened(replace(facts, status=Status.NOT_ASSESSABLE),
                           _params("status_worsened"), {}) is HOLD


def test_probability_low_severity_and_what_it_leaves_alone() -> None:
    params = _params("probability_low")
    assert _severity(probability_low(replace(FACTS, probability=0.45), params, None)) \
        is Severity.WARNING
    assert _severity(probability_low(replace(FACTS, probability=0.2), params, None)) \
        is Severity.SEVERE
    assert probability_low(replace(FACTS, probability=0.5), params, None) is None
    assert probability_low(replace(FACTS, probability=None), params, {}) is HOLD
    assert probability_low(replace(FACTS, probability=0.1, status=Status.MISSED, final=True),
                           params, {}) is None


@given(start=st.floats(0.0, 0.4999),
       hover=st.lists(st.floats(0.45, 0.5499), min_size=1, max_size=30))
def test_a_probability_hovering_at_the_threshold_never_flaps(start: float,
                                                             hover: list[float]) -> None:
    """Once fired below 50%, values anywhere under 55% keep it open: no resolve/refire."""
    fired = probability_verdict(start, warning=0.5, severe=0.35, band=0.05, held=False)
    assert isinstance(fired, Verdict)
    for value in hover:
        assert probability_verdict(value, warning=0.5, severe=0.35, band=0.05,
                                   held=True) is not None


@given(values=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=40))
def test_probability_low_changes_state_only_across_the_band(values: list[float]) -> None:
    """Simulate runs: a resolve needs ≥ 55%, a (re)fire needs < 50%; so between a fire and
    the next resolve the value has crossed the whole band."""
    open_, history = False, []
    for value in values:
        outcome = probability_verdict(value, warning=0.5, severe=0.35, band=0.05, held=open_)
        now_open = outcome is not None
        if now_open != open_:
            history.append((now_open, value))
        open_ = now_open
    for opened, value in history:
        assert (value < 0.5) if opened else (value >= 0.55)


def test_probability_drop_fires_on_a_sharp_fall_and_clears_on_recovery() -> None:
    params = _params("probability_drop")
    fall = probability_drop(replace(FACTS, previous_probability=0.7, probability=0.45),
                            params, None)
    assert isinstance(fall, Verdict) and fall.keep == {"reference_probability": 0.7}
    assert fall.headline(Language.ZH) == "达标概率由 70% 降至 45%"
    assert probability_drop(replace(FACTS, previous_probability=0.7, probability=0.55),
                            params, None) is None
    # the next run sees no further fall, but the alert holds until back near 70%
    held = {"reference_probability": 0.7}
    assert probability_drop(replace(FACTS, previous_probability=0.45, probability=0.5),
                            params, held) is not None
    assert probability_drop(replace(FACTS, previous_probability=0.5, probability=0.61),
                            params, held) is None


def test_ytd_behind_reads_the_stored_in_year_check() -> None:
    params = _params("ytd_behind")
    check = {"year": 2015, "month": 9, "actual": 80.0, "expected": 100.0, "share": 0.7,
             "on_pace": False}
    verdict = ytd_behind(replace(FACTS, in_year=check), params, None)
    assert isinstance(verdict, Verdict) and verdict.severity is Severity.SEVERE
    assert verdict.headline(Language.ZH) == "2015年1—9月累计 80，低于全年目标所需的 100"
    mild = ytd_behind(replace(FACTS, in_year=check | {"actual": 95.0}), params, None)
    assert _severity(mild) is Severity.WARNING
    rate = {"year": 2015, "month": 6, "actual": 6.5, "expected": 7.0, "share": None,
            "on_pace": False}
    assert _severity(ytd_behind(replace(FACTS, in_year=rate), params, None)) is Severity.WARNING
    assert ytd_behind(replace(FACTS, in_year=check | {"on_pace": True}), params, {}) is None
    assert ytd_behind(replace(FACTS, in_year=check | {"year": 2014}), params, {}) is None


def test_achieved_early_is_good_news_only_before_the_deadline_figure() -> None:
    early = achieved_early(replace(FACTS, status=Status.ACHIEVED), {}, None)
    assert _severity(early) is Severity.INFO
    assert achieved_early(replace(FACTS, status=Status.ACHIEVED, final=True), {}, None) is None
    assert achieved_early(FACTS, {}, {}) is None


def test_due_periods_follow_frequency_and_lag() -> None:
    assert due_period_end(date(2015, 5, 29), Frequency.ANNUAL, 150) == month_index(2013, 12)
    assert due_period_end(date(2015, 5, 30), Frequency.ANNUAL, 150) == month_index(2014, 12)
    assert due_period_end(date(2015, 6, 30), Frequency.QUARTERLY, 45) == month_index(2015, 3)
    assert due_period_end(date(2015, 6, 30), Frequency.MONTHLY, 30) == month_index(2015, 5)


def test_data_overdue_needs_a_live_need_and_a_series_that_reports() -> None:
    params = _params("data_overdue")
    assert data_overdue(SERIES, params, None) is None  # 2014 is in
    late = replace(SERIES, latest_end=month_index(2013, 12))
    verdict = data_overdue(late, params, None)
    assert isinstance(verdict, Verdict) and verdict.keep["due_period"] == "2014"
    assert verdict.headline(Language.ZH) == "2014 数据应于 2015-05-30 前发布，至今未见"
    assert data_overdue(replace(late, needed_until=month_index(2013, 12)), params, None) is None
    assert data_overdue(replace(late, latest_end=None), params, None) is None
    slow = params | {"lag_days": {"annual": 300}}
    assert data_overdue(late, slow, None) is None


def test_outside_interval_flags_a_new_figure_beyond_its_forecast() -> None:
    params = _params("outside_interval")
    checked = replace(SERIES, forecast_period="2014", forecast_value=130.0, forecast_mean=100.0,
                      forecast_lo_95=90.0, forecast_hi_95=110.0,
                      forecast_published="2015-03-01T00:00:00+00:00")
    verdict = outside_interval(checked, params, None)
    assert isinstance(verdict, Verdict) and verdict.severity is Severity.WARNING
    assert "90–110" in verdict.headline(Language.EN)
    assert outside_interval(replace(checked, forecast_value=105.0), params, {}) is None
    stale = replace(checked, forecast_published="2014-01-01T00:00:00+00:00")
    assert outside_interval(stale, params, None) is None
    assert outside_interval(stale, params, {}) is not None  # an open one stays until checked
    assert outside_interval(SERIES, params, {}) is HOLD

"""The evaluation moves stored alerts through their life on stored assessment results and
figures: one open alert per rule and subject, refire, escalate, hold, resolve, silences."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from indicators.alerts.config import set_rule
from indicators.alerts.evaluation import run_alerts
from indicators.alerts.lifecycle import acknowledge, silence
from indicators.clock import china_day_end as day_end
from indicators.tables.alerts import Alert, AlertEvaluation, RuleScope
from indicators.tables.catalogue import Target
from indicators.vocab import AlertState, Nature, ReviewState, Severity, Status
from tests.factories import add_annual_figures
from tests.indicators.alerts.alert_factories import approve, load_small_catalogue, store_result

JUNE = day_end(date(2015, 6, 30))
DEC = day_end(date(2015, 12, 31))
NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)


def _target(session: Session, tmp_path: Path, nature: Nature | None = None) -> Target:
    return approve(load_small_catalogue(session, tmp_path), nature)


def _status_alerts(session: Session) -> list[Alert]:
    return list(session.scalars(select(Alert).where(Alert.rule == "status_worsened")))


def test_one_open_alert_however_often_it_reruns(session: Session, tmp_path: Path) -> None:
    target = _target(session, tmp_path)
    store_result(session, target, at=JUNE - timedelta(days=180), status=Status.ON_TRACK)
    store_result(session, target, at=JUNE, status=Status.OFF_TRACK)
    first = run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    [alert] = _status_alerts(session)
    assert first.transitions == [(alert.id, "fired")]
    assert (alert.severity, alert.state, alert.fire_count) == (
        Severity.WARNING, AlertState.FIRING, 1)
    assert alert.headline_zh == "状态由“进展正常”变为“进度滞后”"
    assert alert.measures["previous_status"] == "on_track" and alert.reason_zh == "测试原因"
    again = run_alerts(session, as_of=JUNE, now=NOW + timedelta(hours=1), trigger="nightly")
    assert again.transitions == [] and len(_status_alerts(session)) == 1
    logged = session.scalars(select(AlertEvaluation).order_by(AlertEvaluation.id)).all()
    assert [e.trigger for e in logged] == ["cli", "nightly"]
    assert logged[0].counts["fired"] == 1 and logged[1].counts["open"] == 1


def test_resolve_when_it_clears_and_refire_counts(session: Session, tmp_path: Path) -> None:
    target = _target(session, tmp_path)
    store_result(session, target, at=JUNE, status=Status.OFF_TRACK)
    run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    [alert] = _status_alerts(session)
    acknowledge(session, alert.id, who="发改委", cause="c", measures="m", now=NOW)
    store_result(session, target, at=JUNE + timedelta(days=90), status=Status.ON_TRACK)
    cleared = run_alerts(session, as_of=JUNE + timedelta(days=90), now=NOW, trigger="cli")
    assert cleared.transitions == [(alert.id, "resolved")] and alert.state is AlertState.RESOLVED
    store_result(session, target, at=DEC, status=Status.OFF_TRACK)
    refired = run_alerts(session, as_of=DEC, now=NOW + timedelta(days=1), trigger="cli")
    assert refired.transitions == [(alert.id, "refired")]
    assert (alert.state, alert.fire_count, alert.acknowledged_by) == (AlertState.FIRING, 2, None)
    assert [e.kind.value for e in alert.events] == ["fired", "acknowledged", "resolved",
                                                    "refired"]


def test_binding_targets_escalate_and_unassessable_holds(session: Session,
                                                         tmp_path: Path) -> None:
    target = _target(session, tmp_path, Nature.BINDING)
    store_result(session, target, at=JUNE - timedelta(days=1), status=Status.AT_RISK,
                 probability=0.45)
    run_alerts(session, as_of=JUNE - timedelta(days=1), now=NOW, trigger="cli")
    [alert] = _status_alerts(session)
    assert alert.severity is Severity.WARNING
    store_result(session, target, at=JUNE, status=Status.OFF_TRACK, probability=0.4)
    escalated = run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    assert escalated.transitions == [(alert.id, "escalated")]
    assert alert.severity is Severity.SEVERE
    store_result(session, target, at=DEC, status=Status.NOT_ASSESSABLE)
    held = run_alerts(session, as_of=DEC, now=NOW, trigger="cli")
    assert held.transitions == [] and alert.state is AlertState.FIRING


def test_probability_alerts_stand_aside_for_the_status_alert(session: Session,
                                                             tmp_path: Path) -> None:
    target = _target(session, tmp_path)
    store_result(session, target, at=JUNE - timedelta(days=180), status=Status.ON_TRACK,
                 probability=0.8)
    store_result(session, target, at=JUNE, status=Status.AT_RISK, probability=0.4)
    run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    rules = sorted(a.rule for a in session.scalars(select(Alert)))
    assert rules == ["probability_drop", "probability_low"]  # expected at-risk: no status
    store_result(session, target, at=DEC, status=Status.OFF_TRACK, probability=0.2)
    run_alerts(session, as_of=DEC, now=NOW, trigger="cli")
    open_rules = sorted(a.rule for a in session.scalars(
        select(Alert).where(Alert.state != AlertState.RESOLVED)))
    assert open_rules == ["status_worsened"]
    assert _status_alerts(session)[0].severity is Severity.SEVERE  # 20% < the severe cut


def test_a_silenced_firing_is_recorded_but_not_routed(session: Session, tmp_path: Path) -> None:
    target = _target(session, tmp_path)
    silence(session, rule="status_worsened", target_id=target.id, series=None,
            until=NOW + timedelta(days=7), reason="专题会已研究", who="市长", now=NOW)
    store_result(session, target, at=JUNE, status=Status.OFF_TRACK)
    evaluation = run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    [alert] = _status_alerts(session)
    assert alert.silenced and evaluation.transitions == []
    assert evaluation.counts["silenced"] == 1 and evaluation.counts["fired"] == 1
    run_alerts(session, as_of=JUNE, now=NOW + timedelta(days=8), trigger="cli")
    assert not alert.silenced and alert.state is AlertState.FIRING


def test_a_disabled_rule_and_a_retired_target_resolve(session: Session, tmp_path: Path) -> None:
    target = _target(session, tmp_path)
    store_result(session, target, at=JUNE, status=Status.OFF_TRACK, probability=0.1)
    run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    [alert] = _status_alerts(session)
    set_rule(session, rule="status_worsened", scope=RuleScope.TARGET, scope_key=target.key,
             enabled=False)
    off = run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    low = session.scalar(select(Alert).where(Alert.rule == "probability_low"))
    assert low is not None  # no longer standing aside for a status alert
    assert off.transitions == [(alert.id, "resolved"), (low.id, "fired")]
    set_rule(session, rule="status_worsened", scope=RuleScope.TARGET, scope_key=target.key,
             enabled=True)
    run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    assert (alert.state, low.state) == (AlertState.FIRING, AlertState.RESOLVED)
    target.review_state = ReviewState.RETIRED
    assert run_alerts(session, as_of=JUNE, now=NOW, trigger="cli").transitions == [
        (alert.id, "resolved")]


def test_data_overdue_fires_and_clears_when_the_figure_arrives(session: Session,
                                                               tmp_path: Path) -> None:
    _target(session, tmp_path)
    add_annual_figures(session, indicator_code="gdp_growth", region_code="141100",
                       values={2011: "12", 2012: "10"})
    run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    [late] = session.scalars(select(Alert).where(Alert.rule == "data_overdue")).all()
    assert (late.subject, late.target_id, late.measures["due_period"]) == (
        "series:gdp_growth@141100", None, "2014")
    assert late.measures["periods_overdue"] == 2
    add_annual_figures(session, indicator_code="gdp_growth", region_code="141100",
                       values={2013: "9", 2014: "8"})
    evaluation = run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    assert (late.id, "resolved") in evaluation.transitions


def test_the_evaluation_leaves_the_commit_to_its_caller(
        session_factory: sessionmaker[Session], tmp_path: Path) -> None:
    with session_factory() as session:
        target = _target(session, tmp_path)
        store_result(session, target, at=JUNE, status=Status.OFF_TRACK)
        session.commit()
        run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
        session.rollback()
        assert session.scalar(select(func.count(Alert.id))) == 0
        assert session.scalar(select(func.count(AlertEvaluation.id))) == 0


def test_a_year_to_date_shortfall_is_for_the_lead_department(session: Session,
                                                             tmp_path: Path) -> None:
    target = _target(session, tmp_path)
    check = {"year": 2015, "month": 5, "actual": 3.1, "expected": 10.0, "share": None,
             "on_pace": False}
    store_result(session, target, at=JUNE, status=Status.ON_TRACK, probability=0.7,
                 in_year=check)
    run_alerts(session, as_of=JUNE, now=NOW, trigger="cli")
    [behind] = session.scalars(select(Alert).where(Alert.rule == "ytd_behind")).all()
    assert (behind.audience.value, behind.severity) == ("departments", Severity.SEVERE)
    assert behind.headline_zh == "2015年1—5月累计 3.1，低于全年目标所需的 10"

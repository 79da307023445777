"""Acknowledging, commenting on and silencing alerts, and reading them back as views."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from indicators.alerts.lifecycle import (
    AlertNotFoundError,
    SilenceError,
    acknowledge,
    comment,
    silence,
)
from indicators.alerts.listing import alert_events, alert_views, list_alerts, view_of
from indicators.tables.alerts import AlertEventKind
from indicators.vocab import AlertState, Audience, Nature, Status
from tests.indicators.alerts.alert_factories import (
    NOW,
    add_series_alert,
    add_target_alert,
    load_small_catalogue,
)

MEASURES = {"status": "at_risk", "previous_status": "on_track", "latest_value": 8.5,
            "latest_period": "2014", "latest_published": "2015-03-01T00:00:00+00:00",
            "latest_preliminary": True, "required_value": 10.0, "gap": -1.5,
            "probability": 0.41, "previous_probability": 0.7, "illustrative": True, "unit": "%"}


def test_acknowledge_records_the_close_out_and_who(session: Session, tmp_path: Path) -> None:
    alert = add_target_alert(session, load_small_catalogue(session, tmp_path))
    later = NOW + timedelta(days=2)
    acknowledge(session, alert.id, who="发改委", cause="投资项目延期", measures="督办重点项目",
                now=later)
    view = alert_views(session, [alert.id])[0]
    assert (view.state, view.acknowledged_by, view.acknowledged_at) == (
        AlertState.ACKNOWLEDGED, "发改委", later)
    assert (alert.cause, alert.measures_taken) == ("投资项目延期", "督办重点项目")
    events = alert_events(session, alert.id)
    assert [e.kind for e in events] == [AlertEventKind.ACKNOWLEDGED]
    assert "投资项目延期" in (events[0].text or "") and "督办重点项目" in (events[0].text or "")


def test_a_resolved_alert_takes_the_close_out_but_stays_resolved(session: Session,
                                                                 tmp_path: Path) -> None:
    alert = add_target_alert(session, load_small_catalogue(session, tmp_path),
                             state=AlertState.RESOLVED)
    acknowledge(session, alert.id, who="统计局", cause="数据修订", measures=None, now=NOW)
    assert alert.state is AlertState.RESOLVED and alert.cause == "数据修订"


def test_comments_keep_their_order_and_unknown_alerts_are_refused(session: Session,
                                                                  tmp_path: Path) -> None:
    alert = add_target_alert(session, load_small_catalogue(session, tmp_path))
    comment(session, alert.id, who="a", text="第一条", now=NOW)
    comment(session, alert.id, who="b", text="第二条", now=NOW + timedelta(hours=1))
    assert [e.text for e in alert_events(session, alert.id)] == ["第一条", "第二条"]
    assert alert.state is AlertState.FIRING
    with pytest.raises(AlertNotFoundError):
        comment(session, alert.id + 1000, who="a", text="x", now=NOW)
    with pytest.raises(AlertNotFoundError):
        alert_events(session, alert.id + 1000)


def test_silence_marks_the_open_alerts_it_covers(session: Session, tmp_path: Path) -> None:
    target = load_small_catalogue(session, tmp_path)
    covered = add_target_alert(session, target)
    other_rule = add_target_alert(session, target, rule="probability_low")
    data = add_series_alert(session)
    silence(session, rule="status_worsened", target_id=target.id, series=None,
            until=NOW + timedelta(days=30), reason="已专题研究", who="市长", now=NOW)
    assert (covered.silenced, other_rule.silenced, data.silenced) == (True, False, False)
    assert [e.kind for e in covered.events] == [AlertEventKind.SILENCED]
    silence(session, rule=None, target_id=None, series="gdp_growth@141100",
            until=NOW + timedelta(days=1), reason="统计局核实中", who="统计局", now=NOW)
    assert data.silenced and not other_rule.silenced


def test_a_silence_must_name_something_and_end_later(session: Session) -> None:
    with pytest.raises(SilenceError):
        silence(session, rule=None, target_id=None, series=None, until=NOW + timedelta(days=1),
                reason="x", who="a", now=NOW)
    with pytest.raises(SilenceError):
        silence(session, rule="data_overdue", target_id=None, series=None, until=NOW,
                reason="x", who="a", now=NOW)


def test_the_view_carries_the_target_its_records_and_the_measures(session: Session,
                                                                  tmp_path: Path) -> None:
    target = load_small_catalogue(session, tmp_path)
    view = view_of(add_target_alert(session, target, measures=MEASURES))
    assert (view.target_key, view.quote, view.document_code, view.document_title) == (
        "T1-gdp", "地区生产总值年均增长10%", "T1", "测试规划")
    assert (view.region_name, view.indicator_name, view.indicator_name_en) == (
        "吕梁市", "地区生产总值增长率", "GRP growth")
    assert (view.deadline_year, view.nature, view.lead_department) == (2015, None, None)
    assert (view.status, view.previous_status) == (Status.AT_RISK, Status.ON_TRACK)
    assert (view.latest_value, view.latest_period, view.required_value, view.gap) == (
        8.5, "2014", 10.0, -1.5)
    assert view.latest_published is not None and view.latest_published.year == 2015
    assert (view.latest_preliminary, view.illustrative, view.unit) == (True, True, "%")
    assert (view.probability, view.previous_probability) == (0.41, 0.7)
    assert Nature  # the nature column is read as the catalogue states it (None here)


def test_a_data_alert_names_its_series(session: Session, tmp_path: Path) -> None:
    load_small_catalogue(session, tmp_path)
    view = view_of(add_series_alert(session))
    assert (view.target_id, view.target_key, view.quote) == (None, None, None)
    assert (view.indicator_code, view.region_code, view.region_name) == (
        "gdp_growth", "141100", "吕梁市")
    assert view.unit == "%"


def test_list_filters_pages_and_counts(session: Session, tmp_path: Path) -> None:
    target = load_small_catalogue(session, tmp_path)
    firing = [add_target_alert(session, target, rule=f"r{i}", at=NOW + timedelta(hours=i))
              for i in range(5)]
    add_target_alert(session, target, rule="r0", state=AlertState.RESOLVED)
    data = add_series_alert(session, at=NOW + timedelta(days=1))
    page, total = list_alerts(session, states=[AlertState.FIRING], offset=1, limit=2)
    assert total == 6
    assert [v.alert_id for v in page] == [firing[4].id, firing[3].id]
    views, total = list_alerts(session, audience=Audience.STATISTICS)
    assert (total, [v.alert_id for v in views]) == (1, [data.id])
    views, total = list_alerts(session, rule="r0", target_key="T1-gdp")
    assert total == 2 and {v.state for v in views} == {AlertState.FIRING, AlertState.RESOLVED}
    assert list_alerts(session, target_key="nobody") == ([], 0)
    assert alert_views(session, [data.id, 99999, firing[0].id])[1].alert_id == firing[0].id

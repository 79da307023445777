"""The alerts inbox `/alerts`, an alert's page and its forms, and the target page's alerts
section, through the app on SQLite and PostgreSQL over the seed catalogue: filters and
paging, hostile text escaped, forms only for who may act and only with their CSRF token,
and a page that shows an alert's new state at once after a write (the page cache's data
version moves with the alert tables, audited write or not)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from indicators.alerts import lifecycle
from indicators.data import queries as indicator_queries
from indicators.tables.alerts import Alert, AlertEventKind
from indicators.vocab import AlertState, Severity
from service.audit import entries
from service.web.alerts import PAGE_SIZE
from tests.indicators.alerts.alert_factories import add_series_alert, add_target_alert
from tests.web.conftest import page_csrf

SignedIn = Callable[[str], TestClient]
LVLIANG = "002-urbanization-rate-annual-rise-2013-2015"  # 吕梁市: the uploader's region
TAIYUAN = "000-taiyuan-urban-villages-2015-2016"  # 太原市: outside the uploader's regions
SCRIPT = "<script>alert('x')</script>"
AT = datetime(2015, 6, 30, 16, tzinfo=UTC)


@pytest.fixture
def alerts(session_factory: sessionmaker[Session]) -> dict[str, int]:
    """A severe firing alert on 吕梁市's urbanization target with a hostile comment, a
    warning one on 太原市's, and a resolved data alert."""
    with session_factory() as session, session.begin():
        def target(key: str):  # type: ignore[no-untyped-def]
            found = indicator_queries.get_target(session, key=key)
            assert found is not None
            return found
        inside = add_target_alert(session, target(LVLIANG), severity=Severity.SEVERE)
        lifecycle.comment(session, inside.id, who="admin", text=SCRIPT, now=AT)
        outside = add_target_alert(session, target(TAIYUAN))
        resolved = add_series_alert(session, indicator_code="gdp", region_code="370300")
        resolved.state = AlertState.RESOLVED
        return {"inside": inside.id, "outside": outside.id, "resolved": resolved.id}


def _ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r'<tr class="alert" data-alert="(\d+)"', html)]


def test_the_inbox_lists_open_alerts_with_filters_and_a_count_in_the_nav(
        alerts: dict[str, int], signed_in: SignedIn) -> None:
    client = signed_in("leader")
    html = client.get("/alerts").text
    assert sorted(_ids(html)) == sorted([alerts["inside"], alerts["outside"]])
    assert 'data-total="2"' in html and 'data-open="2"' in html  # the nav's count
    assert "▲</span> 严重" in html and "△</span> 警告" in html  # shape and word, not colour
    assert f'href="/targets/{LVLIANG}?lang=zh"' in html and "吕梁市" in html
    assert _ids(client.get("/alerts", params={"severity": "severe"}).text) == [alerts["inside"]]
    assert _ids(client.get("/alerts", params={"state": "resolved"}).text) == [alerts["resolved"]]
    assert _ids(client.get("/alerts", params={"rule": "data_overdue"}).text) == []
    assert "Severity" in client.get("/alerts", params={"lang": "en"}).text
    assert client.get("/alerts", params={"state": "bogus"}).status_code == 422


def test_the_inbox_pages(session_factory: sessionmaker[Session], signed_in: SignedIn) -> None:
    with session_factory() as session, session.begin():
        for n in range(PAGE_SIZE + 3):
            add_series_alert(session, indicator_code=f"x{n}", region_code="141100")
    client = signed_in("leader")
    first = client.get("/alerts").text
    assert len(_ids(first)) == PAGE_SIZE and f'data-total="{PAGE_SIZE + 3}"' in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    second = client.get("/alerts", params={"offset": PAGE_SIZE}).text
    assert len(_ids(second)) == 3 and 'rel="prev"' in second
    assert not set(_ids(first)) & set(_ids(second))


def test_hostile_text_is_escaped_on_the_alert_and_target_pages(
        alerts: dict[str, int], signed_in: SignedIn) -> None:
    client = signed_in("leader")
    for page in (f"/alerts/{alerts['inside']}", f"/targets/{LVLIANG}"):
        html = client.get(page).text
        assert SCRIPT not in html, page
        assert "&lt;script&gt;alert(" in html, page


def test_the_target_page_lists_its_alerts_open_first(
        alerts: dict[str, int], session_factory: sessionmaker[Session],
        signed_in: SignedIn) -> None:
    with session_factory() as session, session.begin():
        target = indicator_queries.get_target(session, key=LVLIANG)
        assert target is not None
        old = add_target_alert(session, target, rule="probability_low",
                               state=AlertState.RESOLVED)
    html = signed_in("leader").get(f"/targets/{LVLIANG}").text
    section = html[html.index('id="alerts"'):]
    assert _ids(section) == [alerts["inside"], old.id]
    assert "评论" in section and "达标概率偏低" in section


def test_forms_carry_the_csrf_token_and_only_writers_in_scope_see_them(
        alerts: dict[str, int], signed_in: SignedIn) -> None:
    admin = signed_in("admin").get(f"/alerts/{alerts['outside']}").text
    assert admin.count('name="csrf_token"') == 4  # sign-out, acknowledge, comment, silence
    assert page_csrf(admin)
    uploader = signed_in("uploader")
    assert 'id="acknowledge"' in uploader.get(f"/alerts/{alerts['inside']}").text
    assert 'id="acknowledge"' not in uploader.get(f"/alerts/{alerts['outside']}").text
    leader = signed_in("leader").get(f"/alerts/{alerts['inside']}").text
    assert 'id="acknowledge"' not in leader and "您的角色只能查看预警" in leader
    assert signed_in("leader").get("/alerts/999999").status_code == 404


def _post(client: TestClient, path: str, **fields: str) -> int:
    return client.post(path, data=fields, follow_redirects=False).status_code


FORMS = {"acknowledge": {"cause": "统计口径调整", "measures": "已核实"},
         "comment": {"text": "请说明"},
         "silence": {"what": "target", "until": "2099-12-31", "reason": "普查"}}


def _state(session_factory: sessionmaker[Session], alert_id: int) -> tuple[AlertState, int]:
    with session_factory() as session:
        alert = session.get(Alert, alert_id)
        assert alert is not None
        return alert.state, len(alert.events)


def test_a_leader_cannot_post_any_alert_form(
        alerts: dict[str, int], signed_in: SignedIn,
        session_factory: sessionmaker[Session]) -> None:
    client = signed_in("leader")
    token = page_csrf(client.get("/alerts").text)
    before = _state(session_factory, alerts["inside"])
    for form, fields in FORMS.items():
        assert _post(client, f"/alerts/{alerts['inside']}/{form}", csrf_token=token,
                     **fields) == 403, form
    assert _state(session_factory, alerts["inside"]) == before


def test_an_uploader_outside_their_scope_is_refused_every_alert_form(
        alerts: dict[str, int], signed_in: SignedIn,
        session_factory: sessionmaker[Session]) -> None:
    client = signed_in("uploader")
    token = page_csrf(client.get("/alerts").text)
    before = _state(session_factory, alerts["outside"])
    for form, fields in FORMS.items():
        assert _post(client, f"/alerts/{alerts['outside']}/{form}", csrf_token=token,
                     **fields) == 403, form
    assert _state(session_factory, alerts["outside"]) == before


def test_without_the_csrf_token_every_alert_form_is_refused(
        alerts: dict[str, int], signed_in: SignedIn,
        session_factory: sessionmaker[Session]) -> None:
    client = signed_in("admin")
    before = _state(session_factory, alerts["inside"])
    for form, fields in FORMS.items():
        assert _post(client, f"/alerts/{alerts['inside']}/{form}", **fields) == 403, form
        assert _post(client, f"/alerts/{alerts['inside']}/{form}", csrf_token="forged",
                     **fields) == 403, form
    assert _state(session_factory, alerts["inside"]) == before


def test_an_admin_acknowledges_comments_and_silences_through_the_forms(
        alerts: dict[str, int], signed_in: SignedIn,
        session_factory: sessionmaker[Session]) -> None:
    client = signed_in("admin")
    page = f"/alerts/{alerts['outside']}"
    token = page_csrf(client.get(page).text)
    for form, fields in FORMS.items():
        assert _post(client, f"{page}/{form}", csrf_token=token, **fields) == 303, form
    html = client.get(page).text
    assert 'data-state="acknowledged"' in html and "统计口径调整" in html and "请说明" in html
    assert "静默至 2099-12-31" in html
    with session_factory() as session:
        actions = [e.action for e in entries(session) if e.object_type.startswith("alert")]
        alert = session.get(Alert, alerts["outside"])
        assert alert is not None and alert.silenced and alert.acknowledged_by == "admin"
    assert actions == ["alert.acknowledge", "alert.comment", "alert.silence"]
    assert _post(client, f"{page}/comment", csrf_token=token, text="a\x00b") == 422
    assert _post(client, f"{page}/silence", csrf_token=token, what="target",
                 until="someday", reason="x") == 422


def test_a_page_never_shows_a_stale_alert_state(
        alerts: dict[str, int], signed_in: SignedIn,
        session_factory: sessionmaker[Session]) -> None:
    """An evaluation resolves an alert without an audited write: the cached inbox and
    target page still show it resolved at once."""
    client = signed_in("leader")
    assert alerts["inside"] in _ids(client.get("/alerts").text)
    assert 'data-state="firing"' in client.get(f"/targets/{LVLIANG}").text
    with session_factory() as session, session.begin():
        alert = session.scalars(select(Alert).where(Alert.id == alerts["inside"])).one()
        alert.state, alert.resolved_at = AlertState.RESOLVED, AT
        lifecycle.add_event(session, alert, AlertEventKind.RESOLVED, who="system",
                            at=AT)
    assert alerts["inside"] not in _ids(client.get("/alerts").text)
    assert 'data-state="resolved"' in client.get(f"/targets/{LVLIANG}").text

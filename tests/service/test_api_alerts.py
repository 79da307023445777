"""The alerts API on SQLite and PostgreSQL over the seed catalogue: the list with its
filters, paging and total; one alert with its events; acknowledge, comment and silence as
an administrator; a leader (a reader) refused every write; 404 and 422 as problems.
(Who may write what is also checked route by route in test_users_permissions.py.)"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from indicators.data import queries as indicator_queries
from indicators.vocab import AlertState, Severity
from service.api.problems import PROBLEM_JSON
from service.users import Role, add_user
from tests.indicators.alerts.alert_factories import add_series_alert, add_target_alert

LVLIANG = "002-urbanization-rate-annual-rise-2013-2015"
UNTIL = datetime(2099, 1, 1, tzinfo=UTC).isoformat()


@pytest.fixture
def alerts(client: TestClient, session_factory: sessionmaker[Session]) -> dict[str, int]:
    """A severe firing target alert, an acknowledged one, and five resolved data alerts."""
    with session_factory() as session, session.begin():
        target = indicator_queries.get_target(session, key=LVLIANG)
        assert target is not None
        severe = add_target_alert(session, target, severity=Severity.SEVERE)
        acked = add_target_alert(session, target, rule="probability_low",
                                 state=AlertState.ACKNOWLEDGED)
        for n in range(5):
            add_series_alert(session, indicator_code=f"x{n}").state = AlertState.RESOLVED
        return {"severe": severe.id, "acked": acked.id}


@pytest.fixture
def admin(session_factory: sessionmaker[Session]) -> dict[str, str]:
    with session_factory() as session, session.begin():
        _, token = add_user(session, name="alert-admin", role=Role.ADMIN, regions=[])
    return {"Authorization": f"Bearer {token}"}


def test_the_list_defaults_to_open_alerts_and_filters(alerts: dict[str, int],
                                                      client: TestClient) -> None:
    listed = client.get("/api/alerts").json()
    assert listed["total"] == 2
    assert {i["alert_id"] for i in listed["items"]} == set(alerts.values())
    item = next(i for i in listed["items"] if i["alert_id"] == alerts["severe"])
    assert item["target_url"] == f"/targets/{LVLIANG}" and item["state"] == "firing"
    assert item["severity"] == "severe" and item["region_name"] == "吕梁市"
    assert item["quote"] and item["opened_at"].startswith("2015-06-30")

    def total(**params: str) -> int:
        found: int = client.get("/api/alerts", params=params).json()["total"]
        return found

    assert total(severity="severe") == 1 and total(rule="probability_low") == 1
    assert total(state="resolved") == 5 and total(audience="statistics") == 0
    assert total(target=LVLIANG) == 2 and total(target="nobody") == 0
    assert client.get("/api/alerts", params=[("state", "firing"), ("state", "resolved")]
                      ).json()["total"] == 6


def test_the_list_pages_with_its_total(alerts: dict[str, int], client: TestClient) -> None:
    pages = [client.get("/api/alerts", params={"state": "resolved", "limit": 2,
                                               "offset": offset}).json()
             for offset in (0, 2, 4)]
    assert [p["total"] for p in pages] == [5, 5, 5]
    assert [len(p["items"]) for p in pages] == [2, 2, 1]
    assert len({i["alert_id"] for p in pages for i in p["items"]}) == 5


def test_an_admin_acknowledges_comments_and_silences(
        alerts: dict[str, int], client: TestClient, admin: dict[str, str]) -> None:
    severe = alerts["severe"]
    done = client.post(f"/api/alerts/{severe}/acknowledge", headers=admin,
                       json={"cause": "口径调整", "measures": "已督办"})
    assert done.status_code == 200, done.text
    body = done.json()
    assert (body["state"], body["acknowledged_by"], body["cause"], body["measures_taken"]) == (
        "acknowledged", "alert-admin", "口径调整", "已督办")
    said = client.post(f"/api/alerts/{severe}/comments", headers=admin, json={"text": "跟进"})
    assert said.status_code == 201 and said.json()["kind"] == "commented"
    muted = client.post("/api/alerts/silences", headers=admin, json={
        "target_key": LVLIANG, "until": UNTIL, "reason": "普查修订"})
    assert muted.status_code == 201, muted.text
    events = client.get(f"/api/alerts/{severe}").json()["events"]
    assert [(e["kind"], e["who"]) for e in events] == [
        ("acknowledged", "alert-admin"), ("commented", "alert-admin"),
        ("silenced", "alert-admin")]
    assert client.get("/api/alerts").json()["total"] == 2  # acknowledged is still open


def test_a_leader_may_read_but_not_write(alerts: dict[str, int], client: TestClient) -> None:
    """The client's own token is a reader's (a leader's role)."""
    assert client.get(f"/api/alerts/{alerts['severe']}").status_code == 200
    for path, body in ((f"/api/alerts/{alerts['severe']}/acknowledge", {"cause": "x"}),
                       (f"/api/alerts/{alerts['severe']}/comments", {"text": "x"}),
                       ("/api/alerts/silences", {"rule": "data_overdue", "until": UNTIL,
                                                 "reason": "x"})):
        refused = client.post(path, json=body)
        assert refused.status_code == 403, path
        assert refused.headers["content-type"].startswith(PROBLEM_JSON)
    assert client.get(f"/api/alerts/{alerts['severe']}").json()["state"] == "firing"


def test_missing_and_invalid(alerts: dict[str, int], client: TestClient,
                             admin: dict[str, str]) -> None:
    missing = client.get("/api/alerts/999999")
    assert missing.status_code == 404 and "找不到预警 999999" in missing.json()["detail"]
    assert client.post("/api/alerts/999999/comments", headers=admin,
                       json={"text": "x"}).status_code == 404
    severe = alerts["severe"]
    bad = [(f"/api/alerts/{severe}/comments", {"text": ""}),
           (f"/api/alerts/{severe}/comments", {"text": "a\x00b"}),
           (f"/api/alerts/{severe}/acknowledge", {"measures": "no cause"}),
           (f"/api/alerts/{severe}/acknowledge", {"cause": "x", "extra": 1}),
           ("/api/alerts/silences", {"until": UNTIL, "reason": "nothing named"}),
           ("/api/alerts/silences", {"rule": "data_overdue", "until": "2099-01-01T00:00:00",
                                     "reason": "no offset"}),
           ("/api/alerts/silences", {"rule": "data_overdue", "until": "2001-01-01T00:00:00Z",
                                     "reason": "past"}),
           ("/api/alerts/silences", {"rule": "no_such_rule", "until": UNTIL, "reason": "x"}),
           ("/api/alerts/silences", {"series": "no-at-sign", "until": UNTIL, "reason": "x"}),
           ("/api/alerts/silences", {"target_key": "nobody", "until": UNTIL, "reason": "x"})]
    for path, body in bad:
        refused = client.post(path, headers=admin, json=body)
        assert refused.status_code == 422, (path, body, refused.text)
        assert refused.headers["content-type"].startswith(PROBLEM_JSON)
    assert client.get("/api/alerts", params={"state": "bogus"}).status_code == 422
    assert client.get(f"/api/alerts/{severe}").json()["events"] == []

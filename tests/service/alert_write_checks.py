"""The permission checks of the alert-writing API routes (tests/service/
test_users_permissions.py runs them): a reader is refused, an uploader acts only on alerts
of their own regions and indicators, an administrator on any, each act audited.

The users are those of test_users_permissions: an uploader for 淄博市's GDP only."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.tables.alerts import Alert
from service.audit import entries
from tests.indicators.alerts.alert_factories import add_series_alert, add_target_alert
from tests.service.target_drafts import SEED_LVLIANG

UNTIL = datetime(2099, 1, 1, tzinfo=UTC).isoformat()


def _as(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def two_alerts(session: Session) -> tuple[Alert, Alert]:
    """An alert outside the uploader's scope (吕梁市's urbanization target) and one inside
    it (淄博市's GDP series), both firing."""
    target = indicator_queries.get_target(session, key=SEED_LVLIANG)
    assert target is not None
    outside = add_target_alert(session, target)
    inside = add_series_alert(session, indicator_code="gdp", region_code="370300")
    session.commit()
    return outside, inside


def _alert_trail(session: Session) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.object_key) for e in entries(session)
            if e.object_type.startswith("alert")]


def check_acknowledge(client: TestClient, tokens: dict[str, str], session: Session) -> None:
    """POST /api/alerts/{id}/acknowledge."""
    outside, inside = two_alerts(session)

    def ack(token: str, alert_id: int) -> int:
        return client.post(f"/api/alerts/{alert_id}/acknowledge", headers=_as(token),
                           json={"cause": "口径调整", "measures": "已核实"}).status_code

    assert ack(tokens["reader"], inside.id) == 403
    assert ack(tokens["uploader"], outside.id) == 403
    assert ack(tokens["uploader"], inside.id) == 200
    assert ack(tokens["admin"], outside.id) == 200
    assert ack(tokens["admin"], outside.id + inside.id + 10) == 404
    assert _alert_trail(session) == [("uploader", "alert.acknowledge", str(inside.id)),
                                     ("admin", "alert.acknowledge", str(outside.id))]


def check_comment(client: TestClient, tokens: dict[str, str], session: Session) -> None:
    """POST /api/alerts/{id}/comments."""
    outside, inside = two_alerts(session)

    def say(token: str, alert_id: int) -> int:
        return client.post(f"/api/alerts/{alert_id}/comments", headers=_as(token),
                           json={"text": "请牵头单位说明"}).status_code

    assert say(tokens["reader"], inside.id) == 403
    assert say(tokens["uploader"], outside.id) == 403
    assert say(tokens["uploader"], inside.id) == 201
    assert say(tokens["admin"], outside.id) == 201
    assert [t[:2] for t in _alert_trail(session)] == [("uploader", "alert.comment"),
                                                      ("admin", "alert.comment")]


def check_silence(client: TestClient, tokens: dict[str, str], session: Session) -> None:
    """POST /api/alerts/silences: an uploader may mute a series of their own, not a target
    outside their scope nor a rule everywhere; an administrator anything."""
    two_alerts(session)

    def mute(token: str, **what: str) -> int:
        return client.post("/api/alerts/silences", headers=_as(token),
                           json={"until": UNTIL, "reason": "普查修订", **what}).status_code

    assert mute(tokens["reader"], series="gdp@370300") == 403
    assert mute(tokens["uploader"], target_key=SEED_LVLIANG) == 403
    assert mute(tokens["uploader"], rule="data_overdue") == 403
    assert mute(tokens["uploader"], series="gdp@370300") == 201
    assert mute(tokens["admin"], rule="data_overdue") == 201
    assert [t[:2] for t in _alert_trail(session)] == [("uploader", "alert.silence"),
                                                      ("admin", "alert.silence")]

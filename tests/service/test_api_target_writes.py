"""Targets written through the API: a new target is proposed and checked against the
catalogue; an edit to an approved target keeps its earlier terms and re-assesses it;
approval and retirement are review steps that keep the row. (Who may do each is in
test_users_permissions.py.)"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indicators.data import queries
from indicators.data.known_targets import targets_as_of
from indicators.tables.assessments import AssessmentResult
from indicators.tables.target_versions import TargetVersion
from service.audit import AuditAction, entries
from service.users import Role, add_user
from tests.service.target_drafts import SEED_LVLIANG, draft

BEFORE_THE_API = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def admin(client: TestClient, session: Session) -> dict[str, str]:
    """The Authorization header of an administrator."""
    with session.begin():
        _, token = add_user(session, name="admin", role=Role.ADMIN, regions=[])
    return {"Authorization": f"Bearer {token}"}


def _results(session: Session, key: str) -> int:
    target = queries.get_target(session, key=key)
    assert target is not None
    return session.scalar(select(func.count()).select_from(AssessmentResult).where(
        AssessmentResult.target_id == target.id)) or 0


def test_a_new_target_is_proposed_and_not_assessed(client: TestClient, admin: dict[str, str],
                                                   session: Session) -> None:
    created = client.post("/api/targets", json=draft("zibo-gdp-2030"), headers=admin)
    assert created.status_code == 201
    body = created.json()
    assert (body["review_state"], body["value"], body["region_name"]) == (
        "proposed", "6000", "淄博市")
    assert _results(session, "zibo-gdp-2030") == 0
    assert client.get("/api/targets", params={"review_state": "proposed"},
                      headers=admin).json()["total"] == 1


@pytest.mark.parametrize(("change", "status", "said"), [
    ({"indicator": "no_such"}, 422, "未定义 / Unknown indicator no_such"),
    ({"unit": "公顷"}, 422, "does not convert to the unit '亿元'"),
    ({"comparator": "between"}, 422, "needs upper_value"),
    ({"kind": "change_vs_baseline"}, 422, "needs change_unit"),
    ({"start_year": 2031}, 422, "after the deadline"),
    ({"document": "002"}, 422, "does not occur verbatim in document 002"),
    ({"quote": "达到\u0000"}, 422, "quote"),
    ({"value": "NaN"}, 422, "value"),
    ({"key": SEED_LVLIANG}, 409, "already exists"),
])
def test_a_target_that_cannot_stand_is_refused_in_both_languages(
        client: TestClient, admin: dict[str, str], change: dict[str, Any], status: int,
        said: str) -> None:
    refused = client.post("/api/targets", json=draft("zibo-gdp-2030") | change, headers=admin)
    assert refused.status_code == status
    assert refused.headers["content-type"] == "application/problem+json"
    assert said in refused.text and " / " in refused.json()["detail"]
    key = change.get("key", "zibo-gdp-2030")
    assert client.get(f"/api/targets/{key}", headers=admin).status_code == (
        200 if status == 409 else 404)


def test_an_edit_to_an_approved_target_keeps_its_history_and_reassesses_it(
        client: TestClient, admin: dict[str, str], session: Session) -> None:
    versions = session.scalar(select(func.count()).select_from(TargetVersion)) or 0
    results = _results(session, SEED_LVLIANG)
    edited = client.patch(f"/api/targets/{SEED_LVLIANG}",
                          json={"value": "1.5", "note": "按每年提高1.5个百分点"}, headers=admin)
    assert edited.status_code == 200
    assert (edited.json()["value"], edited.json()["review_state"]) == ("1.5", "approved")
    assert session.scalar(select(func.count()).select_from(TargetVersion)) == versions + 1
    assert _results(session, SEED_LVLIANG) == results + 1
    target = queries.get_target(session, key=SEED_LVLIANG)
    assert target is not None
    [as_entered] = targets_as_of(session, [target], BEFORE_THE_API)
    assert str(as_entered.value) in ("2", "2.0000000000")
    [entry] = entries(session, action=AuditAction.TARGET_EDIT)
    assert entry.details["changes"]["value"] == ["2", "1.5"]
    assert entry.details["changes"]["note"][1] == "按每年提高1.5个百分点"


def test_an_edit_that_changes_nothing_records_nothing(client: TestClient, admin: dict[str, str],
                                                      session: Session) -> None:
    same = client.patch(f"/api/targets/{SEED_LVLIANG}", json={"value": "2"}, headers=admin)
    assert same.status_code == 200
    assert entries(session, action=AuditAction.TARGET_EDIT) == []


@pytest.mark.parametrize("body", [{"value": None}, {"key": "x"}, {"region": "370300"}])
def test_an_edit_may_not_clear_a_term_or_change_what_the_target_is_about(
        client: TestClient, admin: dict[str, str], body: dict[str, Any]) -> None:
    refused = client.patch(f"/api/targets/{SEED_LVLIANG}", json=body, headers=admin)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"


def test_approval_assesses_the_target_and_retirement_keeps_the_row(
        client: TestClient, admin: dict[str, str], session: Session) -> None:
    client.post("/api/targets", json=draft("zibo-gdp-2030"), headers=admin)
    approved = client.post("/api/targets/zibo-gdp-2030/approve", headers=admin)
    assert approved.json()["review_state"] == "approved"
    assert _results(session, "zibo-gdp-2030") == 1
    assert client.post("/api/targets/zibo-gdp-2030/approve", headers=admin).status_code == 200
    assert _results(session, "zibo-gdp-2030") == 1  # approving twice changes nothing
    retired = client.post(f"/api/targets/{SEED_LVLIANG}/retire",
                          json={"superseded_by": "zibo-gdp-2030"}, headers=admin)
    assert (retired.json()["review_state"], retired.json()["superseded_by"]) == (
        "retired", "zibo-gdp-2030")
    for refused in (client.patch(f"/api/targets/{SEED_LVLIANG}", json={"value": "1"},
                                 headers=admin),
                    client.post(f"/api/targets/{SEED_LVLIANG}/approve", headers=admin)):
        assert refused.status_code == 409 and "retired" in refused.json()["detail"]
    unknown = client.post("/api/targets/zibo-gdp-2030/retire",
                          json={"superseded_by": "no-such"}, headers=admin)
    assert unknown.status_code == 422
    assert client.post("/api/targets/no-such/retire", headers=admin).status_code == 404

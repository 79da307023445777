"""Every API route that writes refuses a reader (403) and an uploader outside their
regions or indicators, and records what it did in the audit trail.

The writing routes are read from the app itself: a new POST/PUT/PATCH/DELETE route without
an entry in WRITE_TESTS fails `test_every_writing_route_has_a_permission_test`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from ingest.tables import Upload
from service.app import create_app
from service.audit import AuditAction, entries
from service.settings import Settings
from service.users import Role, User, add_user, revoke_user
from tests.ingest.files import csv_bytes
from tests.seed import seed_catalogues
from tests.service import alert_write_checks
from tests.service.target_drafts import SEED_LVLIANG, draft

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
ZIBO_GDP = [("地区生产总值", "淄博市", "2013", "3800", "亿元", "")]
LVLIANG_GDP = [("地区生产总值", "吕梁市", "2013", "1228.6", "亿元", "")]
ZIBO_GROWTH = [("地区生产总值增长率", "淄博市", "2013", "9.5", "%", "")]


@pytest.fixture
def seeded(session_factory: sessionmaker[Session]) -> None:
    """The seed catalogue, for the tests that upload figures."""
    with session_factory() as session, session.begin():
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)


REVOKED_AT = datetime(2024, 12, 20, 8, 0, tzinfo=UTC)  # a fixed moment: no test reads the clock


@pytest.fixture
def tokens(session_factory: sessionmaker[Session]) -> dict[str, str]:
    """One user of each role (an uploader for 淄博市's GDP only) and a revoked uploader."""
    with session_factory() as session, session.begin():
        users = {"admin": ([], None), "uploader": (["370300"], ["gdp"]), "reader": ([], None),
                 "revoked": (["370300"], None)}
        made = {name: add_user(session, name=name, role=Role.UPLOADER if name == "revoked"
                               else Role(name), regions=regions, indicators=indicators)
                for name, (regions, indicators) in users.items()}
        revoke_user(session, user=made["revoked"][0], now=REVOKED_AT)
        return {name: token for name, (_, token) in made.items()}


@pytest.fixture
def client(session_factory: sessionmaker[Session], tokens: dict[str, str]
           ) -> Iterator[TestClient]:
    app = create_app(settings=Settings(language="zh"), factory=session_factory)
    with TestClient(app) as client:
        yield client


def _upload(client: TestClient, token: str, rows: list[tuple[str, ...]]):  # type: ignore[no-untyped-def]
    return client.post("/api/uploads", files={"file": ("figures.csv", csv_bytes(rows))},
                       headers={"Authorization": f"Bearer {token}"})


def check_post_uploads(client: TestClient, tokens: dict[str, str],
                       session: Session) -> None:
    """POST /api/uploads: a reader and a revoked user are refused before anything is read;
    an uploader's figures outside their region or indicator are refused whole (the report
    names the row), nothing stored; inside them they land. Each stored upload, accepted or
    rejected, has its audit entry."""
    uploads_before = session.scalar(select(func.count()).select_from(Upload))
    assert _upload(client, tokens["reader"], ZIBO_GDP).status_code == 403
    assert _upload(client, tokens["revoked"], ZIBO_GDP).status_code == 401
    assert session.scalar(select(func.count()).select_from(Upload)) == uploads_before
    for outside in (LVLIANG_GDP, ZIBO_GROWTH):
        refused = _upload(client, tokens["uploader"], ZIBO_GDP + outside)
        assert refused.status_code == 422
        assert [i["code"] for i in refused.json()["issues"]] == ["ingest.not_permitted"]
    assert _upload(client, tokens["uploader"], ZIBO_GDP).status_code == 200
    assert _upload(client, tokens["admin"], LVLIANG_GDP + ZIBO_GROWTH).status_code == 200
    trail = [(e.actor, e.action) for e in entries(session) if e.object_type == "upload"]
    assert trail == [("uploader", AuditAction.UPLOAD_REJECTED.value)] * 2 + [
        ("uploader", AuditAction.UPLOAD_ACCEPTED.value), ("admin", AuditAction.UPLOAD_ACCEPTED)]


def _as(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _target_trail(session: Session) -> list[tuple[str, str, str]]:
    return [(e.actor, e.action, e.object_key) for e in entries(session)
            if e.object_type == "target"]


def check_post_targets(client: TestClient, tokens: dict[str, str], session: Session) -> None:
    """POST /api/targets: a reader is refused, an uploader outside their region or
    indicator is refused and nothing is stored; inside them, and an administrator
    anywhere, create a proposed target, each audited."""
    def post(token: str, body: dict[str, Any]) -> int:
        return client.post("/api/targets", json=body, headers=_as(token)).status_code

    assert post(tokens["reader"], draft("zibo-gdp-r")) == 403
    assert post(tokens["uploader"], draft("lvliang-gdp", region="141100")) == 403
    assert post(tokens["uploader"], draft("zibo-growth", indicator="gdp_growth")) == 403
    assert client.get("/api/targets/lvliang-gdp", headers=_as(tokens["admin"])
                      ).status_code == 404
    assert post(tokens["uploader"], draft("zibo-gdp-u")) == 201
    assert post(tokens["admin"], draft("lvliang-gdp", region="141100")) == 201
    assert _target_trail(session) == [("uploader", "target.create", "zibo-gdp-u"),
                                      ("admin", "target.create", "lvliang-gdp")]


def check_patch_target(client: TestClient, tokens: dict[str, str], session: Session) -> None:
    """PATCH /api/targets/{key}: a reader is refused, an uploader is refused on a target
    outside their scope (unchanged) and may edit one inside it; an administrator any."""
    client.post("/api/targets", json=draft("zibo-gdp"), headers=_as(tokens["admin"]))

    def patch(token: str, key: str) -> int:
        return client.patch(f"/api/targets/{key}", json={"value": "3"},
                            headers=_as(token)).status_code

    assert patch(tokens["reader"], "zibo-gdp") == 403
    assert patch(tokens["uploader"], SEED_LVLIANG) == 403
    assert client.get(f"/api/targets/{SEED_LVLIANG}", headers=_as(tokens["reader"])
                      ).json()["value"] == "2"
    assert patch(tokens["uploader"], "zibo-gdp") == 200
    assert patch(tokens["admin"], SEED_LVLIANG) == 200
    assert [t[:2] for t in _target_trail(session)][1:] == [("uploader", "target.edit"),
                                                           ("admin", "target.edit")]


def _review(action: str) -> Callable[[TestClient, dict[str, str], Session], None]:
    def check(client: TestClient, tokens: dict[str, str], session: Session) -> None:
        """Approving and retiring are for administrators: a reader and an uploader, even
        inside their own scope, are refused and the target keeps its state."""
        client.post("/api/targets", json=draft("zibo-gdp"), headers=_as(tokens["uploader"]))
        for who in ("reader", "uploader"):
            assert client.post(f"/api/targets/zibo-gdp/{action}",
                               headers=_as(tokens[who])).status_code == 403
        assert client.get("/api/targets/zibo-gdp", headers=_as(tokens["reader"])
                          ).json()["review_state"] == "proposed"
        done = client.post(f"/api/targets/zibo-gdp/{action}", headers=_as(tokens["admin"]))
        assert done.status_code == 200
        assert done.json()["review_state"] == {"approve": "approved", "retire": "retired"}[action]
        assert _target_trail(session)[-1] == ("admin", f"target.{action}", "zibo-gdp")
    check.__doc__ = f"POST /api/targets/{{key}}/{action}: administrators only."
    return check


WRITE_TESTS: dict[tuple[str, str], Callable[[TestClient, dict[str, str], Session], None]] = {
    ("POST", "/api/uploads"): check_post_uploads,
    ("POST", "/api/targets"): check_post_targets,
    ("PATCH", "/api/targets/{key}"): check_patch_target,
    ("POST", "/api/targets/{key}/approve"): _review("approve"),
    ("POST", "/api/targets/{key}/retire"): _review("retire"),
    ("POST", "/api/alerts/{alert_id}/acknowledge"): alert_write_checks.check_acknowledge,
    ("POST", "/api/alerts/{alert_id}/comments"): alert_write_checks.check_comment,
    ("POST", "/api/alerts/silences"): alert_write_checks.check_silence,
}


def _routes(routes: list[Any], prefix: str = "") -> Iterator[tuple[str, str]]:
    """(method, path) of every route, walking into included routers and mounts (hidden
    ones too: a route left out of the OpenAPI schema still writes)."""
    for route in routes:
        inner = getattr(route, "original_router", None) or getattr(route, "app", None)
        path = prefix + getattr(route, "path", "")
        if getattr(route, "methods", None):
            yield from ((method, path) for method in route.methods)
        elif inner is not None and hasattr(inner, "routes"):
            yield from _routes(list(inner.routes), path)


def _writing_routes() -> set[tuple[str, str]]:
    app = create_app(settings=Settings(), factory=sessionmaker())
    found = {(m, p) for m, p in _routes(list(app.routes)) if m in WRITE_METHODS}
    schema = {(m.upper(), p) for p, ops in app.openapi()["paths"].items() for m in ops}
    return found | {(m, p) for m, p in schema if m in WRITE_METHODS}


# Writing routes that anyone may call, each with the tests that cover it.
OPEN_TO_ALL = {("POST", "/login"): "signing in: tests/web/test_login.py",
               ("POST", "/logout"): "signing out: tests/web/test_login.py"}
# Writing page forms (a session and its CSRF token, not a token): the page tests that refuse
# a reader, an uploader outside their scope and a form without its CSRF token.
PAGE_FORMS = {("POST", "/upload"): ("web/test_upload_page.py", (
    "test_a_reader_cannot_reach_the_page_nor_post_to_it",
    "test_an_uploader_outside_their_regions_is_told_so_and_nothing_is_stored",
    "test_without_the_csrf_token_the_upload_is_refused_and_nothing_stored"))}
_ALERT_FORM_TESTS = ("web/test_alerts_page.py", (
    "test_a_leader_cannot_post_any_alert_form",
    "test_an_uploader_outside_their_scope_is_refused_every_alert_form",
    "test_without_the_csrf_token_every_alert_form_is_refused"))
PAGE_FORMS |= {("POST", f"/alerts/{{alert_id}}/{form}"): _ALERT_FORM_TESTS
               for form in ("acknowledge", "comment", "silence")}


def test_every_writing_route_has_a_permission_test() -> None:
    assert _writing_routes() == set(WRITE_TESTS) | set(OPEN_TO_ALL) | set(PAGE_FORMS)


def test_the_page_forms_permission_tests_exist() -> None:
    tests = Path(__file__).resolve().parents[1]
    for module, names in PAGE_FORMS.values():
        text = (tests / module).read_text(encoding="utf-8")
        assert all(f"def {name}(" in text for name in names), module


@pytest.mark.parametrize("route", sorted(WRITE_TESTS), ids=" ".join)
@pytest.mark.usefixtures("seeded")
def test_writing_route_refuses_whom_it_must(route: tuple[str, str], client: TestClient,
                                            tokens: dict[str, str], session: Session) -> None:
    WRITE_TESTS[route](client, tokens, session)


def test_a_read_needs_a_live_token_but_no_write_role(client: TestClient,
                                                    tokens: dict[str, str],
                                                    session: Session) -> None:
    """A reader may read what an uploader may (an upload report of their own: none, so 404);
    a revoked user's token reads nothing; the disabled user is marked as such."""
    def report(token: str) -> int:
        return client.get("/api/uploads/1/report",
                          headers={"Authorization": f"Bearer {token}"}).status_code

    assert report(tokens["revoked"]) == 401
    assert report(tokens["reader"]) == 403
    revoked = session.scalar(select(User).where(User.name == "revoked"))
    assert revoked is not None and revoked.disabled_at is not None
    assert all(token.revoked for token in revoked.tokens)

"""Signing in and out of the pages: sessions, CSRF, rate limits, and who reaches what."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from indicators.clock import utc_now
from service.audit import AuditAction, entries
from service.settings import Settings
from service.tables import User, WebSession
from service.users import revoke_user
from tests.web.conftest import PASSWORD, page_csrf

SignedIn = Callable[[str], TestClient]


def test_a_page_sends_a_stranger_to_sign_in_and_back(anonymous: TestClient) -> None:
    response = anonymous.get("/?region=141100", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=%2F%3Fregion%3D141100"
    form = anonymous.get(response.headers["location"])
    back = anonymous.post("/login", data={"name": "leader", "password": PASSWORD,
                                          "next": "/?region=141100",
                                          "csrf_token": page_csrf(form.text)},
                          follow_redirects=False)
    assert (back.status_code, back.headers["location"]) == (303, "/?region=141100")


def test_the_session_cookie_is_httponly_and_samesite(anonymous: TestClient) -> None:
    form = anonymous.get("/login")
    response = anonymous.post("/login", data={"name": "admin", "password": PASSWORD,
                                              "csrf_token": page_csrf(form.text)},
                              follow_redirects=False)
    cookie = next(v for k, v in response.headers.multi_items()
                  if k == "set-cookie" and v.startswith("tw_session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie


@pytest.mark.parametrize(("role", "name", "uploads"), [
    ("admin", "admin", True), ("uploader", "uploader", True), ("leader", "leader", False)])
def test_each_role_sees_the_board_and_only_writers_see_upload(
        signed_in: SignedIn, role: str, name: str, uploads: bool) -> None:
    page = signed_in(role).get("/")
    assert page.status_code == 200
    assert f"{name} · " in page.text
    assert ('href="/upload' in page.text) is uploads


def test_a_wrong_password_says_so_and_a_lock_follows(anonymous: TestClient) -> None:
    form = anonymous.get("/login")
    answers = [anonymous.post("/login", data={"name": "leader", "password": "wrong password!",
                                              "csrf_token": page_csrf(form.text)})
               for _ in range(6)]
    assert answers[0].status_code == 401 and "用户名或密码不正确" in answers[0].text
    assert "连续输错次数过多" in answers[-1].text
    assert "tw_session" not in anonymous.cookies


def test_sign_in_attempts_per_address_are_limited(
        session_factory: sessionmaker[Session], seeded: None, web_users: dict[str, str]) -> None:
    from service.app import create_app
    app = create_app(settings=Settings(language="zh", login_rate="3/minute"),
                     factory=session_factory)
    with TestClient(app) as client:
        form = client.get("/login")
        statuses = [client.post("/login", data={"name": f"nobody{i}", "password": "x" * 12,
                                                "csrf_token": page_csrf(form.text)}).status_code
                    for i in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_a_form_without_its_csrf_token_is_refused(anonymous: TestClient,
                                                  signed_in: SignedIn) -> None:
    anonymous.get("/login")
    refused = anonymous.post("/login", data={"name": "admin", "password": PASSWORD,
                                             "csrf_token": "forged"}, follow_redirects=False)
    assert refused.status_code == 403 and "tw_session" not in anonymous.cookies
    browser = signed_in("leader")
    assert browser.post("/logout", data={"csrf_token": "forged"}).status_code == 403
    assert browser.get("/", follow_redirects=False).status_code == 200


def test_signing_out_ends_the_session(signed_in: SignedIn,
                                      session_factory: sessionmaker[Session]) -> None:
    browser = signed_in("admin")
    cookie = browser.cookies["tw_session"]
    out = browser.post("/logout", data={"csrf_token": page_csrf(browser.get("/").text)},
                       follow_redirects=False)
    assert out.status_code == 303
    browser.cookies.set("tw_session", cookie)  # a stolen copy of the cookie is dead too
    assert browser.get("/", follow_redirects=False).status_code == 303
    with session_factory() as session:
        assert [e.action for e in entries(session, actor="admin")][-2:] == [
            AuditAction.SIGN_IN.value, AuditAction.SIGN_OUT.value]


def test_revoking_a_user_ends_their_sessions(signed_in: SignedIn,
                                             session_factory: sessionmaker[Session]) -> None:
    browser = signed_in("uploader")
    with session_factory() as session, session.begin():
        user = session.scalar(select(User).where(User.name == "uploader"))
        assert user is not None
        revoke_user(session, user=user, now=utc_now(), actor="test")
        assert all(s.ended for s in session.scalars(select(WebSession)
                                                    .where(WebSession.user_id == user.id)))
    assert browser.get("/", follow_redirects=False).status_code == 303


def test_next_never_leaves_the_site(anonymous: TestClient) -> None:
    form = anonymous.get("/login")
    response = anonymous.post("/login", data={"name": "leader", "password": PASSWORD,
                                              "next": "https://evil.example/",
                                              "csrf_token": page_csrf(form.text)},
                              follow_redirects=False)
    assert response.headers["location"] == "/"


def test_the_api_reads_with_a_session_but_writes_only_with_a_token(
        anonymous: TestClient, signed_in: SignedIn, web_users: dict[str, str]) -> None:
    assert anonymous.get("/api/targets").status_code == 401
    assert anonymous.get("/api/targets").headers["content-type"] == "application/problem+json"
    browser = signed_in("admin")
    assert browser.get("/api/targets").json()["total"] == 89
    upload = browser.post("/api/uploads", files={"file": ("x.csv", b"a,b\n")})
    assert upload.status_code == 401
    token = {"Authorization": f"Bearer {web_users['leader']}"}
    assert anonymous.get("/api/targets", headers=token).status_code == 200


@pytest.mark.parametrize("value", ["2019-13-01", "yesterday", "2999-01-01"])
def test_an_as_of_day_that_cannot_be_read_is_a_page_saying_so(signed_in: SignedIn,
                                                              value: str) -> None:
    page = signed_in("leader").get(f"/?as_of={value}")
    assert page.status_code == 422
    assert "text/html" in page.headers["content-type"] and "回放日期应为已经过去的日期" in page.text


def test_a_replayed_page_says_so(signed_in: SignedIn) -> None:
    page = signed_in("leader").get("/?as_of=2016-06-30&lang=en")
    assert 'data-as-of="2016-06-30"' in page.text
    assert "Replay: what was known on 2016-06-30" in page.text


def test_plotly_is_served_from_the_installed_package(signed_in: SignedIn) -> None:
    script = signed_in("leader").get("/static/plotly.min.js")
    assert script.status_code == 200 and b"plotly" in script.content[:2000].lower()


def test_every_answer_forbids_framing_and_type_guessing(anonymous: TestClient) -> None:
    for path in ("/login", "/", "/api/targets", "/static/plotly.min.js"):
        headers = anonymous.get(path, follow_redirects=False).headers
        assert headers["x-frame-options"] == "DENY", path
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "same-origin", path

"""Fixtures of the page tests: one user of each role with a password, and a browser-like
client signed in as one of them through the login form, over the seed catalogue."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from service.app import create_app
from service.passwords import hash_password
from service.settings import Settings
from service.users import Role, add_user
from tests.seed import seed_catalogues

PASSWORD = "correct horse 12"
# name → role, regions, indicators (None: any)
WEB_USERS: dict[str, tuple[Role, list[str], list[str] | None]] = {
    "admin": (Role.ADMIN, [], None),
    "uploader": (Role.UPLOADER, ["141100", "370300"], None),
    "leader": (Role.READER, [], None),
}
ROLE_USERS = {"admin": "admin", "uploader": "uploader", "reader": "leader", "leader": "leader"}


def page_csrf(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a browser does."""
    form = client.get("/login")
    response = client.post("/login", data={"name": name, "password": password, "next": "/",
                                           "csrf_token": page_csrf(form.text)},
                           follow_redirects=False)
    assert response.status_code == 303, response.text


@pytest.fixture
def seeded(session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session, session.begin():
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)


@cache
def _password_hash() -> str:
    """PASSWORD's argon2 hash, computed once per run (each hash takes a tenth of a second
    or more: that is its point); signing in still verifies it for real."""
    return hash_password(PASSWORD)


@pytest.fixture
def web_users(session_factory: sessionmaker[Session]) -> dict[str, str]:
    """admin, uploader (吕梁市 and 淄博市) and leader (a reader), each with PASSWORD;
    returns name → API token."""
    tokens = {}
    with session_factory() as session, session.begin():
        for name, (role, regions, indicators) in WEB_USERS.items():
            user, tokens[name] = add_user(session, name=name, role=role, regions=regions,
                                          indicators=indicators)
            user.password_hash = _password_hash()
    return tokens


@pytest.fixture
def web_settings() -> Settings:
    """The app's settings; a test module may override (e.g. open_as_of)."""
    return Settings(language="zh", login_rate="1000/minute")


@pytest.fixture
def web_app(session_factory: sessionmaker[Session], seeded: None, web_users: dict[str, str],
            web_settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(settings=web_settings, factory=session_factory)


@pytest.fixture
def anonymous(web_app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    """A browser that has not signed in."""
    with TestClient(web_app, headers={"Accept": "text/html"}) as client:
        yield client


@pytest.fixture
def signed_in(web_app) -> Iterator[Callable[[str], TestClient]]:  # type: ignore[no-untyped-def]
    """signed_in(role) → a browser signed in as that role's user (admin, uploader, reader
    or leader)."""
    clients: list[TestClient] = []

    def open_as(role: str) -> TestClient:
        client = TestClient(web_app, headers={"Accept": "text/html"})
        client.__enter__()
        clients.append(client)
        sign_in(client, ROLE_USERS[role])
        return client

    yield open_as
    for client in clients:
        client.__exit__(None, None, None)

"""Fixtures of the page tests: one user of each role with a password, and a browser-like
client signed in as one of them through the login form, over the seed catalogue.

Loading the seed catalogue takes seconds, and most page tests need it: they run on a
database of their own per backend, migrated and seeded (catalogue and users) once per run,
each test inside a transaction rolled back afterwards as everywhere else. A module that
needs the empty database instead (its own small catalogue) sets `EMPTY_DATABASE = True`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from service.app import create_app
from service.db import make_engine
from service.db import session_factory as sessions_on
from service.migrate import upgrade
from service.passwords import hash_password
from service.settings import Settings
from service.users import Role, add_user
from tests.conftest import fresh_database
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


def _add_web_users(session: Session) -> dict[str, str]:
    tokens = {}
    for name, (role, regions, indicators) in WEB_USERS.items():
        user, tokens[name] = add_user(session, name=name, role=role, regions=regions,
                                      indicators=indicators)
        user.password_hash = _password_hash()
    return tokens


@cache
def _password_hash() -> str:
    """PASSWORD's argon2 hash, computed once per run (each hash takes a tenth of a second
    or more: that is its point); signing in still verifies it for real."""
    return hash_password(PASSWORD)


@pytest.fixture(scope="session")
def seeded_engine(backend: str, tmp_path_factory: pytest.TempPathFactory
                  ) -> Iterator[tuple[Engine, dict[str, str]]]:
    """A migrated database holding the seed catalogue and the web users, one per backend,
    and the users' API tokens."""
    for url in fresh_database(backend, tmp_path_factory.mktemp(f"web-{backend}")):
        engine = make_engine(url)
        upgrade(engine)
        with sessions_on(engine)() as session, session.begin():
            for loaded in seed_catalogues():
                catalogue.load_catalogue(session, loaded)
            tokens = _add_web_users(session)
        yield engine, tokens
        engine.dispose()


def _empty(request: pytest.FixtureRequest) -> bool:
    return bool(getattr(request.module, "EMPTY_DATABASE", False))


@pytest.fixture
def connection(request: pytest.FixtureRequest, backend: str) -> Iterator[Connection]:
    """The test's rolled-back transaction, on the seeded database (or the empty one)."""
    engine = request.getfixturevalue("engine") if _empty(request) else \
        request.getfixturevalue("seeded_engine")[0]
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        outer.rollback()


@pytest.fixture
def seeded(request: pytest.FixtureRequest, session_factory: sessionmaker[Session]) -> None:
    """The seed catalogue (already there, except on the empty database)."""
    if _empty(request):
        with session_factory() as session, session.begin():
            for loaded in seed_catalogues():
                catalogue.load_catalogue(session, loaded)


@pytest.fixture
def web_users(request: pytest.FixtureRequest,
              session_factory: sessionmaker[Session]) -> dict[str, str]:
    """admin, uploader (吕梁市 and 淄博市) and leader (a reader), each with PASSWORD;
    returns name → API token."""
    if not _empty(request):
        return dict(request.getfixturevalue("seeded_engine")[1])
    with session_factory() as session, session.begin():
        return _add_web_users(session)


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

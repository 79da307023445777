"""Shared fixtures of the service tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from indicators.catalogue import loader as catalogue
from service.app import create_app
from service.cli import app as cli
from service.settings import Settings, get_settings
from tests.seed import seed_catalogues
from tests.signed import reader_headers


@pytest.fixture
def page_size_max() -> int:
    """The API's largest page; a test module may override it."""
    return 500


@pytest.fixture
def api_sessions(session_factory: sessionmaker[Session]) -> sessionmaker[Session]:
    """The sessions the API client works on: the test's transaction; a test module may
    override it (e.g. with a database of its own)."""
    return session_factory


@pytest.fixture
def client(api_sessions: sessionmaker[Session], page_size_max: int) -> Iterator[TestClient]:
    """An API client over a database holding the seed catalogue, signed in as a reader, in
    Chinese whatever the shell's TARGETWATCH_LANGUAGE says (the tests assert Chinese text)."""
    with api_sessions() as session, session.begin():
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
    app = create_app(settings=Settings(page_size_max=page_size_max, language="zh"),
                     factory=api_sessions)
    with TestClient(app, headers=reader_headers(api_sessions)) as test_client:
        yield test_client


@pytest.fixture
def run(database_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `targetwatch` commands against the test database, in Chinese, after creating
    it with `targetwatch init` as a user would."""
    monkeypatch.setenv("TARGETWATCH_DATABASE_URL", database_url)
    monkeypatch.setenv("TARGETWATCH_LANGUAGE", "zh")
    get_settings.cache_clear()
    runner = CliRunner()

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(cli, list(args), catch_exceptions=False)

    created = invoke("init")
    assert created.exit_code == 0, created.output
    yield invoke
    get_settings.cache_clear()

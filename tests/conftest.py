"""Fixtures: every database test runs on SQLite and on PostgreSQL.

Each run gets its own SQLite file and its own PostgreSQL schema, built once by
`alembic upgrade head`; each test runs in a transaction rolled back at its end.
PostgreSQL is 127.0.0.1:5432, database `test` (override: TARGETWATCH_TEST_POSTGRES_URL).
When it cannot be reached the PostgreSQL half is skipped, except under CI=true, where
that is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from service.db import make_engine
from service.migrate import upgrade

BACKENDS = ("sqlite", "postgresql")
POSTGRES_URL = os.environ.get("TARGETWATCH_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SHARED_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _postgres_unreachable_reason() -> str | None:
    probe = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect means "not reachable"
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {error}"
    finally:
        probe.dispose()
    return None


def _require_postgres() -> None:
    reason = _postgres_unreachable_reason()
    if reason is None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: PostgreSQL is required)", pytrace=False)
    pytest.skip(reason)


class PostgresSchema:
    """A throw-away schema in the test database, reached through its own URL."""

    def __init__(self) -> None:
        self.name = f"tw_{uuid.uuid4().hex[:12]}"
        self._admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
        with self._admin.connect() as connection:
            connection.execute(text(f'CREATE SCHEMA "{self.name}"'))
        url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={self.name}"})
        self.url = url.render_as_string(hide_password=False)

    def drop(self) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{self.name}" CASCADE'))
        self._admin.dispose()


def fresh_database(backend: str, tmp_path: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database of the given backend; remove it after."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'targetwatch.db'}"
        return
    _require_postgres()
    schema = PostgresSchema()
    try:
        yield schema.url
    finally:
        schema.drop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def engine(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database for the whole run, one per backend."""
    for url in fresh_database(backend, tmp_path_factory.mktemp(backend)):
        engine = make_engine(url)
        upgrade(engine)
        yield engine
        engine.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside a transaction that is rolled back after the test."""
    with engine.connect() as connection:
        outer = connection.begin()
        yield connection
        outer.rollback()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    """Sessions that join the test's transaction; their commits become savepoints."""
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint",
                        expire_on_commit=False)


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    with session_factory() as session:
        yield session


@pytest.fixture
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database of its own, for tests that go through the CLI."""
    yield from fresh_database(backend, tmp_path)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many database tests passed on each backend."""
    passed = terminalreporter.stats.get("passed", [])
    counts = {b: sum(f"[{b}" in r.nodeid or f"-{b}" in r.nodeid for r in passed) for b in BACKENDS}
    skipped = terminalreporter.stats.get("skipped", [])
    skipped_pg = sum("postgresql" in r.nodeid for r in skipped)
    terminalreporter.write_line(
        f"database tests passed: sqlite={counts['sqlite']} postgresql={counts['postgresql']}"
        + (f" (postgresql skipped: {skipped_pg})" if skipped_pg else ""))

"""Fixtures: every database test runs on SQLite and on PostgreSQL.

Each run gets its own SQLite file and its own PostgreSQL schema, built once by
`alembic upgrade head`; each test runs in a transaction rolled back at its end.
PostgreSQL is 127.0.0.1:5432, database `test` (override: TARGETWATCH_TEST_POSTGRES_URL).
When it cannot be reached the PostgreSQL half is skipped, and the summary says so, except
under TARGETWATCH_TEST_STRICT=1 (`make test`) or CI=true, where that is a failure (see
tests/strict.py).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from service.db import make_engine
from service.migrate import upgrade
from tests.strict import skip_or_fail

BACKENDS = ("sqlite", "postgresql")
# pytest-xdist's workers run with COLUMNS=80, which narrows every CLI table the tests read
# (service.text_table); a test about widths sets COLUMNS itself.
os.environ.pop("COLUMNS", None)
POSTGRES_URL = os.environ.get("TARGETWATCH_TEST_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@cache
def _postgres_unreachable_reason() -> str | None:
    probe = create_engine(POSTGRES_URL, connect_args={"connect_timeout": 3})
    try:
        with probe.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure to connect means "not reachable"
        first_line = (str(error).splitlines() or [type(error).__name__])[0]
        return f"PostgreSQL not reachable at {POSTGRES_URL}: {first_line}"
    finally:
        probe.dispose()
    return None


def _require_postgres() -> None:
    """Probe the server once per run; skip, or fail under strict mode, when it is away."""
    reason = _postgres_unreachable_reason()
    if reason is not None:
        skip_or_fail(reason)


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


def _on(backend: str, nodeid: str) -> bool:
    return f"[{backend}" in nodeid or f"-{backend}" in nodeid


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many database tests passed on each backend, and say loudly when the
    PostgreSQL half did not run."""
    stats = terminalreporter.stats
    counts = {b: sum(_on(b, r.nodeid) for r in stats.get("passed", [])) for b in BACKENDS}
    skipped = [r for r in stats.get("skipped", []) if _on("postgresql", r.nodeid)]
    broken = [r for key in ("failed", "error") for r in stats.get(key, [])
              if _on("postgresql", r.nodeid)]
    line = f"database tests passed: sqlite={counts['sqlite']} postgresql={counts['postgresql']}"
    unreachable = _postgres_unreachable_reason() if skipped or broken else None
    if skipped:
        terminalreporter.write_line(
            f"{line} -- POSTGRESQL HALF SKIPPED: {len(skipped)} database tests did not run on "
            f"PostgreSQL ({unreachable or 'see the skip reasons'}); only SQLite was tested",
            yellow=True, bold=True)
        terminalreporter.write_line(
            "  (TARGETWATCH_TEST_STRICT=1, as make test sets, or CI=true makes this a failure)")
    elif broken and unreachable is not None:
        terminalreporter.write_line(
            f"{line} -- POSTGRESQL HALF FAILED: {len(broken)} database tests could not run on "
            f"PostgreSQL ({unreachable})", red=True, bold=True)
    else:
        terminalreporter.write_line(line)

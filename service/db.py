"""Engines and sessions. The edge (request, job, command) owns each transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
# Execution option marking a connection that only reads (see `read_transaction`).
READ_ONLY = "targetwatch_read_only"


class WriteInReadOnlySession(RuntimeError):
    """Raised when code flushes changes in a session opened to read only (a bug)."""


def make_engine(url: str) -> Engine:
    """Create an engine. For SQLite: make the file's folder; turn on foreign keys; let
    SQLAlchemy (not the driver) manage transactions so savepoints and DDL work; and, since
    the scheduler and the web server write to the same file, use WAL (readers never block
    writers nor wait for them) and, for a transaction that may write, BEGIN IMMEDIATE with
    a busy timeout, so a second writer waits for the first instead of failing with
    "database is locked". A read-only transaction (`read_transaction`) opens with a plain
    deferred BEGIN: it takes no write lock, so reads never queue behind an upload."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_begin(connection: Connection) -> None:
    read_only = connection.get_execution_options().get(READ_ONLY, False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


def _sqlite_on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session, commit when the block succeeds, roll back when it raises."""
    with factory() as session, session.begin():
        yield session


@contextmanager
def read_transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Open a session that only reads: on SQLite its transaction is a deferred BEGIN (no
    write lock), it is rolled back at the end (nothing to commit), and flushing a change
    in it raises `WriteInReadOnlySession` rather than taking the write lock unnoticed."""
    with factory() as session:
        event.listen(session, "before_flush", _refuse_writes)
        session.connection(execution_options={READ_ONLY: True})
        try:
            yield session
        finally:
            session.rollback()


def _refuse_writes(session: Session, _context: object, _instances: object) -> None:
    raise WriteInReadOnlySession("a read-only session was asked to write")

"""Run the Alembic migrations in `alembic/` against an engine, and tell whether a database
is at the newest schema.

Only `targetwatch init`, `upgrade`, `serve` and `scheduler run` migrate, and they do it
under a lock, so that a web process and a scheduler starting together do not both try to
create the same tables: PostgreSQL's `pg_advisory_lock` held on a connection of its own,
or for SQLite an exclusive `flock` on a file beside the database (`NAME.migrate.lock`,
left in place: deleting a lock file would race). An in-memory database belongs to one
process and needs none.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

ALEMBIC_DIR = Path(__file__).resolve().parent.parent / "alembic"
# One lock per schema: PostgreSQL's advisory locks are per database, and each schema is
# migrated on its own.
_ADVISORY_KEY = "hashtext('targetwatch.migrate:' || current_schema())"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (default: the newest), without a lock: for a
    database nothing else is using yet."""
    command.upgrade(alembic_config(engine), revision)


def upgrade_locked(engine: Engine) -> tuple[str | None, str | None]:
    """Bring the schema to the newest revision under the migration lock; return the
    revision before and after (the same when another process got there first)."""
    with migration_lock(engine):
        before = current_revision(engine)
        upgrade(engine)
        return before, current_revision(engine)


def head_revision() -> str | None:
    """The newest revision in `alembic/`."""
    return ScriptDirectory(str(ALEMBIC_DIR)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for a database never migrated. Reads only:
    it neither creates a table nor, for SQLite, the database file."""
    database = _sqlite_file(engine)
    if database is not None and not database.exists():
        return None
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_current(engine: Engine) -> bool:
    return current_revision(engine) == head_revision()


@contextmanager
def migration_lock(engine: Engine) -> Iterator[None]:
    """Hold the lock that lets one process at a time migrate this database."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine):
            yield
        return
    database = _sqlite_file(engine)
    if database is None:
        yield  # in memory: one process only
        return
    with _file_lock(database.with_name(database.name + ".migrate.lock")):
        yield


@contextmanager
def _advisory_lock(engine: Engine) -> Iterator[None]:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f"SELECT pg_advisory_lock({_ADVISORY_KEY})"))
        try:
            yield
        finally:
            connection.execute(text(f"SELECT pg_advisory_unlock({_ADVISORY_KEY})"))


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive flock: held per open file, so it also keeps threads apart."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _sqlite_file(engine: Engine) -> Path | None:
    """The file of a SQLite database; None for in-memory ones and other backends."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:") \
            or url.database.startswith("file::memory:") or url.query.get("mode") == "memory":
        return None
    return Path(url.database)

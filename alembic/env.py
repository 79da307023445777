"""Alembic environment: migrates the engine handed over by `service.migrate`, or the
configured database when run as `alembic upgrade head` from the repository root."""

from __future__ import annotations

from alembic import context

from service.schema import METADATA

target_metadata = METADATA
SCHEDULER_TABLE = "apscheduler_jobs"


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave APScheduler's own job table (it creates and manages it) out of migrations."""
    return not (type_ == "table" and name == SCHEDULER_TABLE)


def _engine():  # type: ignore[no-untyped-def]
    engine = context.config.attributes.get("engine")
    if engine is not None:
        return engine
    from service.db import make_engine
    from service.settings import get_settings

    return make_engine(get_settings().database_url)


def _sqlite_foreign_keys(connection, on: bool) -> None:  # type: ignore[no-untyped-def]
    """Turn SQLite's foreign key enforcement on or off. The pragma is ignored inside a
    transaction, so it goes to the driver's connection, which has none open here."""
    connection.connection.driver_connection.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def run_migrations_online() -> None:
    """Migrate in one transaction. On SQLite, foreign keys are off meanwhile: batch mode
    copies a table, drops it and renames the copy, and dropping a table that others refer
    to fails while they are enforced. SQLite's recipe for such changes: off, alter, then
    `PRAGMA foreign_key_check` before the commit, and back on."""
    with _engine().connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            _sqlite_foreign_keys(connection, on=False)
        try:
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=sqlite, compare_type=True,
                              include_name=include_name)
            with context.begin_transaction():
                context.run_migrations()
                if sqlite and (broken := connection.exec_driver_sql(
                        "PRAGMA foreign_key_check").all()):
                    raise RuntimeError(f"the migration breaks foreign keys: {broken[:5]}")
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                _sqlite_foreign_keys(connection, on=True)


run_migrations_online()

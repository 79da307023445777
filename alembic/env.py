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


def run_migrations_online() -> None:
    with _engine().connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite",
                          compare_type=True, include_name=include_name)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()

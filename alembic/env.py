"""Alembic environment: migrates the engine handed over by `service.migrate`, or the
configured database when run as `alembic upgrade head` from the repository root."""

from __future__ import annotations

from alembic import context

import indicators.assessment_models
import indicators.models  # noqa: F401
import ingest.models  # noqa: F401  (registers the uploads table)
from indicators.db import Base

target_metadata = Base.metadata


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
                          compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()


run_migrations_online()

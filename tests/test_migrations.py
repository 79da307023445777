"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect

from service.db import make_engine
from service.migrate import upgrade
from service.schema import METADATA


def test_migrations_and_models_agree(engine: Engine) -> None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={
            "compare_type": True,
            "include_name": lambda name, kind, _: not (kind == "table"
                                                       and name == "apscheduler_jobs")})
        assert compare_metadata(context, METADATA) == []


def test_upgrade_builds_every_table(engine: Engine) -> None:
    tables = set(inspect(engine).get_table_names())
    assert set(METADATA.tables) <= tables
    assert "alembic_version" in tables


def test_upgrade_is_repeatable(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    upgrade(engine)
    assert "targets" in inspect(engine).get_table_names()
    engine.dispose()

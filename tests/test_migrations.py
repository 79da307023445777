"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import multiprocessing
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text

from service.db import make_engine
from service.migrate import head_revision, upgrade, upgrade_locked
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


def _migrate(database_url: str, start: Any, results: Any) -> None:
    """One process: wait for the other, then migrate under the lock."""
    engine = make_engine(database_url)
    try:
        start.wait()
        results.put(upgrade_locked(engine))
    except Exception as error:
        results.put(repr(error))
    finally:
        engine.dispose()


def test_two_processes_migrating_at_once_both_succeed(database_url: str) -> None:
    """Two upgrades of one fresh database started together (a web server and a scheduler
    starting at the same time): the lock lets one migrate while the other waits and then
    finds nothing to do."""
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(2), spawn.Queue()
    processes = [spawn.Process(target=_migrate, args=(database_url, start, results))
                 for _ in range(2)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join()
    head = head_revision()
    assert sorted(outcomes, key=lambda o: o[0] or "") == [(None, head), (head, head)], outcomes
    engine = make_engine(database_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
            (head,)]
    engine.dispose()

"""The migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

import json
import multiprocessing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.runs.assessment import run_assessment
from service.db import make_engine
from service.migrate import alembic_config, head_revision, upgrade, upgrade_locked
from service.schema import METADATA
from tests.factories import write_small_catalogue


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


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _fill_then_step_down(engine: Engine, tmp_path: Path, revision: str) -> dict[str, int]:
    """Fill a database at head through the code (a catalogue and an assessment run), then
    downgrade it to `revision`, so the later migrations can be run again under real rows
    (the code of today cannot write an old schema)."""
    upgrade(engine)
    with Session(engine) as session, session.begin():
        catalogue.load_catalogue(session,
                                 catalogue.read_catalogue(write_small_catalogue(tmp_path)))
        run_assessment(session, as_of=datetime(2021, 6, 1, tzinfo=UTC))
    command.downgrade(alembic_config(engine), revision)
    return {table: _count(engine, table) for table in ("targets", "assessment_results")}


def test_strict_comparators_migrate_a_database_in_use(database_url: str,
                                                      tmp_path: Path) -> None:
    """0005 replaces the comparator's CHECK constraint under targets that assessment
    results refer to (on SQLite it copies the table), keeps every row, and then lets a
    target compare with gt while still refusing a value outside the vocabulary."""
    engine = make_engine(database_url)
    before = _fill_then_step_down(engine, tmp_path, "0004")
    assert before["assessment_results"] > 0

    upgrade(engine)

    assert {table: _count(engine, table) for table in before} == before
    change = text("UPDATE targets SET comparator = :value WHERE key = 'T1-forest-2020'")
    with engine.begin() as connection:
        connection.execute(change, {"value": "gt"})
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(change, {"value": "gtx"})
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_known_from_migrates_a_database_in_use(database_url: str, tmp_path: Path) -> None:
    """0006 keeps every run as a current one, gives every existing target a first version
    with its terms, and lets a break be recorded twice for a period (a correction)."""
    engine = make_engine(database_url)
    before = _fill_then_step_down(engine, tmp_path, "0005")

    upgrade(engine)

    assert {table: _count(engine, table) for table in before} == before
    assert _count(engine, "target_versions") == before["targets"]
    with engine.connect() as connection:
        assert connection.execute(text(
            "SELECT count(*) FROM assessment_runs WHERE retrospective")).scalar_one() == 0
        terms = connection.execute(text(
            "SELECT v.terms FROM target_versions v JOIN targets t ON t.id = v.target_id "
            "WHERE t.key = 'T1-gdp'")).scalar_one()
    terms = terms if isinstance(terms, dict) else json.loads(terms)
    assert (terms["kind"], terms["value"], terms["deadline_year"]) == (
        "average_annual_growth", "10", 2015)
    engine.dispose()


def test_users_and_audit_migrate_a_database_in_use(database_url: str, tmp_path: Path) -> None:
    """0007 keeps every user (no password, not disabled, no failed logins) and adds the
    audit trail; its downgrade removes both again and keeps the users."""
    engine = make_engine(database_url)
    _fill_then_step_down(engine, tmp_path, "0006")
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO users (name, role, regions, created_at) "
                                "VALUES ('zibo', 'uploader', '[\"370300\"]', :at)"),
                           {"at": datetime(2020, 1, 1, tzinfo=UTC)})

    upgrade(engine)

    with engine.connect() as connection:
        assert connection.execute(text(
            "SELECT name, password_hash, disabled_at, failed_logins FROM users")).all() == [
            ("zibo", None, None, 0)]
    assert _count(engine, "audit_log") == 0
    command.downgrade(alembic_config(engine), "0006")
    assert "audit_log" not in inspect(engine).get_table_names()
    assert "password_hash" not in {c["name"] for c in inspect(engine).get_columns("users")}
    assert _count(engine, "users") == 1
    engine.dispose()

"""`targetwatch alerts run` and `alerts list` against a real database, and the service's
`evaluate`: it commits, and skips when another process holds the alerts lock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.clock import china_day_end
from indicators.tables.alerts import Alert
from indicators.tables.catalogue import Target
from indicators.vocab import Status
from service.alerting import evaluate
from service.db import make_engine, session_factory, transaction
from service.migrate import upgrade
from service.settings import Settings
from tests.factories import write_small_catalogue
from tests.indicators.alerts.alert_factories import approve, store_result

JUNE = china_day_end(date(2015, 6, 30))
NOW = datetime(2026, 12, 4, 9, tzinfo=UTC)


def _seed(database_url: str, folder: Path) -> None:
    """The small catalogue with its GRP target approved and off track on 30 June 2015."""
    engine = make_engine(database_url)
    upgrade(engine)  # already done by `targetwatch init` in the CLI test; repeatable
    with transaction(session_factory(engine)) as session:
        catalogue.load_catalogue(session, catalogue.read_catalogue(write_small_catalogue(folder)))
        target = session.scalars(select(Target).where(Target.key == "T1-gdp")).one()
        store_result(session, approve(target), at=JUNE, status=Status.OFF_TRACK, probability=0.1)
    engine.dispose()


def test_alerts_run_then_list(run, database_url: str,  # type: ignore[no-untyped-def]
                              tmp_path: Path) -> None:
    _seed(database_url, tmp_path)
    first = run("alerts", "run", "--as-of", "2015-06-30")
    assert first.exit_code == 0, first.output
    assert "新触发 1" in first.output
    second = run("alerts", "run", "--as-of", "2015-06-30")
    assert "新触发 0" in second.output and "解除 0" in second.output
    listed = run("alerts", "list")
    assert listed.exit_code == 0, listed.output
    assert "T1-gdp" in listed.output and "status_worsened" in listed.output
    assert "严重" in listed.output and "共 1 条预警" in listed.output
    assert "共 0 条预警" in run("alerts", "list", "--audience", "statistics").output
    assert "共 0 条预警" in run("alerts", "list", "--state", "resolved").output
    assert run("alerts", "list", "--state", "bogus").exit_code == 2


def test_evaluate_commits_and_skips_while_another_holds_the_lock(
        database_url: str, backend: str, tmp_path: Path) -> None:
    _seed(database_url, tmp_path)
    engine = make_engine(database_url)
    factory = session_factory(engine)
    try:
        if backend == "postgresql":
            with engine.connect() as holder, holder.begin():
                holder.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": 0x7477_0001})
                assert evaluate(factory, as_of=JUNE, now=NOW, trigger="cli",
                                settings=Settings()) is None
        done = evaluate(factory, as_of=JUNE, now=NOW, trigger="nightly", settings=Settings())
        assert done is not None and len(done.transitions) == 1
        with Session(engine) as session:
            assert [a.rule for a in session.scalars(select(Alert))] == ["status_worsened"]
        with pytest.raises(ValueError):
            evaluate(factory, as_of=JUNE, now=NOW, trigger="whenever", settings=Settings())
    finally:
        engine.dispose()

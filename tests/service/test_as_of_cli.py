"""`assess --as-of` from the command line: the same JSON every time, stored as
retrospective, and the board and the API still show the current assessment afterwards;
`ingest --published` dates the figures."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.clock import china_midnight
from indicators.data import queries
from indicators.data.known_targets import targets_as_of
from indicators.data.stored_runs import current_run
from indicators.tables.assessments import AssessmentRun
from indicators.tables.observations import Observation
from service.app import create_app
from service.db import make_engine, session_factory
from service.settings import Settings
from tests.factories import write_small_catalogue
from tests.ingest.files import csv_bytes
from tests.signed import reader_headers


def test_an_as_of_assessment_is_reproducible_and_never_current(run, database_url: str) -> None:  # type: ignore[no-untyped-def]
    assert run("demo", "--no-replay").exit_code == 0
    first = run("assess", "--as-of", "2020-06-30", "--json")
    second = run("assess", "--as-of", "2020-06-30", "--json")
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout  # byte for byte
    assert {r["as_of"][:10] for r in json.loads(first.stdout)} == {"2020-06-30"}
    assert "回溯评估" in first.stderr and "不替换当前评估" in first.stderr
    table = run("assess", "--as-of", "2020-06-30")
    assert "回溯评估" in table.stdout

    engine = make_engine(database_url)
    try:
        factory = session_factory(engine)
        with factory() as session:
            runs = session.scalars(select(AssessmentRun).order_by(AssessmentRun.id)).all()
            assert [r.retrospective for r in runs] == [False, True, True, True]
            current = current_run(session)
            assert current is not None and current.id == runs[0].id
            current_as_of = current.as_of.isoformat()
        app = create_app(settings=Settings(language="zh"), factory=factory)
        with TestClient(app, headers=reader_headers(factory)) as client:
            assessments = client.get("/api/assessments").json()
            assert assessments["as_of"] == current_as_of
            assert {r["as_of"] for r in assessments["items"]} == {current_as_of}
            forecasts = client.get("/api/forecasts", params={"limit": 5}).json()
            assert {r["assessed_as_of"] for r in forecasts["items"]} <= {current_as_of, None}
            page = client.get("/api/assessments")
            assert page.status_code == 200 and "2020-06-30" not in page.text
    finally:
        engine.dispose()


def test_an_as_of_day_not_yet_over_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    result = run("assess", "--as-of", "2999-01-01")
    assert result.exit_code == 2
    assert "已经结束" in result.stderr and "has ended" in result.stderr
    assert run("forecast", "--as-of", "2999-01-01").exit_code == 2


def test_ingest_dates_the_figures_by_published(run, database_url: str,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    run("catalog", "load")
    upload = tmp_path / "zibo.csv"
    upload.write_bytes(csv_bytes([("地区生产总值", "淄博市", "2013", "3800", "亿元", "")]))
    assert run("ingest", str(upload), "--published", "2014/01/10").exit_code == 2
    future = run("ingest", str(upload), "--published", "2999-01-01")
    assert future.exit_code == 1 and "晚于今天" in future.stdout
    accepted = run("ingest", str(upload), "--published", "2014-01-10", "--json")
    assert accepted.exit_code == 0, accepted.stdout
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            landed = session.scalars(select(Observation).where(
                Observation.upload_id.is_not(None))).one()
            assert landed.vintage_at == china_midnight(date(2014, 1, 10))
            assert landed.recorded_at > landed.vintage_at
    finally:
        engine.dispose()


def test_a_catalogue_edit_known_from_a_day_applies_from_that_day(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 database_url: str) -> None:
    first = write_small_catalogue(tmp_path)
    assert run("catalog", "load", str(first)).exit_code == 0
    first.write_text(first.read_text(encoding="utf-8").replace("value: 33", "value: 35"),
                     encoding="utf-8")
    assert run("catalog", "load", str(first), "--known-from", "2999-01-01").exit_code == 2
    assert run("catalog", "load", str(first), "--known-from", "2019-01-01").exit_code == 0
    engine = make_engine(database_url)
    try:
        with Session(engine) as session:
            target = queries.get_target(session, key="T1-forest-2020")
            assert target is not None and target.value == 35
            moments = (datetime(2018, 12, 31, 15, 59, tzinfo=UTC),
                       datetime(2018, 12, 31, 16, 0, tzinfo=UTC))  # 2019-01-01 in Beijing
            assert [targets_as_of(session, [target], m)[0].value for m in moments] == [33, 35]
    finally:
        engine.dispose()

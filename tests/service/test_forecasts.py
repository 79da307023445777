"""Forecasts through the command line, the API, the upload path and the scheduler, against
real databases of both kinds."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from indicators.data.queries import get_target
from indicators.data.stored_runs import latest_forecast_run
from indicators.runs.assessment import run_assessment, series_of
from indicators.runs.forecast import INSUFFICIENT_DATA, run_forecast
from indicators.runs.outlook import ACTUAL_MODEL
from indicators.tables.forecasts import ForecastRun
from ingest.checks.permissions import WritePermission
from service.db import make_engine, session_factory, transaction
from service.demo.actuals import BUNDLED_ACTUALS
from service.demo.loader import load_demo
from service.jobs.context import JobContext
from service.jobs.reforecast import reforecast_all
from service.jobs.runner import RUNNER
from service.migrate import upgrade
from service.scheduler import build_scheduler, register_jobs, start_scheduler, stop_scheduler
from service.settings import Settings, get_settings
from service.uploads import ingest_and_reassess
from tests.factories import add_annual_figures
from tests.golden.seed_assessments import PROBABILITY_TOLERANCE, read_golden
from tests.ingest.files import csv_bytes
from tests.seed import seed_catalogues

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
# The command line takes days (Beijing end of day); fixed, so results do not move with the clock.
AFTER_EVERY_DEADLINE = "2024-06-30"  # the seed targets' deadlines end in 2022
MID_2020 = "2020-06-30"  # during the 2018–2022 targets' periods
GDP_TARGET = "001-gdp-growth-avg-2016-2018"  # 东阳市: 年均增速8%左右 over 2016–2018
GDP_GROWTH = {2011: "11.0", 2012: "9.6", 2013: "9.1", 2014: "8.4", 2015: "7.9", 2016: "7.6"}


def _nested_continuation(record: dict[str, Any]) -> None:
    """The trajectory starts the year after the last figure, step by step, with the 80%
    interval inside the 95% one and the quantiles in order."""
    points = record["points"]
    assert points[0]["period"] == str(int(record["last_period"]) + 1)
    assert [p["step"] for p in points] == list(range(1, len(points) + 1))
    assert [int(p["period"]) for p in points] == list(range(int(points[0]["period"]),
                                                            int(points[0]["period"]) + len(points)))
    for p in points:
        assert p["lo_95"] <= p["lo_80"] <= p["mean"] <= p["hi_80"] <= p["hi_95"]
        assert list(p["quantiles"].values()) == sorted(p["quantiles"].values())


def test_forecast_on_the_demo_stores_a_run_that_continues_every_series(run) -> None:  # type: ignore[no-untyped-def]
    assert run("demo", "--no-replay").exit_code == 0
    table = run("forecast", "--as-of", AFTER_EVERY_DEADLINE)
    assert table.exit_code == 0, table.output
    assert "期限年预测 [80%区间]" in table.stdout and "预测时点" in table.stdout  # header wraps
    assert "地区生产总值增长率" in table.stdout and "东阳市" in table.stdout  # the label wraps
    records = json.loads(run("forecast", "--as-of", AFTER_EVERY_DEADLINE, "--json").stdout)
    forecast = [r for r in records if r["model"] != INSUFFICIENT_DATA]
    assert len(forecast) > len(records) / 2
    for record in forecast:
        _nested_continuation(record)
        assert len(record["points"]) >= 3 and record["reason"]
    assert all(not r["points"] and r["n_obs"] < 3 for r in records
               if r["model"] == INSUFFICIENT_DATA)


def test_assess_shows_the_forecast_at_the_deadline_and_the_probability(run) -> None:  # type: ignore[no-untyped-def]
    assert run("demo", "--no-replay").exit_code == 0
    records = json.loads(run("assess", "--as-of", MID_2020, "--json").stdout)
    table = run("assess", "--as-of", MID_2020)
    assert "期限年预测" in table.stdout and "80%区间" in table.stdout
    assert "达标概率" in table.stdout
    deadlines = {t.key: t.deadline for f in seed_catalogues()
                 for t in f.catalogue.targets}
    by_key = {r["key"]: r for r in records}
    assert sorted(by_key) == sorted(deadlines)
    for r in records:
        if r["forecast_year"] is None:
            assert r["probability"] is None and r["forecast_mean"] is None, r["key"]
            continue
        assert r["forecast_year"] == deadlines[r["key"]], r["key"]  # judged at the deadline
        assert 0 <= r["probability"] <= 1, r["key"]
        assert r["forecast_lo_95"] <= r["forecast_lo_80"] <= r["forecast_mean"] \
            <= r["forecast_hi_80"] <= r["forecast_hi_95"]
        if r["forecast_model"] == ACTUAL_MODEL:  # the deadline's figure is in: certainty
            assert r["probability"] == (1.0 if r["status"] == "achieved" else 0.0), r["key"]
    # 山东省 high-speed rail: 1,987 km in 2019 at about +311 km a year cannot reach 4,500 km
    # by 2022 (see test_assessing); the forecast agrees.
    assert by_key["003-high-speed-rail-km-2022"]["probability"] < 0.05
    # Every status and probability as pinned for this day in the golden file, which the demo
    # loaded now reproduces: what is known by mid-2020 does not depend on the load date.
    pinned = read_golden()["2020-06-30"]
    for key, r in by_key.items():
        assert r["status"] == pinned[key]["status"], key
        if pinned[key]["probability"] is None:
            assert r["probability"] is None, key
        else:
            assert abs(r["probability"] - pinned[key]["probability"]) \
                <= PROBABILITY_TOLERANCE + 1e-9, (key, r["probability"], pinned[key])
    # Several open targets have an uncertain outcome. Four since the demo's series pass
    # through the published figures: 山东 expressways and high-tech firms then have only two
    # real figures by mid-2020 and no generated ones, so no forecast (fewer than three).
    assert sum(0 < r["probability"] < 1 for r in records if r["probability"] is not None) >= 4


def test_forecast_one_target_in_english(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    run("demo", "--no-replay")
    monkeypatch.setenv("TARGETWATCH_LANGUAGE", "en")
    get_settings.cache_clear()
    result = run("forecast", "--target", GDP_TARGET, "--as-of", AFTER_EVERY_DEADLINE)
    assert result.exit_code == 0
    assert "Forecast at deadline" in result.stdout
    assert "GRP growth" in result.stdout and "Dongyang" in result.stdout  # the label wraps
    assert "Forecast as of" in result.stdout and "1 series" in result.stdout
    missing = run("forecast", "--target", "no-such-target")
    assert missing.exit_code == 2 and "not found" in missing.stderr




@pytest.fixture
def api_sessions(database_url: str) -> Iterator[sessionmaker[Session]]:
    """A database of its own for the API client, committed for real."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield session_factory(engine)
    engine.dispose()


def test_api_forecasts_carry_the_trajectory_and_the_probability(
        client: TestClient, api_sessions: sessionmaker[Session]) -> None:
    before = client.get("/api/forecasts", params={"target": GDP_TARGET}).json()
    (item,) = before["items"]
    assert (item["model"], item["points"], item["probability"]) == (None, [], None)
    with api_sessions() as session, session.begin():
        add_annual_figures(session, indicator_code="gdp_growth", region_code="330783",
                           values=GDP_GROWTH)
        run_forecast(session, as_of=NOW)
        run_assessment(session, as_of=NOW)
    (item,) = client.get("/api/forecasts", params={"target": GDP_TARGET}).json()["items"]
    assert item["model"] != INSUFFICIENT_DATA and item["last_period"] == "2016"
    assert [p["period"] for p in item["points"]] == ["2017", "2018", "2019"]
    _nested_continuation(item)
    assert list(item["points"][0]["quantiles"]) == ["0.05", "0.1", "0.25", "0.5", "0.75",
                                                    "0.9", "0.95"]
    assert item["forecast_year"] == 2018
    assert item["forecast_lo_80"] <= item["forecast_mean"] <= item["forecast_hi_80"]
    assert item["deadline"] == 2018
    # Only 2016 (7.6%) of 2016–2018 is known: 1.076 of the 1.08 the path needs by then, a
    # progress ratio of 0.076 / 0.08 = 0.95, on track by the arithmetic alone; but the
    # forecast's chances are under even (the rates fall about half a point a year, and
    # 2017–2018 must average 7.6%), and the probability decides: at risk, never on track.
    assert item["status"] == "at_risk"
    assert 0.2 < item["probability"] < 0.5
    # The probability as computed with the seeded paths, pinned (tolerance as the golden
    # file's, tests/golden/seed_assessments.py).
    assert item["probability"] == pytest.approx(0.366, abs=PROBABILITY_TOLERANCE)
    same = client.get("/api/forecasts", params={"indicator": "gdp_growth", "region": "330783"})
    assert [i["target"] for i in same.json()["items"]] == [GDP_TARGET]
    everything = client.get("/api/forecasts").json()
    assert everything["total"] == client.get(
        "/api/targets", params={"review_state": "approved"}).json()["total"]
    runs = client.get("/api/forecasts/runs").json()
    assert runs["total"] == 1 and runs["items"][0]["levels"] == [80, 95]
    assert client.get("/api/forecasts", params={"target": "nope"}).status_code == 404


def test_an_upload_re_forecasts_only_the_series_it_changed(
        session_factory: sessionmaker[Session]) -> None:
    rows = [("高速铁路通车里程", "山东省", str(year), value, "公里", "")
            for year, value in ((2017, 1240), (2018, 1747), (2019, 1987))]
    rows.append(("地区生产总值", "淄博市", "2013", "3800", "亿元", ""))  # no target reads it
    with session_factory() as session, session.begin():
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
        add_annual_figures(session, indicator_code="gdp_growth", region_code="330783",
                           values=GDP_GROWTH)
        first = run_forecast(session, as_of=NOW)
        report = ingest_and_reassess(
            session, content=csv_bytes(rows), file_name="sd.csv", uploader="山东省统计局",
            permission=WritePermission.everything(), now=NOW, settings=Settings())
        assert report.status == "accepted"
        rail = series_of(session, get_target(session, key="003-high-speed-rail-km-2022"))
        latest = latest_forecast_run(session)
        assert latest is not None and latest.id != first.id
        assert {m.series_id for m in latest.models} == {rail.id}
        assert latest.models[0].model != INSUFFICIENT_DATA and latest.models[0].last_period \
            == "2019"
        again = ingest_and_reassess(
            session, content=csv_bytes(rows), file_name="sd.csv", uploader="山东省统计局",
            permission=WritePermission.everything(), now=NOW, settings=Settings())
        assert again.status == "duplicate"
        assert latest_forecast_run(session) is latest  # nothing changed, nothing re-forecast


def test_the_nightly_re_forecast_is_scheduled_and_runs(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        load_demo(session, actuals_csv=BUNDLED_ACTUALS, now=NOW)
    context = JobContext(Settings(database_url=database_url, reassess_hour=3),
                         session_factory(engine))
    scheduler = build_scheduler(context.settings)
    start_scheduler(scheduler, context, paused=True)
    try:
        assert "reforecast-nightly" in register_jobs(scheduler, context.settings)
        job = scheduler.apscheduler.get_job("reforecast-nightly")
        fields = {f.name: str(f) for f in job.trigger.fields}
        assert (fields["hour"], fields["minute"]) == ("3", "30")
        assert (job.func_ref, job.kwargs) == (
            RUNNER, {"job": "service.jobs.reforecast:reforecast_all"})
    finally:
        stop_scheduler(scheduler)
    covered = reforecast_all(context)
    with transaction(session_factory(engine)) as session:
        runs = session.scalars(select(ForecastRun)).all()
        assert [r.series_count for r in runs] == [covered] and covered > 0
    engine.dispose()

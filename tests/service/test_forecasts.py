"""Forecasts through the command line, the API, the upload path and the scheduler, against
real databases of both kinds."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from indicators.clock import utc_now
from indicators.data.queries import get_target
from indicators.runs.assessment import run_assessment, series_of
from indicators.runs.forecast import INSUFFICIENT_DATA, latest_forecast_run, run_forecast
from indicators.tables.forecasts import ForecastRun
from ingest.permissions import WritePermission
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
from tests.ingest.files import csv_bytes

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
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
    assert run("demo").exit_code == 0
    table = run("forecast")
    assert table.exit_code == 0, table.output
    assert "期限年预测 [80%区间] [95%区间]" in table.stdout and "预测时点" in table.stdout
    assert "地区生产总值增长率 · 东阳市" in table.stdout
    records = json.loads(run("forecast", "--json").stdout)
    forecast = [r for r in records if r["model"] != INSUFFICIENT_DATA]
    assert len(forecast) > len(records) / 2
    for record in forecast:
        _nested_continuation(record)
        assert len(record["points"]) >= 3 and record["reason"]
    assert all(not r["points"] and r["n_obs"] < 3 for r in records
               if r["model"] == INSUFFICIENT_DATA)


def test_assess_shows_the_forecast_at_the_deadline_and_the_probability(run) -> None:  # type: ignore[no-untyped-def]
    run("demo")
    table = run("assess")
    assert "期限年预测" in table.stdout and "80%区间" in table.stdout
    assert "达标概率" in table.stdout
    records = json.loads(run("assess", "--json").stdout)
    with_data = [r for r in records if r["latest_year"] is not None]
    assert with_data
    for r in with_data:
        assert r["forecast_year"] is not None and r["probability"] is not None, r["key"]
        assert r["forecast_lo_95"] <= r["forecast_lo_80"] <= r["forecast_mean"] \
            <= r["forecast_hi_80"] <= r["forecast_hi_95"]


def test_forecast_one_target_in_english(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    run("demo")
    monkeypatch.setenv("TARGETWATCH_LANGUAGE", "en")
    get_settings.cache_clear()
    result = run("forecast", "--target", GDP_TARGET)
    assert result.exit_code == 0
    assert "Forecast at deadline" in result.stdout
    assert "GRP growth (real) · Dongyang" in result.stdout
    assert "Forecast as of" in result.stdout and "1 series" in result.stdout
    missing = run("forecast", "--target", "no-such-target")
    assert missing.exit_code == 2 and "not found" in missing.stderr




def test_api_forecasts_carry_the_trajectory_and_the_probability(
        client: TestClient, session_factory: sessionmaker[Session]) -> None:
    before = client.get("/api/forecasts", params={"target": GDP_TARGET}).json()
    (item,) = before["items"]
    assert (item["model"], item["points"], item["probability"]) == (None, [], None)
    with session_factory() as session, session.begin():
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
    assert item["forecast_year"] == 2018 and 0 <= item["probability"] <= 1
    assert item["forecast_lo_80"] <= item["forecast_mean"] <= item["forecast_hi_80"]
    assert item["status"] and item["deadline"] == 2018
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
        for loaded in catalogue.read_catalogues(catalogue.seed_files()):
            catalogue.load_catalogue(session, loaded)
        add_annual_figures(session, indicator_code="gdp_growth", region_code="330783",
                           values=GDP_GROWTH)
        first = run_forecast(session, as_of=NOW)
        report = ingest_and_reassess(
            session, content=csv_bytes(rows), file_name="sd.csv", uploader="山东省统计局",
            permission=WritePermission.everything(), now=utc_now(), settings=Settings())
        assert report.status == "accepted"
        rail = series_of(session, get_target(session, key="003-high-speed-rail-km-2022"))
        latest = latest_forecast_run(session)
        assert latest is not None and latest.id != first.id
        assert {m.series_id for m in latest.models} == {rail.id}
        assert latest.models[0].model != INSUFFICIENT_DATA and latest.models[0].last_period \
            == "2019"
        again = ingest_and_reassess(
            session, content=csv_bytes(rows), file_name="sd.csv", uploader="山东省统计局",
            permission=WritePermission.everything(), now=utc_now(), settings=Settings())
        assert again.status == "duplicate"
        assert latest_forecast_run(session) is latest  # nothing changed, nothing re-forecast


def test_the_nightly_re_forecast_is_scheduled_and_runs(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        load_demo(session, actuals_csv=BUNDLED_ACTUALS, now=utc_now())
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

"""Jobs run with the context they are handed: its settings and its database, no globals."""

from __future__ import annotations

import inspect
import pickle
from pathlib import Path
from typing import get_type_hints

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session, sessionmaker

from indicators.arithmetic.thresholds import Thresholds
from indicators.catalogue import loader as catalogue
from indicators.data.queries import approved_targets
from indicators.tables.assessments import AssessmentRun
from indicators.tables.forecasts import ForecastRun
from service.jobs import runner
from service.jobs.context import JobContext
from service.jobs.reassess import reassess_all
from service.jobs.reforecast import reforecast_all
from service.jobs.registry import job_specs
from service.scheduler import build_scheduler, start_scheduler, stop_scheduler
from service.settings import PullSource, Settings
from tests.seed import seed_catalogues

STRICT = Thresholds(on_track_expected=0.95, at_risk_expected=0.8)  # not the defaults


@pytest.fixture
def context(session_factory: sessionmaker[Session]) -> JobContext:
    """A context on the test's database, holding the seed catalogue."""
    with session_factory() as session, session.begin():
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
    return JobContext(Settings(thresholds=STRICT), session_factory)


def test_reassess_uses_the_contexts_settings_and_database(context: JobContext) -> None:
    assessed = reassess_all(context)
    with context.sessions() as session:
        (run,) = session.scalars(select(AssessmentRun)).all()
        assert assessed == run.targets_assessed == len(approved_targets(session)) > 0
        assert run.thresholds == STRICT.model_dump()


def test_reforecast_stores_its_run_in_the_contexts_database(context: JobContext) -> None:
    covered = reforecast_all(context)
    with context.sessions() as session:
        assert [r.series_count for r in session.scalars(select(ForecastRun))] == [covered]


def test_the_runner_calls_a_job_with_the_installed_context(context: JobContext) -> None:
    runner.install(context)
    try:
        assert runner.run_job("service.jobs.reassess:reassess_all") > 0
    finally:
        runner.install(None)
    with pytest.raises(RuntimeError, match="no job context"):
        runner.run_job("service.jobs.reassess:reassess_all")


def test_every_job_takes_a_context_and_is_stored_with_plain_arguments(tmp_path: Path) -> None:
    settings = Settings(drop_folder=tmp_path, pull_sources=[
        PullSource(name="zibo", url="https://example.org/zibo.csv")])
    specs = job_specs(settings)
    assert {s.id for s in specs} == {"reassess-nightly", "reforecast-nightly",
                                     "ingest-drop-folder", "pull-zibo", "alerts-after-data",
                                     "digest-weekly"}
    for spec in specs:
        function = runner.job_function(spec.func)
        first = next(iter(inspect.signature(function).parameters))
        assert get_type_hints(function)[first] is JobContext, spec.id
        inspect.signature(function).bind(None, **spec.kwargs)  # the arguments fit
        assert pickle.loads(pickle.dumps(spec.kwargs)) == spec.kwargs


def test_stopping_the_scheduler_closes_every_connection_of_its_store(
        database_url: str, context: JobContext) -> None:
    scheduler = build_scheduler(Settings(database_url=database_url))
    opened, closed = [], []
    event.listen(scheduler.store_engine, "connect", lambda *_: opened.append(1))
    event.listen(scheduler.store_engine, "close", lambda *_: closed.append(1))
    start_scheduler(scheduler, context)
    assert scheduler.apscheduler.get_jobs() == []  # the store answered: a connection opened
    stop_scheduler(scheduler)
    assert len(opened) == len(closed) > 0
    assert not scheduler.apscheduler.running
    with pytest.raises(RuntimeError, match="no job context"):
        runner.run_job("service.jobs.reassess:reassess_all")

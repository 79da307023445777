"""Scheduled ingest against a real database: the drop folder, persisted jobs, HTTP pulls."""

from __future__ import annotations

import http.server
import json
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import func, select, text

from indicators.catalogue import loader as catalogue
from indicators.tables.observations import Observation
from ingest.tables import PullState, Upload
from service.db import make_engine, session_factory, transaction
from service.jobs.context import JobContext
from service.jobs.drop_folder import DONE, REJECTED, scan_drop_folder
from service.jobs.pulls import NOT_MODIFIED, pull_source
from service.jobs.registry import MISFIRE_GRACE_SECONDS
from service.migrate import upgrade
from service.scheduler import build_scheduler, register_jobs, start_scheduler, stop_scheduler
from service.settings import PullSource, Settings
from tests.ingest.files import csv_bytes
from tests.seed import seed_catalogues

ROWS = [("地区生产总值", "淄博市", "2013", "3800", "亿元", "")]  # a year 004 has no figure for


@pytest.fixture
def context(database_url: str, tmp_path: Path) -> Iterator[JobContext]:
    """The jobs' context on a fresh database holding the seed catalogue, with a drop
    folder scanned every second."""
    folder = tmp_path / "drop"
    folder.mkdir()
    engine = make_engine(database_url)
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
    yield JobContext(Settings(database_url=database_url, drop_folder=folder,
                              drop_scan_seconds=1), session_factory(engine))
    engine.dispose()


@pytest.fixture
def drop(context: JobContext) -> Path:
    assert context.settings.drop_folder is not None
    return context.settings.drop_folder


def _place(folder: Path, name: str, content: bytes) -> Path:
    """Put a file in the folder as if copied in a while ago (past the settle time)."""
    path = folder / name
    path.write_bytes(content)
    past = time.time() - 60
    os.utime(path, (past, past))
    return path


def _wait_for(condition: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out")


def _count(context: JobContext, model: type) -> int:
    with context.sessions() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_a_file_placed_while_running_is_ingested_once(drop: Path, context: JobContext) -> None:
    scheduler = build_scheduler(context.settings)
    register_jobs(scheduler, context.settings)
    start_scheduler(scheduler, context)
    try:
        _place(drop, "zibo.csv", csv_bytes(ROWS))
        _wait_for(lambda: (drop / DONE / "zibo.csv").exists())
        _place(drop, "bad.csv", csv_bytes([("未知指标", "淄博市", "2016", "1", "亿元", "")]))
        _wait_for(lambda: (drop / REJECTED / "bad.csv").exists())
    finally:
        stop_scheduler(scheduler)
    report = json.loads((drop / DONE / "zibo.csv.report.json").read_text(encoding="utf-8"))
    assert report["status"] == "accepted" and report["figures_new"] == 1
    rejected = json.loads((drop / REJECTED / "bad.csv.report.json").read_text(encoding="utf-8"))
    assert rejected["issues"][0]["code"] == "ingest.unknown_indicator"
    assert _count(context, Observation) == 88  # 87 figures of document 004, plus the one landed


def test_a_file_placed_while_stopped_is_picked_up_at_start(drop: Path,
                                                           context: JobContext) -> None:
    first = build_scheduler(context.settings)
    register_jobs(first, context.settings)
    start_scheduler(first, context, paused=True)
    stop_scheduler(first)
    _place(drop, "while-stopped.csv", csv_bytes(ROWS))
    again = build_scheduler(context.settings)
    register_jobs(again, context.settings)
    start_scheduler(again, context)
    try:
        _wait_for(lambda: (drop / DONE / "while-stopped.csv").exists())
    finally:
        stop_scheduler(again)
    assert _count(context, Upload) == 1


def test_jobs_persist_across_a_restart_with_their_safeguards(context: JobContext) -> None:
    first = build_scheduler(context.settings)
    start_scheduler(first, context, paused=True)
    ids = register_jobs(first, context.settings)
    stop_scheduler(first)
    second = build_scheduler(context.settings)
    start_scheduler(second, context, paused=True)  # nothing registered: what it sees came
    try:                                           # from the database
        jobs = {job.id: job for job in second.apscheduler.get_jobs()}
    finally:
        stop_scheduler(second)
    assert sorted(jobs) == ids == ["alerts-after-data", "digest-weekly", "ingest-drop-folder",
                                   "reassess-nightly", "reforecast-nightly"]
    for job in jobs.values():
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (
            True, 1, MISFIRE_GRACE_SECONDS)


# PostgreSQL's observations.value is NUMERIC(28, 10): a figure of 10^18 or more is a real
# "numeric field overflow" raised by COPY. SQLite stores any number, so the test gives it
# the same limit as a trigger; either way the database itself refuses the row, mid-ingest.
OVERFLOW = "1" + "0" * 25
SQLITE_NUMERIC_LIMIT = """CREATE TRIGGER numeric_28_10 BEFORE INSERT ON observations
WHEN abs(NEW.value) >= 1e18 BEGIN SELECT RAISE(ABORT, 'numeric field overflow'); END"""


def test_a_file_that_raises_is_rejected_alone_and_the_scan_goes_on(
        drop: Path, context: JobContext, caplog: pytest.LogCaptureFixture) -> None:
    if context.settings.database_url.startswith("sqlite"):
        with context.transaction() as session:
            session.execute(text(SQLITE_NUMERIC_LIMIT))
    _place(drop, "1-first.csv", csv_bytes(ROWS))
    _place(drop, "2-overflow.csv", csv_bytes([("地区生产总值", "淄博市", "2011", OVERFLOW,
                                              "亿元", "")]))
    _place(drop, "3-last.csv", csv_bytes([("地区生产总值", "淄博市", "2012", "3500", "亿元", "")]))
    outcomes = scan_drop_folder(context)
    assert outcomes == ["1-first.csv: accepted", "2-overflow.csv: error", "3-last.csv: accepted"]
    assert sorted(p.name for p in (drop / DONE).glob("*.csv")) == ["1-first.csv", "3-last.csv"]
    report = json.loads((drop / REJECTED / "2-overflow.csv.report.json").read_text("utf-8"))
    error = "IntegrityError" if context.settings.database_url.startswith("sqlite") \
        else "NumericValueOutOfRange"
    assert (report["status"], report["error"]) == ("error", error)
    assert "内部错误" in report["summary_zh"] and error in report["summary_zh"]
    assert "internal error" in report["summary_en"] and "2-overflow.csv" in report["summary_en"]
    (logged,) = [r for r in caplog.records if r.exc_info and "2-overflow.csv" in r.getMessage()]
    assert logged.levelname == "ERROR"
    with context.sessions() as session:  # the failed file left nothing behind
        assert session.scalars(select(Upload.file_name).order_by(Upload.id)).all() == [
            "1-first.csv", "3-last.csv"]
    assert _count(context, Observation) == 89


class _Publisher(http.server.BaseHTTPRequestHandler):
    """Serves one CSV with an ETag and answers 304 to a matching If-None-Match."""

    content = b""
    requests: ClassVar[list[dict[str, str]]] = []

    def do_GET(self) -> None:
        etag = f'"{hash(self.content) & 0xFFFFFFFF:x}"'
        type(self).requests.append(dict(self.headers))
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(self.content)))
        self.end_headers()
        self.wfile.write(self.content)

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture
def publisher(context: JobContext) -> Iterator[tuple[type[_Publisher], JobContext]]:
    """A publisher on a loopback port, and the jobs' context with it as the source "zibo"."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Publisher)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/zibo.csv"
    settings = context.settings.model_copy(update={"pull_sources": [
        PullSource(name="zibo", url=url, every_minutes=60)]})
    _Publisher.requests = []
    yield _Publisher, replace(context, settings=settings)
    server.shutdown()
    server.server_close()


def test_a_pull_asks_only_for_a_changed_file(
        publisher: tuple[type[_Publisher], JobContext]) -> None:
    published, context = publisher
    published.content = csv_bytes(ROWS)
    assert pull_source(context, "zibo") == "accepted"
    assert pull_source(context, "zibo") == NOT_MODIFIED
    assert published.requests[1].get("If-None-Match")
    published.content = csv_bytes([("地区生产总值", "淄博市", "2013", "3800.5", "亿元", "")])
    assert pull_source(context, "zibo") == "accepted"
    with context.transaction() as session:
        state = session.get(PullState, "zibo")
        assert state is not None and state.etag and state.last_outcome == "accepted"
    assert _count(context, Upload) == 2

"""SQLite under load: 20 readers and one uploader against a real uvicorn, zero errors.

Reads used to open `BEGIN IMMEDIATE` like writes, so every GET queued for SQLite's one
write lock behind the uploads and, past the busy timeout, answered 500 "database is
locked". Now a GET reads in a deferred transaction on a WAL database: it never waits for
a writer, and a writer never waits for it.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from indicators.catalogue import loader as catalogue
from indicators.tables.catalogue import Region
from indicators.vocab import RegionLevel
from service import db
from service.app import create_app
from service.db import make_engine, session_factory, transaction
from service.migrate import upgrade
from service.sessions import SESSION_COOKIE, start_session
from service.settings import Settings
from service.users import Role, add_user
from tests.ingest.files import csv_bytes
from tests.seed import seed_catalogues
from tests.service.live_server import multipart, request, serving

READERS = 20
SECONDS = 2.0
READ_PATHS = ("/api/targets?limit=20", "/api/observations?limit=50", "/api/assessments",
              "/api/indicators", "/healthz", "/")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> Iterator[tuple[str, str, str]]:
    """A migrated SQLite file with the seed catalogue and an uploader; its URL, API token
    and a signed-in browser's session cookie."""
    url = f"sqlite:///{tmp_path / 'targetwatch.db'}"
    engine = make_engine(url)
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
        user, token = add_user(session, name="bureau", role=Role.ADMIN, regions=[])
        # A browser session too, for the board page (valid for ten years from a fixed day).
        cookie = start_session(session, user=user, now=datetime(2026, 12, 1, tzinfo=UTC),
                               hours=24 * 3650)
    engine.dispose()
    yield url, token, cookie


@pytest.fixture
def port(sqlite_url: tuple[str, str, str], monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """uvicorn serving the app, built from the settings as `targetwatch serve` builds it.

    An upload here holds SQLite's write lock for about a second, a clerk's large file for
    minutes; the busy timeout is cut from 30 s to 0.2 s in proportion, so that a read
    that waited for the write lock would fail here as it failed in production.
    """
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 200)
    app = create_app(settings=Settings(database_url=sqlite_url[0], language="zh"))
    with serving(app) as port:
        yield port


def _upload_body(n: int) -> tuple[bytes, str]:
    """A GBK CSV revising Zibo's GDP, different on every upload so that each one writes."""
    rows = [("地区生产总值", "淄博市", f"{year}年", 4400 + 10 * year - 20160 + n, "亿元", "")
            for year in (2016, 2017, 2018)]
    return multipart(f"gdp-{n}.csv", csv_bytes(rows))


def test_twenty_readers_and_a_writer_get_no_error_on_sqlite(
        sqlite_url: tuple[str, str, str], port: int) -> None:
    _, token, cookie = sqlite_url
    statuses: Counter[tuple[str, int]] = Counter()
    failures: list[str] = []
    stop = threading.Event()

    def read(offset: int) -> None:
        n = offset
        while not stop.is_set():
            path = READ_PATHS[n % len(READ_PATHS)]
            status, body = request(port, "GET", path, headers={
                "Authorization": f"Bearer {token}"} if path.startswith("/api/") else {
                "Cookie": f"{SESSION_COOKIE}={cookie}"})
            statuses["GET", status] += 1
            if status != 200:
                failures.append(f"GET {path}: {status} {body[:200]!r}")
            n += 1

    def write() -> None:
        n = 0
        while not stop.is_set():
            body, content_type = _upload_body(n)
            status, answer = request(port, "POST", "/api/uploads", body, {
                "Authorization": f"Bearer {token}", "Content-Type": content_type})
            statuses["POST", status] += 1
            if status not in (200, 201):
                failures.append(f"POST: {status} {answer[:300]!r}")
            n += 1

    threads = [threading.Thread(target=read, args=(i,)) for i in range(READERS)]
    threads.append(threading.Thread(target=write))
    for thread in threads:
        thread.start()
    time.sleep(SECONDS)
    stop.set()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    assert statuses["POST", 200] >= 1 and statuses["GET", 200] >= READERS
    engine = make_engine(sqlite_url[0])
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        uploads = connection.execute(text("SELECT count(*) FROM uploads")).scalar()
    engine.dispose()
    assert uploads == statuses["POST", 200]


def test_a_read_only_session_refuses_to_write_and_takes_no_lock(
        sqlite_url: tuple[str, str]) -> None:
    """A GET's session: a writer commits while it is open, and a change in it is refused."""
    engine = make_engine(sqlite_url[0])
    factory = session_factory(engine)
    try:
        with db.read_transaction(factory) as reading:
            reading.execute(text("SELECT count(*) FROM regions")).scalar()
            with transaction(factory) as writing:  # would wait for the lock if it were held
                writing.execute(text("UPDATE regions SET name_en = name_en"))
            reading.add(Region(code="999999", name="测试", level=RegionLevel.COUNTY))
            with pytest.raises(db.WriteInReadOnlySession):
                reading.flush()
    finally:
        engine.dispose()

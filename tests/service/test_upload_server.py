"""A large upload does not hold up the server: against a real uvicorn on a loopback port,
a request that does not touch the database is answered while the upload is being ingested.

"While" is made sure of, not timed: the test asks for /openapi.json once a thread of the
server is inside `ingest_and_reassess` (it looks at the threads' stacks). On PostgreSQL it
also holds a lock on `uploads` that the ingest waits for (to insert its upload row), and
lets the ingest go only once the answer is in. SQLite has one lock for the whole database,
which the upload's session takes before the ingest starts, so there the file is simply
large enough to take seconds to ingest.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Engine, select, text

from indicators.catalogue import loader as catalogue
from indicators.tables.catalogue import Indicator, Region
from indicators.vocab import Frequency
from service.app import create_app
from service.db import make_engine, session_factory, transaction
from service.migrate import upgrade
from service.settings import Settings
from service.uploads import ingest_and_reassess
from service.users import Role, add_user
from tests.ingest.files import csv_bytes
from tests.seed import seed_catalogues
from tests.service.live_server import multipart, request, serving, until

YEARS = range(1901, 1921)  # every annual indicator × region × year: ~29,000 figures


@pytest.fixture
def database(database_url: str) -> Iterator[tuple[Engine, str, bytes]]:
    """A database holding the seed catalogue and an uploader; its token; a large file."""
    engine = make_engine(database_url)
    upgrade(engine)
    with transaction(session_factory(engine)) as session:
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
        _, token = add_user(session, name="bureau", role=Role.ADMIN, regions=[])
        indicators = session.scalars(select(Indicator).where(
            Indicator.frequency == Frequency.ANNUAL)).all()
        rows = [(i.name, r.name, str(year), "50", i.unit, "")
                for i in indicators for r in session.scalars(select(Region)) for year in YEARS]
    yield engine, token, csv_bytes(rows, encoding="utf-8")
    engine.dispose()


@pytest.fixture
def server(database: tuple[Engine, str, bytes]) -> Iterator[int]:
    """uvicorn serving the app on a free loopback port, in a thread; yields the port."""
    engine = database[0]
    app = create_app(settings=Settings(upload_max_bytes=20 * 1024 * 1024, language="zh"),
                     factory=session_factory(engine))
    with serving(app) as port:
        yield port


def _status(port: int, method: str, path: str, body: bytes = b"",
            headers: dict[str, str] | None = None) -> int:
    return request(port, method, path, body, headers)[0]


@contextmanager
def _ingest_held(engine: Engine) -> Iterator[None]:
    """On PostgreSQL, keep the ingest from writing its upload row until the block ends."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection, connection.begin():
        connection.execute(text("LOCK TABLE uploads IN SHARE MODE"))
        yield


def _ingesting() -> bool:
    """Tell whether a thread of this process (the server's) is inside the ingest."""
    for frame in sys._current_frames().values():
        while frame is not None:
            if frame.f_code is ingest_and_reassess.__code__:
                return True
            frame = frame.f_back
    return False


def test_other_requests_are_answered_while_an_upload_is_ingested(
        database: tuple[Engine, str, bytes], server: int) -> None:
    engine, token, content = database
    body, content_type = multipart("big.csv", content)
    answered: list[tuple[str, int]] = []

    def upload() -> None:
        answered.append(("upload", _status(server, "POST", "/api/uploads", body, {
            "Authorization": f"Bearer {token}", "Content-Type": content_type})))

    def openapi() -> None:
        answered.append(("openapi", _status(server, "GET", "/openapi.json")))

    uploading = threading.Thread(target=upload)
    asking = threading.Thread(target=openapi)
    with _ingest_held(engine):
        uploading.start()
        until(_ingesting)
        asking.start()
        asking.join(timeout=60)  # blocked only if the event loop is: the order tells
    uploading.join()
    asking.join()
    assert answered == [("openapi", 200), ("upload", 200)]

"""The pages' data cache (`service.web.page_cache`) on SQLite and PostgreSQL: a repeated
request is served from it, and any write between two requests (a figure uploaded, an
assessment run, an audited edit) changes the data version, so the second request shows
the write: a stale page is impossible. Also its bound (least recently used out)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from indicators.data import queries
from indicators.runs.assessment import run_assessment
from indicators.vocab import ObservationStatus, SourceKind
from service.tables import AuditEntry
from service.web.page_cache import VersionedCache, data_version
from tests.web.conftest import ROLE_USERS
from tests.web.target_page_data import KEY, load_forest

EMPTY_DATABASE = True  # the small catalogue's forest target: the seed would clash with it

SignedIn = Callable[[str], TestClient]
PAGE = f"/targets/{KEY}"
LATER_RUN = datetime(2020, 6, 1, tzinfo=UTC)


@pytest.fixture
def seeded() -> None:
    """No seed catalogue: the small one is enough."""


@pytest.fixture
def forest(session_factory: sessionmaker[Session], tmp_path: Path) -> None:
    with session_factory() as session, session.begin():
        load_forest(session, tmp_path)


def _add_figure(session_factory: sessionmaker[Session], year: int, value: str) -> None:
    """Store one annual forest figure, as an upload would (its own transaction)."""
    with session_factory() as session, session.begin():
        series = queries.get_or_add_series(
            session, indicator=queries.get_indicator_or_raise(session, code="forest_coverage"),
            region_code="141100")
        queries.add_figure(session, series=series, figure=queries.NewFigure(
            period_code=str(year), value=Decimal(value), status=ObservationStatus.FINAL,
            source_kind=SourceKind.UPLOAD, source="统计局",
            vintage_at=datetime(year + 1, 3, 1, tzinfo=UTC)))


def _cache(client: TestClient) -> VersionedCache:
    cache: VersionedCache = client.app.state.page_cache  # type: ignore[attr-defined]
    return cache


def _board_status(html: str) -> str:
    found = re.search(rf'<tr data-key="{re.escape(KEY)}">.*?data-status="([^"]+)"', html, re.S)
    assert found, "the forest target is not on the board"
    return found.group(1)


def test_a_repeated_page_is_served_from_the_cache(forest: None, signed_in: SignedIn) -> None:
    leader = signed_in("leader")
    for path in ("/", PAGE, "/track-record"):
        first = leader.get(path)
        misses, hits = _cache(leader).misses, _cache(leader).hits
        again = leader.get(path)
        assert first.status_code == again.status_code == 200
        assert (_cache(leader).misses, _cache(leader).hits) == (misses, hits + 1)
        assert leader.get(path, params={"lang": "en"}).status_code == 200  # another key
        assert _cache(leader).misses == misses + 1


def test_a_figure_uploaded_between_two_requests_shows_on_the_target_page(
        forest: None, signed_in: SignedIn, session_factory: sessionmaker[Session]) -> None:
    leader = signed_in("leader")
    before = leader.get(PAGE).text
    assert "31.7" not in before
    _add_figure(session_factory, 2017, "31.7")
    after = leader.get(PAGE).text
    assert "31.7" in after  # the new figure, on the chart's hover and in the revisions


def test_an_assessment_between_two_requests_shows_on_the_board(
        forest: None, signed_in: SignedIn, session_factory: sessionmaker[Session]) -> None:
    leader = signed_in("leader")
    before = _board_status(leader.get("/").text)
    _add_figure(session_factory, 2017, "34.0")  # above the 33% target
    with session_factory() as session, session.begin():
        run_assessment(session, as_of=LATER_RUN)
    assert (before, _board_status(leader.get("/").text)) == ("on_track", "achieved")


def test_every_versioned_table_moves_the_version(
        forest: None, session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session:
        first = data_version(session)
    _add_figure(session_factory, 2018, "33.5")
    with session_factory() as session:
        second = data_version(session)
    assert second != first and second[2] > first[2]  # observations
    with session_factory() as session, session.begin():
        session.add(AuditEntry(actor="admin", action="test.write", object_type="target",
                               object_key=KEY))
    with session_factory() as session:
        assert data_version(session)[0] > second[0]  # the audit log


def test_the_cache_keeps_the_most_recently_used_entries() -> None:
    cache = VersionedCache(size=2)
    made: list[str] = []

    def make(name: str) -> Callable[[], str]:
        return lambda: made.append(name) or name

    assert [cache.get_or_make(k, make(k)) for k in ("a", "b", "a", "c", "a", "b")] == \
        ["a", "b", "a", "c", "a", "b"]
    assert made == ["a", "b", "c", "b"]  # "b" was least recently used when "c" came
    assert len(cache) == 2


def test_a_cached_page_carries_each_users_own_navigation(
        forest: None, signed_in: SignedIn) -> None:
    leader, admin = signed_in("leader"), signed_in("admin")
    cache = _cache(leader)  # one app, so one cache, for two signed-in browsers
    for path in ("/", PAGE, "/track-record"):
        mine, theirs = leader.get(path).text, admin.get(path).text
        assert _csrf(mine) != _csrf(theirs)
        me, them = (f'<span class="who">{ROLE_USERS[role]} ·' for role in ("leader", "admin"))
        assert me in mine and them in theirs and them not in mine and me not in theirs
        body = mine.split("</nav>", 1)[1]
        assert body == theirs.split("</nav>", 1)[1]  # the same content, served twice
    assert cache.hits >= 3


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no sign-out form"
    return found.group(1)


def test_requests_missing_the_same_page_at_once_read_it_once() -> None:
    cache, started, made = VersionedCache(), threading.Event(), []

    def slow() -> str:
        started.set()
        time.sleep(0.2)
        made.append("read")
        return "page"

    first = threading.Thread(target=cache.get_or_make, args=("k", slow))
    first.start()
    started.wait()
    others = ThreadPoolExecutor(4).map(lambda _: cache.get_or_make("k", slow), range(4))
    assert list(others) == ["page"] * 4
    first.join()
    assert made == ["read"] and cache.hits == 4

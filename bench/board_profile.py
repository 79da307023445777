"""Where one page's time goes: the app in-process (Starlette's TestClient), signed in like
the benchmark's client, the URL requested once to warm up, then once under cProfile with
every SQL statement counted and timed."""

from __future__ import annotations

import cProfile
import io
import pstats
import time
from collections import Counter
from typing import Any

import board_client
import board_data
from sqlalchemy import Engine, event
from starlette.testclient import TestClient

from service.api.app import create_app
from service.settings import Settings

OUR_CODE = r"(indicators|dashboards|service|forecasting)/"


class Statements:
    """Every statement an engine runs while listening: count and seconds per text."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.count, self.seconds = engine, Counter[str](), Counter[str]()
        self._started: list[float] = []

    def _before(self, *_: Any) -> None:
        self._started.append(time.perf_counter())

    def _after(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        key = " ".join(statement.split())[:150]
        self.count[key] += 1
        self.seconds[key] += time.perf_counter() - self._started.pop()

    def __enter__(self) -> Statements:
        event.listen(self.engine, "before_cursor_execute", self._before)
        event.listen(self.engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *_: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)


def _client(url: str, token: str) -> tuple[TestClient, Engine]:
    app = create_app(settings=Settings(database_url=url))
    engine = app.state.session_factory.kw["bind"]
    client = TestClient(app, follow_redirects=False)
    page = client.get("/login")
    fields = board_client.login_fields(page.text, board_data.USER, board_data.PASSWORD) \
        if page.status_code == 200 else None
    if fields is None or client.post("/login", data=fields).status_code >= 400:
        client.headers["Authorization"] = f"Bearer {token}"
    return client, engine


def profile(built: board_data.Built, path: str, *, label: str, top: int = 30) -> None:
    """Print the request's wall time, its SQL (count, seconds, the costliest statements)
    and the functions of our code with the most cumulative time."""
    client, engine = _client(built.url, built.token)
    warm = client.get(path)
    profiler = cProfile.Profile()
    with Statements(engine) as sql:
        start = time.perf_counter()
        profiler.enable()
        answer = client.get(path)
        profiler.disable()
        wall = time.perf_counter() - start
    print(f"\n{label} {path}: status {warm.status_code}/{answer.status_code}, "
          f"{len(answer.content) / 1024:.0f} KiB, {wall * 1000:.0f} ms in-process (profiled)")
    print(f"SQL: {sum(sql.count.values())} statements, {sum(sql.seconds.values()) * 1000:.0f} ms")
    for statement, seconds in sql.seconds.most_common(8):
        print(f"  {sql.count[statement]:>5}× {seconds * 1000:7.1f} ms  {statement}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(OUR_CODE, top)
    print(out.getvalue())

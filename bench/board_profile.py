"""Where one page's time goes: the app in-process, driven through httpx2's ASGI transport on
this thread's event loop with the thread pool replaced by direct calls (cProfile sees one
thread only), signed in like the benchmark's client; the URL requested once to warm up, then
once under cProfile with every SQL statement counted and timed."""

from __future__ import annotations

import asyncio
import cProfile
import io
import pstats
import time
from collections import Counter
from typing import Any

import anyio.to_thread
import board_client
import board_data
import httpx2
from sqlalchemy import Engine, event

from service.app import create_app
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


async def _inline(func: Any, *args: Any, **_: Any) -> Any:
    """Stands in for anyio.to_thread.run_sync: the sync route runs on this thread."""
    return func(*args)


async def _signed_in(client: httpx2.AsyncClient, token: str) -> None:
    page = await client.get("/login")
    fields = board_client.login_fields(page.text, board_data.USER, board_data.PASSWORD) \
        if page.status_code == 200 else None
    if fields is None or (await client.post("/login", data=fields)).status_code >= 400:
        client.headers["Authorization"] = f"Bearer {token}"


async def _requests(built: board_data.Built, path: str, profiler: cProfile.Profile,
                    sql: list[Statements]) -> tuple[httpx2.Response, httpx2.Response, float]:
    app = create_app(settings=Settings(database_url=built.url))
    transport = httpx2.ASGITransport(app=app)
    async with httpx2.AsyncClient(transport=transport, base_url="http://bench") as client:
        await _signed_in(client, built.token)
        warm = await client.get(path)
        with Statements(app.state.session_factory.kw["bind"]) as statements:
            sql.append(statements)
            start = time.perf_counter()
            profiler.enable()
            answer = await client.get(path)
            profiler.disable()
            return warm, answer, time.perf_counter() - start


def profile(built: board_data.Built, path: str, *, label: str, top: int = 30) -> None:
    """Print the request's wall time, its SQL (count, seconds, the costliest statements)
    and the functions of our code with the most cumulative time."""
    profiler, found = cProfile.Profile(), []
    threaded, anyio.to_thread.run_sync = anyio.to_thread.run_sync, _inline  # type: ignore[assignment]
    try:
        warm, answer, wall = asyncio.run(_requests(built, path, profiler, found))
    finally:
        anyio.to_thread.run_sync = threaded
    sql = found[0]
    print(f"\n{label} {path}: status {warm.status_code}/{answer.status_code}, "
          f"{len(answer.content) / 1024:.0f} KiB, {wall * 1000:.0f} ms in-process (profiled)")
    print(f"SQL: {sum(sql.count.values())} statements, {sum(sql.seconds.values()) * 1000:.0f} ms")
    for statement, seconds in sql.seconds.most_common(8):
        print(f"  {sql.count[statement]:>5}× {seconds * 1000:7.1f} ms  {statement}")
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
    stats.print_stats(OUR_CODE, top)
    print(out.getvalue())

"""Cold pages: the requests right after a write. The app caches each page under a data
version that any write changes (`service.web.page_cache`), so the benchmark's warm
figures are cache hits; this times the misses. Each round writes one audit-log row (a
write like any other: the version moves) and then sends `concurrency` requests for the
URL at once, timing each; they all miss the same entry, so one reads and renders the
page and the others wait for it (the cache makes a missing entry once)."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import httpx2
from board_client import TIMED_OUT, Timing
from sqlalchemy import Engine, insert

from indicators.clock import utc_now
from service.tables import AuditEntry


def touch(engine: Engine) -> None:
    """Write one row, as any audited write does: every page's data version moves."""
    with engine.begin() as connection:
        connection.execute(insert(AuditEntry).values(
            at=utc_now(), actor="bench", action="bench.cold", object_type="bench",
            object_key="cold", details={}))


def measure_cold(client: httpx2.Client, engine: Engine, label: str, url: str, *,
                 rounds: int, concurrency: int) -> Timing:
    """`rounds` times: a write, then `concurrency` requests for `url` at once."""
    millis: list[float] = []
    statuses: set[int] = set()
    size = 0

    def one(_: int) -> tuple[float, int, int]:
        start = time.perf_counter()
        try:
            answer = client.get(url)
            status, length = answer.status_code, len(answer.content)
        except httpx2.TimeoutException:
            status, length = TIMED_OUT, 0
        return (time.perf_counter() - start) * 1000, status, length

    with ThreadPoolExecutor(concurrency) as pool:
        for _ in range(rounds):
            touch(engine)
            for spent, status, length in pool.map(one, range(concurrency)):
                millis.append(spent)
                statuses.add(status)
                size = max(size, length)
    return Timing(label, url, max(statuses, default=0), millis, size)

"""A small per-process cache of what the pages read (their DATA, never their HTML: the
navigation carries the signed-in user and the CSRF token), keyed by a data version.

The data version is the newest id of every table whose writes change a page: the audit
log (every write through the app: uploads, target edits, approvals, sign-ins, acts on
alerts), the assessment results, the observations, the forecast runs, the target
versions, the targets, and the alerts, their events, the evaluations and the silences
(an evaluation raises, escalates, updates or resolves alerts without an audited write,
and logs itself each time). Each is an indexed max (under a millisecond), read in the
request's session before the page's data, so an entry can only be as new as or newer
than its key: any write makes a new version and the next request reads afresh. A stale
page cannot be served by a process that sees the write; ids only grow (PostgreSQL
sequences, SQLite rowids after the newest), so a version never comes back after a write.
A deletion of the newest row of every one of these tables without any audited write
would go unseen; nothing in targetwatch does that.

The entry is keyed further by the day (the pages' "now" moves with it), the page's
as-of day, its language and parameters. Bounded (least recently used out, `SIZE`
entries), one per app (`service.app.create_app`): each uvicorn worker keeps its own.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session
from starlette.requests import Request

from indicators.clock import CHINA_TIME, utc_now
from indicators.tables.alerts import Alert, AlertEvaluation, AlertEvent, AlertSilence
from indicators.tables.assessments import AssessmentResult
from indicators.tables.catalogue import Target
from indicators.tables.forecasts import ForecastRun
from indicators.tables.observations import Observation
from indicators.tables.target_versions import TargetVersion
from service.tables import AuditEntry

SIZE = 64
T = TypeVar("T")

# The tables whose newest id makes the data version (see the module's docstring).
VERSIONED: tuple[Any, ...] = (AuditEntry, AssessmentResult, Observation, ForecastRun,
                              TargetVersion, Target, Alert, AlertEvent, AlertEvaluation,
                              AlertSilence)


def data_version(session: Session) -> tuple[int, ...]:
    """The newest id of each versioned table (0 when empty), in one statement."""
    maxima = [select(func.max(_table(t).c.id)).scalar_subquery() for t in VERSIONED]
    row = session.execute(select(*maxima)).one()
    return tuple(int(v or 0) for v in row)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


class VersionedCache:
    """Least-recently-used values by key; thread-safe (sync routes run in a pool)."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._making: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        """The value cached under `key`, else `make()` stored under it. Requests missing
        the same key at once make it once: the first makes it, the others wait for it
        (the database is read without holding the cache's own lock)."""
        with self._lock:
            if key in self._entries:
                return self._hit(key)
            self.misses += 1
            making = self._making.get(key)
            first = making is None
            if making is None:
                making = self._making[key] = threading.Lock()
                making.acquire()
        if first:
            return self._make(key, make, making)
        with making:  # another request is making it: wait for that one
            pass
        with self._lock:
            if key in self._entries:
                return self._hit(key)
        return make()  # the first request failed: try on our own

    def _hit(self, key: Hashable) -> Any:
        self._entries.move_to_end(key)
        self.hits += 1
        return self._entries[key]

    def _make(self, key: Hashable, make: Callable[[], T], making: threading.Lock) -> T:
        try:
            made = make()
            with self._lock:
                self._entries[key] = made
                self._entries.move_to_end(key)
                while len(self._entries) > self.size:
                    self._entries.popitem(last=False)
            return made
        finally:
            with self._lock:
                del self._making[key]
            making.release()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def cached_page_data(request: Request, session: Session, page: str, params: Hashable,
                     make: Callable[[], T]) -> T:
    """What `make` reads for `page` with `params`, cached in the app's cache
    (`app.state.page_cache`, one per app, so per worker) under the current data version
    and today (see the module's docstring)."""
    cache: VersionedCache = request.app.state.page_cache
    key = (page, data_version(session), china_today(), params)
    return cache.get_or_make(key, make)


def china_today() -> date:
    """Today in China: the day a page's "now" belongs to."""
    return utc_now().astimezone(CHINA_TIME).date()

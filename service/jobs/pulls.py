"""Scheduled pulls of CSV/XLSX files published at HTTP(S) URLs.

Each pull asks only for a changed file (If-None-Match / If-Modified-Since with what the
last pull saw); a 304 costs nothing, a new file is ingested like any upload.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import PurePosixPath
from urllib.parse import urlparse

from sqlalchemy.orm import Session

from indicators.clock import utc_now
from ingest.checks.permissions import WritePermission
from ingest.tables import PullState
from service.jobs.context import JobContext
from service.settings import PullSource, Settings
from service.uploads import ingest_and_reassess

TIMEOUT_SECONDS = 60
NOT_MODIFIED = "not_modified"


def pull_source(context: JobContext, name: str) -> str:
    """Pull one configured source; return the outcome (a status or "not_modified")."""
    source = next(s for s in context.settings.pull_sources if s.name == name)
    with context.transaction() as session:
        return _pull(session, source, context.settings)


def _pull(session: Session, source: PullSource, settings: Settings) -> str:
    state = session.get(PullState, source.name) or PullState(name=source.name, url=source.url)
    session.add(state)
    request = urllib.request.Request(source.url, headers=_conditional_headers(state, source))
    state.last_checked_at = utc_now()
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            content = response.read()
            etag, modified = response.headers.get("ETag"), response.headers.get("Last-Modified")
    except urllib.error.HTTPError as error:
        if error.code != 304:
            raise
        state.last_outcome = NOT_MODIFIED
        return NOT_MODIFIED
    report = ingest_and_reassess(
        session, content=content, file_name=PurePosixPath(urlparse(source.url).path).name
        or source.name, uploader=f"pull:{source.name}", permission=WritePermission.everything(),
        now=utc_now(), settings=settings)
    state.url, state.etag, state.last_modified = source.url, etag, modified
    state.last_checksum, state.last_outcome = report.checksum, str(report.status)
    return state.last_outcome


def _conditional_headers(state: PullState, source: PullSource) -> dict[str, str]:
    if state.url != source.url:
        return {}  # a new address: ask for the file afresh
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers

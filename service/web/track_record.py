"""The track record, `/track-record`: every settled target's course against its outcome,
the Brier score against its reference and the reliability chart (as known on `?as_of=`)."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from dashboards.pages.layout import PageBlocks, PageContext, render_around
from dashboards.pages.track_record import track_record_blocks
from indicators.clock import CHINA_TIME
from indicators.data.stored_runs import run_known_on
from indicators.data.track_record import EMPTY_SCORE, PAGE_SIZE, TrackRecord, track_record
from service.api.deps import SessionDep
from service.web.deps import PageDep
from service.web.page_cache import cached_page_data

router = APIRouter(include_in_schema=False)
EMPTY = TrackRecord((), 0, 0, EMPTY_SCORE, EMPTY_SCORE, EMPTY_SCORE, (), 0)


@router.get("/track-record", response_class=HTMLResponse)
def track_record_page(request: Request, session: SessionDep, context: PageDep,
                      page: Annotated[int, Query(ge=1, le=10_000)] = 1) -> HTMLResponse:
    """Read the track record as known at the page's moment (today, or the end of the
    as-of day: outcomes from the assessment known then) and draw it."""
    blocks, note = cached_page_data(request, session, "track-record",
                                    (context.path, context.query, context.language),
                                    lambda: _blocks(session, context, page))
    return HTMLResponse(render_around(blocks, context, as_of_note=note))


def _blocks(session: Session, context: PageContext, page: int
            ) -> tuple[PageBlocks, str | None]:
    """The track record's page as known at the page's moment, rendered below the
    navigation, and the replay note (the day of the run it reads)."""
    note = None
    if context.as_of is None:
        record = track_record(session, moment=context.as_of_moment, page=page)
    else:
        run = run_known_on(session, context.as_of_moment)
        record = EMPTY if run is None else track_record(
            session, moment=context.as_of_moment, run=run, page=page)
        if run is not None:
            note = context.t("track.as_of_note",
                             day=run.as_of.astimezone(CHINA_TIME).date().isoformat())
    pages = max(1, math.ceil(record.total / PAGE_SIZE))
    return track_record_blocks(record, context, page=page, pages=pages,
                               as_of_note=note), note

"""HTTP only: the target page `/targets/{key}` and its chart as a PNG, as known at the
page's as-of moment (`PageContext.as_of_moment`; now without one)."""

from __future__ import annotations

import re
from datetime import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session

from dashboards.charts import ChromiumMissingError, figure_png, target_gap_figure
from dashboards.pages.layout import PageContext
from dashboards.pages.target import (
    TargetCharts,
    render_target_missing,
    render_target_page,
    target_charts,
)
from indicators.data.story import TargetStory, target_story
from indicators.data.target_detail import TargetDetail, target_detail
from indicators.data.target_history import StatusPoint, status_history
from service.api.deps import SessionDep
from service.web.deps import PageDep
from service.web.page_cache import cached_page_data

router = APIRouter(tags=["pages"], include_in_schema=False)
_TargetData = tuple[TargetDetail, TargetStory, tuple[StatusPoint, ...], TargetCharts]

# Signed-in pages are private to the browser; five minutes spares a leader's reloads while
# a new upload still shows soon.
PNG_CACHE = "private, max-age=300"


def _as_of(context: PageContext) -> datetime | None:
    """The moment to read at: None (now, the current run) unless a replay day is asked."""
    return context.as_of_moment if context.as_of is not None else None


@router.get("/targets/{key}", response_class=HTMLResponse)
def target_page(key: str, request: Request, session: SessionDep,
                context: PageDep) -> HTMLResponse:
    read = cached_page_data(request, session, "target",
                            (key, context.as_of, context.language),
                            lambda: _target_data(session, key, context))
    if read is None:
        return HTMLResponse(render_target_missing(context, key), status_code=404)
    return HTMLResponse(render_target_page(context, *read))


def _target_data(session: Session, key: str, context: PageContext
                 ) -> _TargetData | None:
    """What the target page shows, its charts drawn, before the page's HTML (None: no
    such target)."""
    as_of = _as_of(context)
    detail = target_detail(session, key, as_of=as_of)
    story = target_story(session, key, as_of=as_of)
    if detail is None or story is None:
        return None
    history = status_history(session, target_id=detail.facts.target_id,
                             as_of=context.as_of_moment)
    return detail, story, history, target_charts(story, history, context.language)

@router.get("/targets/{key}/chart.png")
def target_chart_png(key: str, session: SessionDep, context: PageDep) -> Response:
    story = target_story(session, key, as_of=_as_of(context))
    if story is None:
        return HTMLResponse(render_target_missing(context, key), status_code=404)
    try:
        png = figure_png(target_gap_figure(story, context.language))
    except ChromiumMissingError as missing:  # the message says which package to install
        raise HTTPException(status_code=503, detail=str(missing)) from None
    return Response(png, media_type="image/png", headers={
        "Cache-Control": PNG_CACHE,
        "Content-Disposition": f'inline; filename="{_file_name(story.key)}.png"'})


def _file_name(key: str) -> str:
    """The key as a safe ASCII file name for the download."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", key)

"""HTTP only: the target page `/targets/{key}` and its chart as a PNG, as known at the
page's as-of moment (`PageContext.as_of_moment`; now without one)."""

from __future__ import annotations

import re
from datetime import datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from dashboards.charts import ChromiumMissingError, figure_png, target_gap_figure
from dashboards.pages.alerts import target_alerts_html
from dashboards.pages.layout import PageBlocks, PageContext, render_around
from dashboards.pages.target import as_of_note, render_target_missing, target_blocks
from indicators.alerts.listing import list_alerts
from indicators.data.story import target_story
from indicators.data.target_detail import target_detail
from indicators.data.target_history import status_history
from indicators.vocab import AlertState
from service.api.deps import SessionDep
from service.web.alerts import event_lines
from service.web.deps import PageDep
from service.web.page_cache import cached_page_data

router = APIRouter(tags=["pages"], include_in_schema=False)

# Signed-in pages are private to the browser; five minutes spares a leader's reloads while
# a new upload still shows soon.
PNG_CACHE = "private, max-age=300"


def _as_of(context: PageContext) -> datetime | None:
    """The moment to read at: None (now, the current run) unless a replay day is asked."""
    return context.as_of_moment if context.as_of is not None else None


@router.get("/targets/{key}", response_class=HTMLResponse)
def target_page(key: str, request: Request, session: SessionDep,
                context: PageDep) -> HTMLResponse:
    blocks = cached_page_data(request, session, "target",
                              (context.path, context.query, context.language),
                              lambda: _target_blocks(session, key, context))
    if blocks is None:
        return HTMLResponse(render_target_missing(context, key), status_code=404)
    return HTMLResponse(render_around(blocks[0], context, as_of_note=blocks[1]))


def _target_blocks(session: Session, key: str, context: PageContext
                   ) -> tuple[PageBlocks, str | None] | None:
    """The target page below its navigation, rendered, and its replay note (None: no
    such target)."""
    as_of = _as_of(context)
    detail = target_detail(session, key, as_of=as_of)
    story = target_story(session, key, as_of=as_of)
    if detail is None or story is None:
        return None
    history = status_history(session, target_id=detail.facts.target_id,
                             as_of=context.as_of_moment)
    return (target_blocks(context, detail, story, history,
                          target_alerts_section(session, context, key)),
            as_of_note(context, detail.verdict) if context.as_of is not None else None)

def target_alerts_section(session: Session, context: PageContext, key: str) -> Markup:
    """The target's alerts, open ones first, then resolved, each with its record (as
    stored: a replay day does not turn them back)."""
    open_ones, _ = list_alerts(session, target_key=key, limit=None,
                               states=[AlertState.FIRING, AlertState.ACKNOWLEDGED])
    resolved, _ = list_alerts(session, target_key=key, limit=None,
                              states=[AlertState.RESOLVED])
    views = open_ones + resolved
    return target_alerts_html(context, views, {
        v.alert_id: event_lines(session, context, v.alert_id) for v in views})


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

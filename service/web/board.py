"""HTTP only: the target board at `/` and its exports `/board.xlsx`, `/board.csv`.

Filters, sort and page come as query parameters (bookmarkable; see
`indicators.data.board_view.board_query`); an export takes the same ones and holds every
chosen target, on all pages. With `?as_of=` the board shows the targets known then, the
figures known then and the assessment run known then (`stored_runs.run_known_on`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy.orm import Session

from dashboards.pages.board import board_blocks, board_view
from dashboards.pages.board_cells import board_line
from dashboards.pages.board_export import board_csv, board_xlsx
from dashboards.pages.layout import PageBlocks, PageContext, render_around
from indicators.clock import CHINA_TIME
from indicators.data import stored_runs
from indicators.data.board_rows import BoardItem, board_items, with_latest
from indicators.data.board_view import (
    BoardQuery,
    BoardQueryError,
    board_query,
    chosen,
    page_of,
)
from indicators.tables.assessments import AssessmentRun
from indicators.text.messages import message
from service.api.deps import SessionDep
from service.web.deps import PageDep
from service.web.page_cache import cached_page_data

router = APIRouter(include_in_schema=False)

_MEDIA = {"csv": "text/csv; charset=utf-8",
          "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class _Read:
    items: list[BoardItem]
    run: AssessmentRun | None


def _read(session: Session, context: PageContext, *, figures: bool = True) -> _Read:
    """Every target on the board, as known at the page's moment (without the latest
    figures unless `figures`: a page reads those for its own rows)."""
    if context.as_of is None:
        return _Read(board_items(session, moment=None, figures=figures),
                     stored_runs.current_run(session))
    run = stored_runs.run_known_on(session, context.as_of_moment)
    return _Read(board_items(session, moment=context.as_of_moment, run=run,
                             figures=figures), run)


def _query(request: Request) -> BoardQuery:
    """The board's parameters; one that cannot be read is a 422 problem naming it."""
    params = {k: v for k, v in request.query_params.items() if k not in ("lang", "as_of")}
    try:
        return board_query(params)
    except BoardQueryError as error:
        raise RequestValidationError([{
            "loc": ("query", error.parameter), "input": error.value, "type": "value_error",
            "msg": error.expected}]) from None


def _when(run: AssessmentRun | None) -> str | None:
    return run.as_of.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M") if run else None


@router.get("/", response_class=HTMLResponse)
def board_page(request: Request, context: PageDep, session: SessionDep) -> Response:
    """The target board: filtered, sorted and paged as asked. Without any parameter it
    opens on the configured replay day (`TARGETWATCH_OPEN_AS_OF`), if any."""
    opening = request.app.state.settings.open_as_of
    if opening is not None and not request.url.query:
        return RedirectResponse(context.url("/", as_of=opening.isoformat()), status_code=303)
    query = _query(request)
    shown = cached_page_data(request, session, "board",
                             (context.path, context.query, context.language),
                             lambda: _board_blocks(session, context, query))
    return HTMLResponse(render_around(shown.blocks, context, as_of_note=shown.note))


@dataclass(frozen=True)
class _Shown:
    """The board page below its navigation, rendered: cached by `service.web.page_cache`."""

    blocks: PageBlocks
    note: str | None


def _board_blocks(session: Session, context: PageContext, query: BoardQuery) -> _Shown:
    """Read the board, choose, sort and page it as `query` asks, and render it."""
    by_figure = query.sort == "latest"  # sorting by the figure needs every one
    read = _read(session, context, figures=by_figure)
    shown = chosen(read.items, query)
    page = page_of(shown, query.page)
    if not by_figure:
        moment = context.as_of_moment if context.as_of else None
        page = replace(page, items=with_latest(session, page.items, moment=moment))
    view = board_view(read.items, shown, query, context.language, page)
    note = None
    if context.as_of is not None:
        note = message("board.run_note", context.language, when=_when(read.run)) \
            if read.run else message("board.no_run_note", context.language)
    return _Shown(board_blocks(context, view, assessed_at=_when(read.run), as_of_note=note),
                  note)

@router.get("/board.{kind}")
def board_export(kind: Literal["csv", "xlsx"], request: Request, context: PageDep,
                 session: SessionDep) -> Response:
    """Every target the board shows with these parameters (all pages), as CSV or XLSX."""
    query = _query(request)
    read = _read(session, context)
    lines = [board_line(item, context.language) for item in chosen(read.items, query)]
    body = board_csv(lines, context.language) if kind == "csv" else \
        board_xlsx(lines, context.language)
    day = context.as_of.isoformat() if context.as_of else "current"
    return Response(body, media_type=_MEDIA[kind], headers={
        "Content-Disposition": f'attachment; filename="targetwatch-board-{day}.{kind}"'})

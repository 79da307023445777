"""The target board, `/`: every target by document with its status."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from dashboards.pages.board import DocumentSection, TargetRow, render_targets_page
from indicators.clock import CHINA_TIME
from indicators.data import board
from indicators.data.basis import Basis
from indicators.data.records import BasisCount, basis_counts
from indicators.text.messages import Language, message
from indicators.text.numbers import plain_number
from indicators.text.wording import target_text
from indicators.vocab import SourceKind
from service.api.deps import SessionDep
from service.web.deps import PageDep

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def targets_page(request: Request, session: SessionDep, context: PageDep) -> Response:
    opening = request.app.state.settings.open_as_of
    if opening is not None and not request.url.query:
        return RedirectResponse(context.url("/", as_of=opening.isoformat()), status_code=303)
    language = context.language
    read = board.target_board(session)
    return HTMLResponse(render_targets_page(
        context, [DocumentSection(code=document.code, title=document.title,
                         rows=[_row(entry, language) for entry in entries])
         for document, entries in read.sections],
        observation_count=read.observation_count,
        illustrative_count=read.illustrative_count,
        basis_groups=_basis_groups(read, language),
        assessed_at=read.run.as_of.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")
        if read.run else None))


def _basis_groups(read: board.Board, language: Language) -> list[BasisCount]:
    """The header's lines: verdicts on published data, then on illustrative data (mixed
    ones included), then without data, each counted by status."""
    return basis_counts([(e.basis.value if e.basis else None, e.result.status.value)
                         for _, section in read.sections for e in section
                         if e.result is not None], language)


def _row(entry: board.BoardEntry, language: Language) -> TargetRow:
    """A board entry as the page shows it, named in the page's language."""
    target, latest, result = entry.target, entry.latest, entry.result
    names = (target.indicator.name, target.region.name, target.entity.name if target.entity
             else None) if language is Language.ZH else (
        target.indicator.name_en, target.region.name_en or target.region.name,
        target.entity.name_en or target.entity.name if target.entity else None)
    return TargetRow(
        key=target.key, indicator_name=names[0],
        subject_name=names[1] + (f" · {names[2]}" if names[2] else ""),
        target_text=target_text(target, language), unit=target.unit,
        deadline=target.deadline_year, deadline_inferred=target.deadline_inferred,
        quote=target.quote, clause=target.clause,
        latest_value=plain_number(latest.value) if latest else None,
        latest_period=latest.period_code if latest else None,
        latest_illustrative=bool(latest and latest.source_kind is SourceKind.ILLUSTRATIVE),
        latest_status=latest.status.value if latest else None,
        status=result.status.value if result else None,
        status_label=message(f"status.{result.status.value}", language) if result else None,
        reason=(result.reason_zh if language is Language.ZH else result.reason_en)
        if result else None,
        superseded=target.superseded_by_id is not None,
        **_basis_cells(entry.basis, language))


def _basis_cells(basis: Basis | None, language: Language) -> dict[str, str | None]:
    if basis is None:
        return {"basis": None, "basis_label": None, "basis_hint": None}
    return {"basis": basis.value, "basis_label": message(f"basis.{basis.value}", language),
            "basis_hint": message(f"basis.{basis.value}_hint", language)}

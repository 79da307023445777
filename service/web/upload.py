"""HTTP only: the upload page. A file sent here takes the same path as the API's
(`service.uploads.ingest_and_reassess`) with the signed-in user's permissions; the page
shows the outcome and the validation report, the user's recent uploads (an administrator
sees everyone's), downloads of past reports and upload templates.

Administrators and uploaders only (`UploaderPageDep`; a reader gets 403); the form posts
its CSRF token (`CsrfDep`)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboards.pages.layout import PageContext
from dashboards.pages.upload import (
    RecentUpload,
    TemplateForm,
    UploadOutcome,
    render_upload_page,
)
from indicators.clock import CHINA_TIME, utc_now
from indicators.tables.catalogue import Indicator, Region
from indicators.text.messages import Language
from ingest.reading.file_limits import size_text
from ingest.reports.report_files import MEDIA_TYPES, render_report, table_rows
from ingest.tables import Upload
from service.api.deps import SessionDep
from service.templates import UnknownNames, split_list, template_for
from service.uploads import ingest_and_reassess, stored_report
from service.users import Role, User
from service.web.deps import CsrfDep, PageUserDep, UploaderPageDep

router = APIRouter(include_in_schema=False)
RECENT = 20  # uploads listed under the form
_READ_CHUNK = 1024 * 1024
_FORM_OVERHEAD = 64 * 1024  # the multipart form's own bytes around the file
XLSX = MEDIA_TYPES["xlsx"]


class ReportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


def _scope(ctx: PageContext, session: Session, user: User) -> str:
    """Say what the user may upload: everything, or their regions and indicators by name
    (a clerk knows 吕梁市, not 141100)."""
    permission = user.permission()
    if permission.regions is None and permission.indicators is None:
        return ctx.t("upload_page.scope_all")

    def listed(table: type[Region] | type[Indicator], codes: frozenset[str] | None) -> str:
        if codes is None:
            return ctx.t("upload_page.scope_any")
        names = dict(session.execute(select(table.code, table.name_en if ctx.language is
                                            Language.EN else table.name)
                                     .where(table.code.in_(sorted(codes)))).tuples().all())
        return "、".join(f"{names.get(code) or code}（{code}）" for code in sorted(codes))
    return ctx.t("upload_page.scope", regions=listed(Region, permission.regions),
                 indicators=listed(Indicator, permission.indicators))


def recent_uploads(session: Session, user: User, limit: int = RECENT) -> list[RecentUpload]:
    """The newest uploads: the user's own, or everyone's for an administrator."""
    query = select(Upload).order_by(Upload.id.desc()).limit(limit)
    if user.role is not Role.ADMIN:
        query = query.where(Upload.uploader == user.name)
    return [RecentUpload(id=u.id, when=u.uploaded_at.astimezone(CHINA_TIME).strftime(
        "%Y-%m-%d %H:%M"), file_name=u.file_name, uploader=u.uploader, status=u.status.value,
        rows_total=u.rows_total, rows_accepted=u.rows_accepted)
        for u in session.scalars(query)]


def _page(request: Request, ctx: PageContext, session: Session, user: User, *,
          status_code: int = 200, **values: Any) -> HTMLResponse:
    limit = size_text(request.app.state.settings.upload_max_bytes)
    return HTMLResponse(render_upload_page(
        ctx, limit=limit, scope=_scope(ctx, session, user), recent=recent_uploads(session, user),
        show_uploader=user.role is Role.ADMIN, **values), status_code=status_code)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request, ctx: UploaderPageDep, user: PageUserDep,
                session: SessionDep) -> HTMLResponse:
    return _page(request, ctx, session, user)


def _read_limited(file: UploadFile, limit: int) -> bytes | None:
    """Read the upload; None as soon as it passes `limit` bytes."""
    chunks, size = [], 0
    while chunk := file.file.read(_READ_CHUNK):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _published(text: str) -> date | None:
    """The published day as typed; ValueError when it is not a date."""
    return date.fromisoformat(text.strip()) if text.strip() else None


def _outcome(ctx: PageContext, report: dict[str, Any], *, accepted: bool,
             dry_run: bool) -> UploadOutcome:
    """The report as the page shows it: outcome line, summary, table, download link."""
    if dry_run:
        key = "upload_page.dry_run_ok" if accepted else "upload_page.dry_run_failed"
    else:
        key = "upload_page.accepted" if accepted else "upload_page.rejected"
    headers, rows = table_rows(report, ctx.language)
    upload_id = report.get("upload_id")
    return UploadOutcome(
        outcome=key, accepted=accepted, headers=headers, rows=rows,
        summary=str(report.get(f"summary_{ctx.language.value}") or ""),
        report_url=ctx.url(f"/upload/{upload_id}/report", format="xlsx") if upload_id
        else None)


@router.post("/upload", response_class=HTMLResponse)
def upload_file(request: Request, ctx: UploaderPageDep, user: PageUserDep, _: CsrfDep,
                session: SessionDep, file: Annotated[UploadFile | None, File()] = None,
                dry_run: Annotated[bool, Form()] = False,
                published: Annotated[str, Form(max_length=40)] = "") -> HTMLResponse:
    """Ingest the file sent with the form, as the signed-in user, and show the report.

    A plain `def`, as the API's: ingesting runs in the threadpool, never on the event loop."""
    limit = request.app.state.settings.upload_max_bytes
    if file is None or not file.filename:
        return _page(request, ctx, session, user, status_code=422,
                     error=ctx.t("upload_page.no_file"))
    declared = int(request.headers.get("content-length") or 0)
    content = None if declared > limit + _FORM_OVERHEAD else _read_limited(file, limit)
    if content is None:
        return _page(request, ctx, session, user, status_code=413, error=ctx.t(
            "file.too_large", name=file.filename, size=f"> {size_text(limit)}",
            limit=size_text(limit)))
    try:
        day = _published(published)
    except ValueError:
        return _page(request, ctx, session, user, status_code=422,
                     error=ctx.t("upload_page.bad_published", value=published))
    report = ingest_and_reassess(
        session, content=content, file_name=file.filename, uploader=user.name,
        permission=user.permission(), now=utc_now(), settings=request.app.state.settings,
        dry_run=dry_run, published=day)
    outcome = _outcome(ctx, report.as_dict(), accepted=report.accepted, dry_run=dry_run)
    return _page(request, ctx, session, user, outcome=outcome)


@router.get("/upload/{upload_id}/report", response_class=Response)
def upload_report(upload_id: int, ctx: UploaderPageDep, user: PageUserDep,
                  session: SessionDep,
                  format: Annotated[ReportFormat, Query()] = ReportFormat.XLSX) -> Response:
    """Download a past upload's report with the page's session: an uploader their own, an
    administrator any; any other upload is answered 404, as the API does."""
    upload = session.get(Upload, upload_id)
    if upload is None or (user.role is not Role.ADMIN and upload.uploader != user.name):
        return HTMLResponse(ctx.t("report.not_found", id=upload_id), status_code=404)
    content = render_report(stored_report(upload), format.value, ctx.language)
    return Response(content, media_type=MEDIA_TYPES[format.value], headers={
        "Content-Disposition": f'attachment; filename="upload-{upload.id}-report.'
                               f'{format.value}"'})


@router.get("/upload/template", response_class=Response)
def upload_template(request: Request, ctx: UploaderPageDep, user: PageUserDep,
                    session: SessionDep,
                    indicators: Annotated[str, Query(max_length=2000)] = "",
                    regions: Annotated[str, Query(max_length=2000)] = "",
                    periods: Annotated[str, Query(max_length=2000)] = "") -> Response:
    """Download a template for the named indicators, regions and periods (the builder
    behind GET /api/templates); unknown names show the page with the closest names."""
    try:
        content = template_for(session, indicators=split_list(indicators),
                               regions=split_list(regions), periods=split_list(periods))
    except UnknownNames as error:
        return _page(request, ctx, session, user, status_code=422, template=TemplateForm(
            indicators=indicators, regions=regions, periods=periods, error=str(error)))
    return Response(content, media_type=XLSX, headers={
        "Content-Disposition": 'attachment; filename="targetwatch-template.xlsx"'})

"""HTTP only: upload a statistics file, download an upload's report, and download a
template."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated
from urllib.parse import quote

from fastapi import (
    APIRouter,
    Form,
    HTTPException,
    Path,
    Query,
    Request,
    UploadFile,
)
from fastapi.responses import JSONResponse, Response

from indicators.clock import utc_now
from indicators.text.messages import bilingual
from ingest.reading.file_limits import size_text
from ingest.reports.report_files import MEDIA_TYPES, render_report
from ingest.tables import Upload
from service.api.deps import LanguageDep, SessionDep, WriterDep
from service.templates import UnknownNames, split_list, template_for
from service.uploads import ingest_and_reassess, stored_report
from service.users import Role

router = APIRouter(prefix="/api", tags=["uploads"])
_READ_CHUNK = 1024 * 1024
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _read_limited(file: UploadFile, limit: int) -> bytes:
    """Read the upload, refusing it with 413 as soon as it passes `limit` bytes."""
    chunks, size = [], 0
    while chunk := file.file.read(_READ_CHUNK):
        size += len(chunk)
        if size > limit:
            raise HTTPException(status_code=413, detail=bilingual(
                "file.too_large", name=file.filename or "", size=f"> {size_text(limit)}",
                limit=size_text(limit)))
        chunks.append(chunk)
    return b"".join(chunks)


def _published_day(text: str | None) -> date | None:
    if text is None or not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise HTTPException(status_code=422,
                            detail=bilingual("cli.bad_published", value=text)) from None


@router.post("/uploads")
def upload(request: Request, file: UploadFile, session: SessionDep,
           user: WriterDep,
           published: Annotated[str | None, Form(
               description="The day the figures were published, YYYY-MM-DD (Beijing time); "
               "default: the upload time")] = None,
           dry_run: bool = False, allow_jumps: bool = False,
           census_revision: bool = False) -> JSONResponse:
    """Ingest a CSV or XLSX file; the JSON report says what landed or why not (422).

    The form field `published` dates every figure without a 公布日期 of its own;
    `census_revision=true` marks every annual figure as a census revision.

    A plain `def`: FastAPI runs it in its threadpool, so reading, checking and storing
    the file and the re-forecast and re-assessment after it never hold up the event loop,
    and other requests are answered meanwhile.
    """
    settings = request.app.state.settings
    declared = int(request.headers.get("content-length") or 0)
    if declared > settings.upload_max_bytes + 64 * 1024:  # the form's own bytes on top
        raise HTTPException(status_code=413, detail=bilingual(
            "file.too_large", name=file.filename or "", size=size_text(declared),
            limit=size_text(settings.upload_max_bytes)))
    content = _read_limited(file, settings.upload_max_bytes)
    report = ingest_and_reassess(
        session, content=content, file_name=file.filename or "upload", uploader=user.name,
        permission=user.permission(), now=utc_now(), settings=settings, dry_run=dry_run,
        allow_jumps=allow_jumps, published=_published_day(published),
        census_revision=census_revision)
    return JSONResponse(report.as_dict(), status_code=200 if report.accepted else 422)


class ReportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"


@router.get("/uploads/{upload_id}/report", response_class=Response)
def upload_report(upload_id: Annotated[int, Path(ge=1, le=2**31 - 1)], session: SessionDep,
                  language: LanguageDep,
                  user: WriterDep,
                  format: Annotated[ReportFormat, Query(
                      description="csv or xlsx (to open in a spreadsheet), or json")
                  ] = ReportFormat.XLSX) -> Response:
    """Download the report of an upload, accepted or rejected: one line per problem with
    its sheet, rows, columns, value as written, reason and suggestion.

    An uploader sees the reports of their own uploads, an administrator every report;
    any other upload is answered 404, as if it did not exist."""
    upload = session.get(Upload, upload_id)
    if upload is None or (user.role is not Role.ADMIN and upload.uploader != user.name):
        raise HTTPException(status_code=404, detail=bilingual("report.not_found", id=upload_id))
    content = render_report(stored_report(upload), format.value, language)
    return Response(content, media_type=MEDIA_TYPES[format.value],
                    headers={"Content-Disposition": _attachment(
                        f"{upload.file_name}.report.{format.value}",
                        f"upload-{upload.id}-report.{format.value}")})


def _attachment(name: str, fallback: str) -> str:
    """A Content-Disposition naming the file, Chinese names included (RFC 6266)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@router.get("/templates", response_class=Response)
def template(session: SessionDep,
             indicators: Annotated[str, Query(
                 description="Indicators by name, code or alias, comma-separated "
                 "(地区生产总值,gdp_growth)")],
             regions: Annotated[str, Query(
                 description="Regions by name, code or alias, comma-separated (淄博市,370300)")],
             periods: Annotated[str, Query(description="Periods, comma-separated")] = ""
             ) -> Response:
    """Download an XLSX upload template for the given indicators, regions and periods;
    an unknown name is answered 422 with the closest names in the catalogue."""
    try:
        content = template_for(session, indicators=split_list(indicators),
                               regions=split_list(regions), periods=split_list(periods))
    except UnknownNames as error:
        raise HTTPException(status_code=422, detail=str(error)) from None
    return Response(content, media_type=XLSX, headers={
        "Content-Disposition": 'attachment; filename="targetwatch-template.xlsx"'})

"""Ingest a file, re-forecast the series it changed and re-assess the targets that read
them: the one path that the command line, the API and the scheduled jobs all take; and
the report of a past upload, from its record."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.runs.assessment import run_assessment
from indicators.runs.forecast import forecastable_series, run_forecast
from indicators.vocab import UploadStatus
from ingest.checks.permissions import WritePermission
from ingest.pipeline import IngestOptions, IngestReport, ingest_file
from ingest.tables import Upload
from service.audit import AuditAction, record
from service.settings import Settings


def ingest_and_reassess(session: Session, *, content: bytes, file_name: str, uploader: str,
                        permission: WritePermission, now: datetime, settings: Settings,
                        dry_run: bool = False, allow_jumps: bool = False,
                        published: date | None = None,
                        census_revision: bool = False) -> IngestReport:
    """Ingest one file; when figures landed, re-forecast the approved targets' series among
    them and re-assess the targets that read them, in the caller's transaction.

    `published` dates the file's figures (the Beijing day; default: `now`, the upload);
    `census_revision` marks every annual row as a census revision (`ingest.checks.publication`)."""
    options = IngestOptions(dry_run=dry_run, allow_jumps=allow_jumps,
                            default_jump_factor=settings.ingest_jump_factor,
                            published=published, census_revision=census_revision)
    report = ingest_file(session, content=content, file_name=file_name, uploader=uploader,
                         permission=permission, now=now, options=options)
    if not dry_run:
        _audit(session, report, uploader=uploader, now=now)
    if report.status == UploadStatus.ACCEPTED and report.series_ids:
        changed = forecastable_series(session, report.series_ids)
        if changed:
            run_forecast(session, as_of=now, series_ids=changed)
        targets = indicator_queries.targets_reading(session, report.series_ids)
        if targets:
            run_assessment(session, as_of=now, thresholds=settings.thresholds, targets=targets)
    return report


def _audit(session: Session, report: IngestReport, *, uploader: str, now: datetime) -> None:
    """Record the upload (accepted, rejected or a duplicate) in the audit trail, in the
    upload's own transaction."""
    action = {UploadStatus.ACCEPTED: AuditAction.UPLOAD_ACCEPTED,
              UploadStatus.DUPLICATE: AuditAction.UPLOAD_DUPLICATE}.get(
        UploadStatus(report.status), AuditAction.UPLOAD_REJECTED)
    record(session, actor=uploader, action=action, object_type="upload",
           object_key=str(report.upload_id or report.file_name), at=now, details={
               "file_name": report.file_name, "checksum": report.checksum,
               "upload_id": report.upload_id, "rows_read": report.rows_read,
               "figures_new": report.figures_new, "figures_revised": report.figures_revised,
               "errors": report.error_count()})


def stored_report(upload: Upload) -> dict[str, Any]:
    """The report of a past upload, rebuilt from its record: the same keys as
    `IngestReport.as_dict()` where the record keeps them, for the report downloads."""
    kept = dict(upload.error_report or {})  # type: ignore[call-overload]
    return {"file_name": upload.file_name, "checksum": upload.checksum_sha256,
            "status": upload.status.value, "upload_id": upload.id, "uploader": upload.uploader,
            "uploaded_at": upload.uploaded_at.isoformat(), "rows_read": upload.rows_total,
            "figures_accepted": upload.rows_accepted,
            "figures_unchanged": kept.pop("figures_unchanged", 0),
            "summary_zh": kept.pop("summary_zh", ""), "summary_en": kept.pop("summary_en", ""),
            "issue_counts": kept.pop("issue_counts", {}), "issues": kept.pop("issues", []),
            **kept}

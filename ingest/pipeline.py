"""One upload, start to finish: read, lay out, check, store, and report.

The caller owns the transaction. A rejected file stores its upload record and report but
no figure; a file already accepted (same checksum) is a no-op that says so; a dry run
writes nothing at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.periods import PeriodKind
from indicators.tables.catalogue import Indicator, Region
from indicators.tables.observations import Observation, Series
from indicators.text.messages import Language, message
from indicators.vocab import UploadStatus
from ingest.checks.permissions import WritePermission
from ingest.checks.references import Catalogue, IndicatorRef, RegionRef
from ingest.checks.resolved import StoredLookup
from ingest.checks.validate import Publication, check_records
from ingest.reading.file_limits import FileRejected, ReadLimits
from ingest.reading.layout import LayoutError, sheet_records, title_texts
from ingest.reading.readers import read_table_file
from ingest.reports.issues import Issue, Severity
from ingest.reports.report_groups import group_issues
from ingest.revisions import record_census_breaks, replaced_figures
from ingest.store import store_figures
from ingest.tables import Upload

DRY_RUN = "dry_run"


@dataclass(frozen=True)
class IngestOptions:
    """How to take a file: `published`, the Beijing day its figures were published (rows
    may give their own in 公布日期; default: the upload time); `census_revision`, every
    annual row is a census revision (rows may be marked 普查修订 one by one)."""

    dry_run: bool = False
    allow_jumps: bool = False
    default_jump_factor: float = 3.0
    limits: ReadLimits = field(default_factory=ReadLimits)
    published: date | None = None
    census_revision: bool = False


@dataclass
class IngestReport:
    """What happened to one file, for the uploader and for the upload record."""

    file_name: str
    checksum: str
    status: str
    upload_id: int | None = None
    rows_read: int = 0
    empty_cells: int = 0
    figures_new: int = 0
    figures_revised: int = 0
    figures_unchanged: int = 0
    breaks_recorded: int = 0
    issues: list[dict[str, Any]] = field(default_factory=list)
    issue_counts: dict[str, int] = field(default_factory=dict)
    series_ids: set[int] = field(default_factory=set)

    @property
    def accepted(self) -> bool:
        return self.status in (UploadStatus.ACCEPTED, UploadStatus.DUPLICATE) or (
            self.status == DRY_RUN and not self.errors)

    @property
    def errors(self) -> list[dict[str, Any]]:
        return [i for i in self.issues if i["severity"] == Severity.ERROR]

    def summary(self, language: Language = Language.ZH) -> str:
        """One sentence: accepted with counts, rejected with the number of problems."""
        key = {UploadStatus.ACCEPTED: "upload.accepted", UploadStatus.DUPLICATE:
               "upload.duplicate", UploadStatus.REJECTED: "upload.rejected"}.get(
            self.status, "upload.dry_run_ok" if not self.errors else "upload.rejected")
        return message(key, language, file=self.file_name, new=self.figures_new,
                       revised=self.figures_revised, unchanged=self.figures_unchanged,
                       errors=self.error_count())

    def error_count(self) -> int:
        """How many cells (or files, sheets) have an error: every one counted, also those
        beyond the listed ones and those a grouped issue lists together."""
        return sum(self.issue_counts.get(i["code"], 0) for i in _distinct(self.errors)) \
            or sum(int(i.get("occurrences", 1)) for i in self.errors)

    def as_dict(self) -> dict[str, Any]:
        return {"file_name": self.file_name, "checksum": self.checksum, "status": self.status,
                "upload_id": self.upload_id, "rows_read": self.rows_read,
                "empty_cells": self.empty_cells, "figures_new": self.figures_new,
                "figures_revised": self.figures_revised,
                "figures_unchanged": self.figures_unchanged,
                "breaks_recorded": self.breaks_recorded,
                "summary_zh": self.summary(Language.ZH), "summary_en": self.summary(Language.EN),
                "issue_counts": self.issue_counts, "issues": self.issues}


def _distinct(issues: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for issue in issues:
        if issue["code"] not in seen:
            seen.add(issue["code"])
            out.append(issue)
    return out


def checksum_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def ingest_file(session: Session, *, content: bytes, file_name: str, uploader: str,
                permission: WritePermission, now: datetime,
                options: IngestOptions | None = None) -> IngestReport:
    """Ingest one file (flush only; the caller commits). See the module docstring."""
    options = options or IngestOptions()
    safe = safe_file_name(file_name)
    report = IngestReport(file_name=safe, checksum=checksum_of(content),
                          status=DRY_RUN if options.dry_run else UploadStatus.RECEIVED)
    if safe != file_name:  # stored as its last part; the report quotes it as sent
        return _refuse(session, report, Issue(
            sheet=safe, row=None, column=None, raw=file_name, key="file.unsafe_name",
            values={"name": file_name}, suggestion_key="file.unsafe_name_hint",
            suggestion_values={"safe": safe}), uploader, now, options)
    if _already_accepted(session, report.checksum):
        report.status = UploadStatus.DUPLICATE
        return _record(session, report, uploader, now, options)
    try:
        records, title = _read_records(content, file_name, options.limits)
    except (FileRejected, LayoutError) as problem:
        return _refuse(session, report, Issue(sheet=file_name, row=None, column=None, raw="",
                                              key=problem.key, values=problem.values,
                                              suggestion_key=getattr(problem, "suggestion",
                                                                     None)),
                       uploader, now, options)
    report.rows_read = len(records)
    checked = check_records(
        records, catalogue=load_catalogue(session), permission=permission,
        previous=stored_figures(session), default_jump_factor=options.default_jump_factor,
        region_from_title=title, allow_jumps=options.allow_jumps,
        publication=Publication(now=now, day=options.published,
                                census_file=options.census_revision))
    del records  # the checked rows are all the store needs; let the raw grid go
    report.issues = group_issues([i.as_dict() for i in checked.issues])
    report.issue_counts = checked.issue_counts
    report.empty_cells = checked.empty_cells
    if checked.has_errors:
        return _finish(session, report, uploader, now, options)
    if checked.rows.empty:  # a header alone, or every value cell empty: nothing to accept
        return _refuse(session, report, Issue(
            sheet=file_name, row=None, column=None, raw="", key="file.no_figures",
            values={"name": file_name}, suggestion_key="file.no_figures_hint"),
            uploader, now, options)
    upload = None if options.dry_run else _upload_row(session, report, uploader, now)
    revised = replaced_figures(session, checked.rows, now=now)
    outcome = store_figures(session, checked.rows, upload_id=upload.id if upload else None,
                            source=f"upload:{file_name}", vintage_at=now,
                            dry_run=options.dry_run)
    report.figures_new, report.figures_revised = outcome.new, outcome.revised
    report.figures_unchanged, report.series_ids = outcome.unchanged, outcome.series_ids
    if upload is not None:
        report.breaks_recorded = record_census_breaks(session, revised, file_name=file_name)
        report.status = UploadStatus.ACCEPTED
        _fill(upload, report)
        session.flush()
    return report


def _read_records(content: bytes, file_name: str,
                  limits: ReadLimits) -> tuple[pd.DataFrame, str | None]:
    sheets = read_table_file(content, file_name, limits)
    frames, titles, missing = [], [], []
    for sheet in sheets:
        try:
            frames.append(sheet_records(sheet, file_name))
            titles.append(title_texts(sheet))
        except LayoutError as problem:
            missing.append(problem)
    if not frames:
        raise missing[0] if missing else LayoutError("layout.no_header", sheet=file_name)
    title = " ".join(t for t in titles if t) or None
    return pd.concat(frames, ignore_index=True), title


def _already_accepted(session: Session, checksum: str) -> bool:
    return session.scalar(select(Upload.id).where(
        Upload.checksum_sha256 == checksum, Upload.status == UploadStatus.ACCEPTED).limit(1)) \
        is not None


def safe_file_name(name: str) -> str:
    """The name a file is recorded under: its last path part, without control characters
    (a name sent as "../x.csv" or "C:\\x.csv" is recorded as "x.csv")."""
    last = name.replace("\\", "/").rsplit("/", 1)[-1]
    last = "".join(ch for ch in last if ch.isprintable())
    return "upload" if last.strip() in ("", ".", "..") else last


def _refuse(session: Session, report: IngestReport, issue: Issue, uploader: str,
            now: datetime, options: IngestOptions) -> IngestReport:
    """Reject the whole file for one problem of the file itself."""
    report.issues = group_issues([issue.as_dict()])
    report.issue_counts = {issue.key: 1}
    return _finish(session, report, uploader, now, options)


def _finish(session: Session, report: IngestReport, uploader: str, now: datetime,
            options: IngestOptions) -> IngestReport:
    if not options.dry_run:
        report.status = UploadStatus.REJECTED
    return _record(session, report, uploader, now, options)


def _record(session: Session, report: IngestReport, uploader: str, now: datetime,
            options: IngestOptions) -> IngestReport:
    if not options.dry_run:
        _fill(_upload_row(session, report, uploader, now), report)
        session.flush()
    return report


def _upload_row(session: Session, report: IngestReport, uploader: str, now: datetime) -> Upload:
    upload = Upload(file_name=report.file_name, checksum_sha256=report.checksum,
                    uploader=uploader, uploaded_at=now, status=UploadStatus(report.status))
    session.add(upload)
    session.flush()
    report.upload_id = upload.id
    return upload


def _fill(upload: Upload, report: IngestReport) -> None:
    upload.status = UploadStatus(report.status)
    upload.rows_total = report.rows_read
    upload.rows_accepted = report.figures_new + report.figures_revised
    upload.rows_rejected = report.error_count()
    upload.error_report = {"summary_zh": report.summary(Language.ZH),
                           "summary_en": report.summary(Language.EN),
                           "issue_counts": report.issue_counts, "issues": report.issues,
                           "figures_unchanged": report.figures_unchanged}  # type: ignore[assignment]


def load_catalogue(session: Session) -> Catalogue:
    """Read the indicators and regions an upload may name."""
    indicators = [IndicatorRef.model_validate(i, from_attributes=True)
                  for i in session.scalars(select(Indicator))]
    regions = [RegionRef(code=r.code, name=r.name, name_en=r.name_en)
               for r in session.scalars(select(Region))]
    return Catalogue.build(indicators, regions)


def previous_annual_values(session: Session) -> dict[tuple[int, str, str], float]:
    """Return the newest stored annual figure of every region-level series, for jump checks."""
    where = indicator_queries.ObservationFilter()
    query = (indicator_queries.latest_observations_query(where)
             .where(Observation.period_kind == PeriodKind.YEAR, Series.entity_id.is_(None))
             .with_only_columns(Series.indicator_id, Series.region_code,
                                Observation.period_code, Observation.value))
    return {(i, r, p): float(v) for i, r, p, v in session.execute(query)}


def stored_figures(session: Session) -> StoredLookup:
    """A lookup of the newest stored figure of every region-level series for the period
    codes asked for: what an upload's figures are compared with (unit, jump and
    year-to-date checks)."""
    def lookup(codes: Collection[str]) -> pd.DataFrame:
        frames: list[pd.DataFrame] = []
        wanted = sorted(codes)
        for start in range(0, len(wanted), _CODES_PER_QUERY):
            query = (indicator_queries.latest_observations_query(
                indicator_queries.ObservationFilter())
                .where(Observation.period_code.in_(wanted[start:start + _CODES_PER_QUERY]),
                       Series.entity_id.is_(None))
                .with_only_columns(Series.indicator_id, Series.region_code,
                                   Observation.period_code, Observation.value)
                .execution_options(yield_per=_ROWS_PER_PART))
            frames += [_stored_part(part) for part in session.execute(query).partitions()]
        return _joined(frames) if frames else _stored_part([])

    return lookup


_CODES_PER_QUERY = 500
_ROWS_PER_PART = 50_000


def _joined(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """The parts as one frame, their categories united (pd.concat would make them text)."""
    return pd.DataFrame({
        "indicator": np.concatenate([p["indicator"].to_numpy() for p in parts]),
        "region": union_categoricals([p["region"] for p in parts]),
        "code": union_categoricals([p["code"] for p in parts]),
        "value": np.concatenate([p["value"].to_numpy() for p in parts])})


def _stored_part(rows: Sequence[Any]) -> pd.DataFrame:
    """A part of the stored figures as a frame; the repeating texts as categories (a million
    stored figures take tens of MiB, not hundreds)."""
    indicator, region, code, value = zip(*rows, strict=True) if rows else ((), (), (), ())
    return pd.DataFrame({"indicator": np.asarray(indicator, dtype=np.int64),
                         "region": pd.Categorical(region), "code": pd.Categorical(code),
                         "value": np.asarray(value, dtype=float)})

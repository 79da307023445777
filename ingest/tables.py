"""ORM table of uploads: every file received, with its checksum, outcome and report."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from indicators.clock import utc_now
from indicators.tables.base import Base, UTCDateTime, enum_column
from indicators.vocab import UploadStatus


class Upload(Base):
    """A file sent by a statistics bureau, kept whether it was accepted or rejected."""

    __tablename__ = "uploads"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(300))
    checksum_sha256: Mapped[str] = mapped_column(String(64), index=True)
    uploader: Mapped[str] = mapped_column(String(120))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    status: Mapped[UploadStatus] = mapped_column(enum_column(UploadStatus, "upload_status"))
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_accepted: Mapped[int] = mapped_column(Integer, default=0)
    rows_rejected: Mapped[int] = mapped_column(Integer, default=0)
    # Row-level report: [{sheet, row, column, raw, reason_zh, reason_en, suggestion}, ...]
    error_report: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)


class PullState(Base):
    """What the last scheduled pull of a configured HTTP(S) source saw, so the next one
    asks only for a changed file (ETag / Last-Modified)."""

    __tablename__ = "pull_states"

    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_checksum: Mapped[str | None] = mapped_column(String(64))
    last_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_outcome: Mapped[str | None] = mapped_column(String(40))

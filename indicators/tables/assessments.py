"""ORM tables of assessment runs and their results, one row per target and run."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.clock import utc_now
from indicators.tables.base import Base, UTCDateTime, enum_column
from indicators.tables.catalogue import Target
from indicators.vocab import Status


class AssessmentRun(Base):
    """One assessment of every target as of a moment, with the thresholds it used."""

    __tablename__ = "assessment_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    targets_assessed: Mapped[int] = mapped_column(Integer, default=0)
    thresholds: Mapped[dict[str, Any]] = mapped_column(JSON)
    # A run as of a past date (`assess --as-of`): kept for reference, never read as the
    # current assessment (board, API, alerts) nor as the previous status for hysteresis.
    retrospective: Mapped[bool] = mapped_column(Boolean, default=False)

    results: Mapped[list[AssessmentResult]] = relationship(back_populates="run",
                                                           order_by="AssessmentResult.id")


class AssessmentResult(Base):
    """A target's status at a run's date, its reason, and the measures behind it."""

    __tablename__ = "assessment_results"
    __table_args__ = (UniqueConstraint("run_id", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("assessment_runs.id"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id"), index=True)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[Status] = mapped_column(enum_column(Status, "assessment_status"))
    reason_key: Mapped[str] = mapped_column(String(60))
    reason_zh: Mapped[str] = mapped_column(Text)
    reason_en: Mapped[str] = mapped_column(Text)
    final: Mapped[bool] = mapped_column(Boolean, default=False)
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    latest_preliminary: Mapped[bool] = mapped_column(Boolean, default=False)
    latest_year: Mapped[int | None] = mapped_column(Integer)
    latest_value: Mapped[float | None] = mapped_column(Float)
    required_value: Mapped[float | None] = mapped_column(Float)
    time_share: Mapped[float | None] = mapped_column(Float)
    distance_share: Mapped[float | None] = mapped_column(Float)
    progress_ratio: Mapped[float | None] = mapped_column(Float)
    gap: Mapped[float | None] = mapped_column(Float)
    required_rate: Mapped[float | None] = mapped_column(Float)
    required_change: Mapped[float | None] = mapped_column(Float)
    escap_ratio: Mapped[float | None] = mapped_column(Float)
    baseline_stated: Mapped[float | None] = mapped_column(Float)
    baseline_observed: Mapped[float | None] = mapped_column(Float)
    # The probability of meeting the target, from the forecast (None without one).
    probability: Mapped[float | None] = mapped_column(Float)
    in_year: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # The forecast of the indicator in the deadline year (indicators.outlook.Outlook).
    forecast_year: Mapped[int | None] = mapped_column(Integer)
    forecast_mean: Mapped[float | None] = mapped_column(Float)
    forecast_lo_80: Mapped[float | None] = mapped_column(Float)
    forecast_hi_80: Mapped[float | None] = mapped_column(Float)
    forecast_lo_95: Mapped[float | None] = mapped_column(Float)
    forecast_hi_95: Mapped[float | None] = mapped_column(Float)
    forecast_model: Mapped[str | None] = mapped_column(String(120))

    run: Mapped[AssessmentRun] = relationship(back_populates="results")
    target: Mapped[Target] = relationship()

"""ORM tables of the figures: series, their definition breaks and observations (every
vintage of every figure). Tables only; queries live in `indicators.data.queries`."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.clock import utc_now
from indicators.periods import PeriodKind
from indicators.tables.base import Base, DecimalValue, UTCDateTime, enum_column
from indicators.tables.catalogue import Document, Entity, Indicator, Region, SeriesKey
from indicators.vocab import BreakKind, ObservationStatus, SourceKind


class Series(Base):
    """One indicator for one subject (a region, or an entity within it): the unit that gets
    observed, revised, broken by a change of definition and forecast."""

    __tablename__ = "series"
    __table_args__ = (UniqueConstraint("indicator_id", "subject_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    # region code, or "region/entity-code": unique with the indicator, NULL-free.
    subject_key: Mapped[str] = mapped_column(String(100))

    indicator: Mapped[Indicator] = relationship()
    region: Mapped[Region] = relationship()
    entity: Mapped[Entity | None] = relationship()
    breaks: Mapped[list[SeriesBreak]] = relationship(
        back_populates="series",
        order_by=lambda: [SeriesBreak.period_code, SeriesBreak.known_from, SeriesBreak.id])

    @property
    def name(self) -> str:
        """Name the series by what it is, not by its row id ("gdp@370300"): the same in
        every database, so its forecast's sample paths (seeded by the name) are too."""
        return f"{self.indicator.code}@{self.subject_key}"

    @property
    def series_key(self) -> SeriesKey:
        """Name the series as a target does (`Target.series_key`)."""
        return self.indicator_id, self.subject_key


class SeriesBreak(Base):
    """A break in a series' definition (口径调整) or a census revision, from a period on.

    Like a figure, a break is never changed in place: a corrected break (a linking factor
    learned later) is another row for the same period with a later `known_from`, so an
    assessment as of any moment reads the break as it was known then.
    """

    __tablename__ = "series_breaks"
    __table_args__ = (UniqueConstraint("series_id", "period_code", "known_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"))
    period_code: Mapped[str] = mapped_column(String(12))
    kind: Mapped[BreakKind] = mapped_column(enum_column(BreakKind, "break_kind"))
    description: Mapped[str] = mapped_column(Text)
    # new-definition figure = old-definition figure × linking_factor, when one is known.
    linking_factor: Mapped[Decimal | None] = mapped_column(DecimalValue)
    # When the break became known (the publication of the revised figures); as-of reads
    # ignore a break not yet known. `recorded_at` is when it was entered here.
    known_from: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    series: Mapped[Series] = relationship(back_populates="breaks")


class Observation(Base):
    """One vintage of one figure. A revision adds a row with a later `vintage_at`; rows are
    never updated, so any past state of the data can be rebuilt."""

    __tablename__ = "observations"
    __table_args__ = (UniqueConstraint("series_id", "period_code", "vintage_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"), index=True)
    period_code: Mapped[str] = mapped_column(String(12))
    period_kind: Mapped[PeriodKind] = mapped_column(enum_column(PeriodKind, "period_kind"))
    year: Mapped[int] = mapped_column(Integer)
    period_number: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(DecimalValue)
    status: Mapped[ObservationStatus] = mapped_column(
        enum_column(ObservationStatus, "observation_status"))
    vintage_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source_kind: Mapped[SourceKind] = mapped_column(enum_column(SourceKind, "source_kind"))
    source: Mapped[str] = mapped_column(Text)
    # Set for figures that came through an upload (table defined in `ingest.tables`).
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    series: Mapped[Series] = relationship()
    document: Mapped[Document | None] = relationship()

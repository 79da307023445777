"""ORM tables of the domain: regions, entities, indicators, documents, targets, series,
series breaks and observations. Tables only; queries live in `indicators.queries`."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.db import Base, DecimalValue, UTCDateTime, utc_now
from indicators.periods import PeriodKind
from indicators.vocab import (
    BreakKind,
    ChangeUnit,
    Comparator,
    Frequency,
    Nature,
    ObservationStatus,
    RegionLevel,
    ReviewState,
    Script,
    SourceKind,
    TargetKind,
    ValueType,
)


def _enum(cls: type, name: str) -> Enum:
    """Store a StrEnum by value, as a portable VARCHAR with a CHECK constraint."""
    return Enum(cls, name=name, native_enum=False, create_constraint=True, length=32,
                values_callable=lambda members: [m.value for m in members],
                validate_strings=True)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, onupdate=utc_now)


class Region(Timestamped, Base):
    """An administrative division, keyed by its GB/T 2260 code (000000 for the country)."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[RegionLevel] = mapped_column(_enum(RegionLevel, "region_level"))
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))

    parent: Mapped[Region | None] = relationship(remote_side=[code])


class Entity(Timestamped, Base):
    """A subject narrower than a region, e.g. 省属重点国有企业 within 山西省."""

    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"))

    region: Mapped[Region] = relationship()


class Indicator(Timestamped, Base):
    """A statistical indicator with its unit, frequency, direction and definition (口径)."""

    __tablename__ = "indicators"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40))
    frequency: Mapped[Frequency] = mapped_column(_enum(Frequency, "frequency"))
    higher_is_better: Mapped[bool] = mapped_column(Boolean)
    value_type: Mapped[ValueType] = mapped_column(_enum(ValueType, "value_type"))
    definition: Mapped[str | None] = mapped_column(Text)
    # Plausibility checks on upload: a figure outside [min, max], or more than
    # max_jump_factor times (or less than 1/max_jump_factor of) the previous figure,
    # is refused. None: no bound, or the configured default factor.
    plausible_min: Mapped[Decimal | None] = mapped_column(DecimalValue)
    plausible_max: Mapped[Decimal | None] = mapped_column(DecimalValue)
    max_jump_factor: Mapped[Decimal | None] = mapped_column(DecimalValue)


class Document(Timestamped, Base):
    """A source document (plan, programme, report) with its full text for quote checks."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    issuer: Mapped[str | None] = mapped_column(String(200))
    issued_on: Mapped[date | None] = mapped_column(Date)
    file_name: Mapped[str | None] = mapped_column(String(200))
    script: Mapped[Script] = mapped_column(_enum(Script, "script"))
    plan_start: Mapped[int | None] = mapped_column(Integer)
    plan_end: Mapped[int | None] = mapped_column(Integer)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"))
    text_sha256: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str | None] = mapped_column(Text)


class Target(Timestamped, Base):
    """A quantitative goal exactly as a document states it, with its source and review state."""

    __tablename__ = "targets"
    __table_args__ = (
        CheckConstraint("comparator <> 'between' OR upper_value IS NOT NULL", name="range_upper"),
        CheckConstraint("start_year IS NULL OR start_year <= deadline_year", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"), index=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("regions.code"), index=True)
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("entities.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    kind: Mapped[TargetKind] = mapped_column(_enum(TargetKind, "target_kind"))
    comparator: Mapped[Comparator] = mapped_column(_enum(Comparator, "comparator"))
    value: Mapped[Decimal] = mapped_column(DecimalValue)
    upper_value: Mapped[Decimal | None] = mapped_column(DecimalValue)
    tolerance: Mapped[Decimal | None] = mapped_column(DecimalValue)
    unit: Mapped[str] = mapped_column(String(40))
    change_unit: Mapped[ChangeUnit | None] = mapped_column(_enum(ChangeUnit, "change_unit"))
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_value: Mapped[Decimal | None] = mapped_column(DecimalValue)
    start_year: Mapped[int | None] = mapped_column(Integer)
    deadline_year: Mapped[int] = mapped_column(Integer)
    deadline_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline_basis: Mapped[str | None] = mapped_column(String(200))
    nature: Mapped[Nature | None] = mapped_column(_enum(Nature, "nature"))
    lead_department: Mapped[str | None] = mapped_column(String(300))
    clause: Mapped[str | None] = mapped_column(String(200))
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    review_state: Mapped[ReviewState] = mapped_column(
        _enum(ReviewState, "review_state"), default=ReviewState.PROPOSED)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("targets.id"))

    indicator: Mapped[Indicator] = relationship()
    region: Mapped[Region] = relationship()
    entity: Mapped[Entity | None] = relationship()
    document: Mapped[Document | None] = relationship()
    superseded_by: Mapped[Target | None] = relationship(remote_side=[id])


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
    breaks: Mapped[list[SeriesBreak]] = relationship(back_populates="series",
                                                     order_by="SeriesBreak.period_code")


class SeriesBreak(Base):
    """A break in a series' definition (口径调整) or a census revision, from a period on."""

    __tablename__ = "series_breaks"
    __table_args__ = (UniqueConstraint("series_id", "period_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    series_id: Mapped[int] = mapped_column(ForeignKey("series.id"))
    period_code: Mapped[str] = mapped_column(String(12))
    kind: Mapped[BreakKind] = mapped_column(_enum(BreakKind, "break_kind"))
    description: Mapped[str] = mapped_column(Text)
    # new-definition figure = old-definition figure × linking_factor, when one is known.
    linking_factor: Mapped[Decimal | None] = mapped_column(DecimalValue)
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
    period_kind: Mapped[PeriodKind] = mapped_column(_enum(PeriodKind, "period_kind"))
    year: Mapped[int] = mapped_column(Integer)
    period_number: Mapped[int] = mapped_column(Integer)
    value: Mapped[Decimal] = mapped_column(DecimalValue)
    status: Mapped[ObservationStatus] = mapped_column(
        _enum(ObservationStatus, "observation_status"))
    vintage_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source_kind: Mapped[SourceKind] = mapped_column(_enum(SourceKind, "source_kind"))
    source: Mapped[str] = mapped_column(Text)
    # Set for figures that came through an upload (table defined in `ingest.models`).
    upload_id: Mapped[int | None] = mapped_column(ForeignKey("uploads.id"), index=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    series: Mapped[Series] = relationship()
    document: Mapped[Document | None] = relationship()

"""ORM tables of the catalogue: regions, entities, indicators, documents and targets.
Tables only; queries live in `indicators.data.queries`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.tables.base import Base, DecimalValue, Timestamped, enum_column
from indicators.vocab import (
    ChangeUnit,
    Comparator,
    Frequency,
    Nature,
    RegionLevel,
    ReviewState,
    Script,
    TargetKind,
    ValueType,
)

# A series is named by its indicator and its subject: (indicator id, subject key).
SeriesKey = tuple[int, str]


def subject_key(region_code: str, entity_code: str | None = None) -> str:
    """Return the NULL-free key of a series' subject: the region, or region/entity."""
    return region_code if entity_code is None else f"{region_code}/{entity_code}"


class Region(Timestamped, Base):
    """An administrative division, keyed by its GB/T 2260 code (000000 for the country)."""

    __tablename__ = "regions"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[RegionLevel] = mapped_column(enum_column(RegionLevel, "region_level"))
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
    frequency: Mapped[Frequency] = mapped_column(enum_column(Frequency, "frequency"))
    higher_is_better: Mapped[bool] = mapped_column(Boolean)
    value_type: Mapped[ValueType] = mapped_column(enum_column(ValueType, "value_type"))
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
    script: Mapped[Script] = mapped_column(enum_column(Script, "script"))
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
    kind: Mapped[TargetKind] = mapped_column(enum_column(TargetKind, "target_kind"))
    comparator: Mapped[Comparator] = mapped_column(enum_column(Comparator, "comparator"))
    value: Mapped[Decimal] = mapped_column(DecimalValue)
    upper_value: Mapped[Decimal | None] = mapped_column(DecimalValue)
    tolerance: Mapped[Decimal | None] = mapped_column(DecimalValue)
    unit: Mapped[str] = mapped_column(String(40))
    change_unit: Mapped[ChangeUnit | None] = mapped_column(enum_column(ChangeUnit, "change_unit"))
    baseline_year: Mapped[int | None] = mapped_column(Integer)
    baseline_value: Mapped[Decimal | None] = mapped_column(DecimalValue)
    start_year: Mapped[int | None] = mapped_column(Integer)
    deadline_year: Mapped[int] = mapped_column(Integer)
    deadline_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline_basis: Mapped[str | None] = mapped_column(String(200))
    nature: Mapped[Nature | None] = mapped_column(enum_column(Nature, "nature"))
    lead_department: Mapped[str | None] = mapped_column(String(300))
    clause: Mapped[str | None] = mapped_column(String(200))
    quote: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    review_state: Mapped[ReviewState] = mapped_column(
        enum_column(ReviewState, "review_state"), default=ReviewState.PROPOSED)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("targets.id"))

    indicator: Mapped[Indicator] = relationship()
    region: Mapped[Region] = relationship()
    entity: Mapped[Entity | None] = relationship()
    document: Mapped[Document | None] = relationship()
    superseded_by: Mapped[Target | None] = relationship(remote_side=[id])

    @property
    def series_key(self) -> SeriesKey:
        """Name the series this target reads: its indicator for its region or entity."""
        return self.indicator_id, subject_key(self.region_code,
                                              self.entity.code if self.entity else None)

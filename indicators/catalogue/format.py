"""Pydantic shapes of the catalogue file format (docs/catalogue-format.md) and the API."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from indicators.catalogue.duplicates import duplicated
from indicators.periods import parse_period
from indicators.vocab import (
    ChangeUnit,
    Comparator,
    Frequency,
    Nature,
    ObservationStatus,
    RegionLevel,
    ReviewState,
    Script,
    TargetKind,
    ValueType,
)

CATALOGUE_FORMAT = "targetwatch-catalogue/1"
_REGION_CODE = re.compile(r"^\d{6}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RegionSpec(_Strict):
    code: str
    name: str
    name_en: str | None = None
    level: RegionLevel
    parent: str | None = None

    @field_validator("code", "parent")
    @classmethod
    def _six_digits(cls, value: str | None) -> str | None:
        if value is not None and not _REGION_CODE.match(value):
            raise ValueError(f"region code must be six digits (GB/T 2260): {value!r}")
        return value


class EntitySpec(_Strict):
    code: str
    name: str
    name_en: str | None = None
    region: str


class IndicatorSpec(_Strict):
    code: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    name_en: str
    unit: str
    frequency: Frequency
    higher_is_better: bool
    value_type: ValueType
    definition: str | None = None
    plausible_min: Decimal | None = None
    plausible_max: Decimal | None = None
    max_jump_factor: Decimal | None = Field(default=None, gt=1)


class DocumentSpec(_Strict):
    code: str
    file: str | None = None
    title: str
    issuer: str | None = None
    issued_on: date | None = None
    script: Script = Script.SIMPLIFIED
    plan_start: int | None = None
    plan_end: int | None = None
    region: str | None = None


class TargetSpec(_Strict):
    key: str
    indicator: str
    region: str
    entity: str | None = None
    kind: TargetKind
    comparator: Comparator
    value: Decimal
    upper_value: Decimal | None = None
    tolerance: Decimal | None = None
    unit: str
    change_unit: ChangeUnit | None = None
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    start_year: int | None = None
    deadline: int
    deadline_inferred: bool = False
    deadline_basis: str | None = None
    nature: Nature | None = None
    lead_department: str | None = None
    clause: str | None = None
    quote: str = Field(min_length=2)
    note: str | None = None
    superseded_by: str | None = None
    review_state: ReviewState = ReviewState.APPROVED

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.comparator is Comparator.BETWEEN:
            if self.upper_value is None or self.upper_value < self.value:
                raise ValueError(f"{self.key}: a range needs upper_value ≥ value")
        elif self.upper_value is not None:
            raise ValueError(f"{self.key}: upper_value is only for comparator 'between'")
        if self.kind in (TargetKind.CHANGE_VS_BASELINE, TargetKind.CHANGE_EVERY_YEAR) \
                and self.change_unit is None:
            raise ValueError(f"{self.key}: {self.kind} needs change_unit")
        if self.start_year is not None and self.start_year > self.deadline:
            raise ValueError(f"{self.key}: start_year after deadline")
        if self.deadline_inferred and not self.deadline_basis:
            raise ValueError(f"{self.key}: an inferred deadline needs deadline_basis")
        return self


class ObservationSpec(_Strict):
    indicator: str
    region: str
    entity: str | None = None
    period: str
    value: Decimal
    status: ObservationStatus = ObservationStatus.FINAL
    quote: str | None = None
    note: str | None = None

    @field_validator("period")
    @classmethod
    def _period_code(cls, value: str) -> str:
        return parse_period(value).code


class CatalogueFile(_Strict):
    """One catalogue file: the unit that `targetwatch catalog load` reads."""

    format: str
    document: DocumentSpec | None = None
    regions: list[RegionSpec] = []
    entities: list[EntitySpec] = []
    indicators: list[IndicatorSpec] = []
    targets: list[TargetSpec] = []
    observations: list[ObservationSpec] = []

    @field_validator("format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        if value != CATALOGUE_FORMAT:
            raise ValueError(f"unknown catalogue format {value!r}; expected {CATALOGUE_FORMAT!r}")
        return value

    @model_validator(mode="after")
    def _unique_keys(self) -> Self:
        duplicates = duplicated(t.key for t in self.targets)
        if duplicates:
            raise ValueError(f"duplicate target keys: {', '.join(duplicates)}")
        return self

"""The facts the alert rules read, as plain values: one `TargetFacts` per assessed target
and one `SeriesFacts` per series the live targets read. `indicators.alerts.reading` reads
them from the stored runs and figures; the rules (`indicators.alerts.rules`) are pure
functions of them, so they are tested without a database."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from indicators.vocab import Frequency, Nature, Status


@dataclass(frozen=True)
class TargetFacts:
    """A target's assessment as known at the evaluation's date, and the one before it."""

    target_id: int
    target_key: str
    indicator_code: str
    region_code: str
    document_code: str | None
    nature: Nature | None
    deadline_year: int
    as_of_year: int
    status: Status
    previous_status: Status | None
    final: bool  # the deadline year's figure is in: the status is settled
    probability: float | None
    previous_probability: float | None
    in_year: Mapping[str, Any] | None = None  # the stored 1–N月 check (assessment_results)
    reason_zh: str | None = None
    reason_en: str | None = None
    # What the alert stores to show later (`Alert.measures`; keys read by `listing`).
    measures: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SeriesFacts:
    """A series some live target reads: its newest figure as known at the evaluation's date,
    and that figure against the forecast made before it came in."""

    indicator_code: str
    region_code: str
    frequency: Frequency
    unit: str
    as_of_day: date  # the evaluation's day (Beijing time)
    # Months (`month_index`) of the end of the newest period known (None: the series has
    # had no figure yet) and of the last period any live target reading it needs.
    latest_end: int | None
    needed_until: int  # the last month any live target reading the series needs
    latest_period: str | None = None
    latest_value: float | None = None
    latest_published: str | None = None  # ISO moment of the figure's vintage
    latest_preliminary: bool = False
    illustrative: bool = False
    # The forecast of the newest annual figure's period from the newest run made before
    # the figure came in (None: no such forecast).
    forecast_period: str | None = None
    forecast_value: float | None = None  # the figure held against the forecast
    forecast_mean: float | None = None
    forecast_lo_95: float | None = None
    forecast_hi_95: float | None = None
    forecast_published: str | None = None  # ISO vintage of the figure held against it
    subject_key: str = ""  # the series' subject: its region, or "region/entity"

    @property
    def series(self) -> str:
        """Name the series as a silence does: "indicator@region" (or "@region/entity")."""
        return f"{self.indicator_code}@{self.subject_key or self.region_code}"


def month_index(year: int, month: int) -> int:
    """Number a month (year × 12 + month − 1), so that periods' ends compare and subtract."""
    return year * 12 + month - 1

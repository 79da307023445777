"""Closed vocabularies of the domain, as `StrEnum`s stored by value."""

from __future__ import annotations

from enum import StrEnum


class RegionLevel(StrEnum):
    NATIONAL = "national"
    PROVINCE = "province"
    PREFECTURE = "prefecture"
    COUNTY = "county"


class Frequency(StrEnum):
    ANNUAL = "annual"
    QUARTERLY = "quarterly"
    MONTHLY = "monthly"


class ValueType(StrEnum):
    LEVEL = "level"
    GROWTH_RATE = "growth_rate"
    SHARE = "share"
    COUNT = "count"
    INDEX = "index"


class TargetKind(StrEnum):
    LEVEL_AT_DEADLINE = "level_at_deadline"
    AVERAGE_ANNUAL_GROWTH = "average_annual_growth"
    CHANGE_VS_BASELINE = "change_vs_baseline"
    CHANGE_EVERY_YEAR = "change_every_year"
    KEPT_EVERY_PERIOD = "kept_every_period"
    CUMULATIVE_OVER_PERIOD = "cumulative_over_period"
    COVERAGE = "coverage"


class Comparator(StrEnum):
    """How a value is held against a target. ``gte``/``lte`` include the bound (以上, 以下,
    以内, 不低于, 不超过, 达到); ``gt``/``lt`` exclude it (超过, 高于, 低于, 少于)."""

    GTE = "gte"
    GT = "gt"
    LTE = "lte"
    LT = "lt"
    APPROX = "approx"
    EQ = "eq"
    BETWEEN = "between"

    @property
    def symbol(self) -> str:
        return {"gte": "≥", "gt": ">", "lte": "≤", "lt": "<", "approx": "≈", "eq": "=",
                "between": "–"}[self.value]

    @property
    def is_floor(self) -> bool:
        """Tell whether the target is a floor (≥ or >): higher values meet it."""
        return self in (Comparator.GTE, Comparator.GT)

    @property
    def is_ceiling(self) -> bool:
        """Tell whether the target is a ceiling (≤ or <): lower values meet it."""
        return self in (Comparator.LTE, Comparator.LT)


class ChangeUnit(StrEnum):
    PERCENT = "percent"
    PERCENTAGE_POINT = "percentage_point"
    ABSOLUTE = "absolute"


class Nature(StrEnum):
    BINDING = "binding"  # 约束性
    EXPECTED = "expected"  # 预期性


class ReviewState(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    RETIRED = "retired"


class ObservationStatus(StrEnum):
    PRELIMINARY = "preliminary"  # 初步 / 预计
    FINAL = "final"
    REVISED = "revised"


class SourceKind(StrEnum):
    UPLOAD = "upload"
    IMPORT = "import"
    DOCUMENT = "document"
    ILLUSTRATIVE = "illustrative"


class BreakKind(StrEnum):
    DEFINITION = "definition"  # 口径调整
    CENSUS = "census"  # 经济普查 / 人口普查修订


class UploadStatus(StrEnum):
    RECEIVED = "received"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"


class Script(StrEnum):
    SIMPLIFIED = "hans"
    TRADITIONAL = "hant"


class Status(StrEnum):
    """Where a target stands at an assessment (`indicators.arithmetic.status`)."""

    ACHIEVED = "achieved"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    MISSED = "missed"
    NOT_ASSESSABLE = "not_assessable"


class AlertState(StrEnum):
    """Where an alert is in its life (`indicators.alerts`): raised, seen to, over."""

    FIRING = "firing"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class Severity(StrEnum):
    """How urgent an alert is: a severe one may also go out at once, not only in a digest."""

    INFO = "info"
    WARNING = "warning"
    SEVERE = "severe"


class Audience(StrEnum):
    """Whom an alert is for: leaders (the digest), the lead departments (their own
    targets) or the statistics staff (figures overdue or suspicious)."""

    LEADERS = "leaders"
    DEPARTMENTS = "departments"
    STATISTICS = "statistics"

"""Illustrative annual series for the demo, where real statistics are too sparse.

Pure and deterministic (seeded by the target key). The values only have to look like a
plausible trajectory toward, past or short of a target; every one is stored with the source
"示例数据 / illustrative" so that no screen can mistake it for a statistic.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from decimal import Decimal

from indicators.vocab import ChangeUnit, Comparator, TargetKind, ValueType

# How far the generated outcome lands from the target: ahead, on, slightly or well behind.
_PERFORMANCE = (1.06, 1.0, 0.93, 0.8)
_SPAN_YEARS = 5  # history shown before a deadline when the target gives no start year


@dataclass(frozen=True)
class TargetShape:
    """What the generator needs to know about a target."""

    key: str
    kind: TargetKind
    comparator: Comparator
    value: Decimal
    upper_value: Decimal | None
    change_unit: ChangeUnit | None
    start_year: int | None
    deadline_year: int
    value_type: ValueType
    higher_is_better: bool
    baseline_value: Decimal | None = None


def illustrative_years(shape: TargetShape, last_year: int) -> range:
    """Return the years to generate: from the year before the target's period to its
    deadline, cut at `last_year` (the latest year that could have statistics)."""
    first = (shape.start_year or shape.deadline_year - _SPAN_YEARS + 1) - 1
    return range(first, min(shape.deadline_year, last_year) + 1)


def illustrative_series(shape: TargetShape, last_year: int) -> dict[int, Decimal]:
    """Return year → value for a plausible series of the target's indicator."""
    years = list(illustrative_years(shape, last_year))
    if not years:
        return {}  # the target's whole period lies after the last year with statistics
    return {year: round_like(shape, value) for year, value in shape_curve(shape, years).items()}


def shape_curve(shape: TargetShape, years: list[int]) -> dict[int, float]:
    """Return the unrounded generated trajectory over `years` (in order), measured from the
    year before the target's period; years outside the period continue its trend, so a
    series can be pinned to real figures published before or after it."""
    rng = random.Random(int(hashlib.sha256(shape.key.encode()).hexdigest()[:16], 16))
    performance = rng.choice(_PERFORMANCE)
    first = (shape.start_year or shape.deadline_year - _SPAN_YEARS + 1) - 1
    full_span = max(shape.deadline_year - first, 1)
    values = {year: _value_at(shape, target_of(shape), performance, (year - first) / full_span,
                              year - first, rng)
              for year in years}
    return {year: clamp(shape, value) for year, value in values.items()}


def target_of(shape: TargetShape) -> float:
    """The target as one number (the middle of a range)."""
    return float((shape.value + shape.upper_value) / 2 if shape.upper_value else shape.value)


def clamp(shape: TargetShape, value: float) -> float:
    """Keep a value within what the indicator can take: shares and coverage 0–100."""
    if shape.kind is TargetKind.COVERAGE or shape.value_type is ValueType.SHARE:
        return min(max(value, 0.0), 100.0)
    return value


def round_like(shape: TargetShape, value: float) -> Decimal:
    """Round as the indicator is published: counts whole, everything else to cents."""
    digits = 0 if shape.value_type is ValueType.COUNT else 2
    return Decimal(str(round(value, digits)))


def _value_at(shape: TargetShape, target: float, performance: float, progress: float,
              years_in: int, rng: random.Random) -> float:
    noise = 1 + rng.uniform(-0.02, 0.02)
    sign = 1 if shape.higher_is_better else -1
    match shape.kind:
        case TargetKind.AVERAGE_ANNUAL_GROWTH if shape.value_type is ValueType.GROWTH_RATE:
            return target * (1 + sign * (performance - 1)) * noise if years_in else target
        case TargetKind.AVERAGE_ANNUAL_GROWTH:
            rate = target / 100 * performance
            return 50 * (1 + rate) ** years_in * noise
        case TargetKind.KEPT_EVERY_PERIOD:
            margin = 0.1 if shape.comparator.is_floor else -0.1
            return target * (1 + margin * performance * rng.uniform(0.2, 1.0))
        case TargetKind.CUMULATIVE_OVER_PERIOD:
            periods = max(shape.deadline_year - (shape.start_year or shape.deadline_year) + 1, 1)
            return target / periods * performance * noise if years_in else 0.0
        case TargetKind.CHANGE_EVERY_YEAR:
            return 20 + float(shape.value) * performance * years_in * noise
        case TargetKind.CHANGE_VS_BASELINE:
            return _changed_level(shape, performance, progress) * noise
        case _:
            return _level_toward(shape, target, performance, progress) * noise


def _changed_level(shape: TargetShape, performance: float, progress: float) -> float:
    # The stated baseline where there is one; else an index, baseline year = 100.
    base = float(shape.baseline_value) if shape.baseline_value else 100.0
    change = float(shape.value) * performance * progress
    if shape.change_unit is ChangeUnit.PERCENT:
        return base * (1 + change / 100)
    return base + change


def _level_toward(shape: TargetShape, target: float, performance: float,
                  progress: float) -> float:
    if shape.kind is TargetKind.COVERAGE or shape.value_type is ValueType.SHARE:
        start = target * 0.6
    elif shape.comparator.is_ceiling:
        start = target * 1.4
    else:
        start = target * 0.5
    end = target / performance if shape.comparator.is_ceiling else target * performance
    return start + (end - start) * progress

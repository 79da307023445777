"""Illustrative series pinned to the real figures that are known.

Pure and deterministic. A generated series must never contradict a published figure of
the same series: it has no figure in a year that has a real one, it lies between the real
figures on either side of a gap (a straight line from one to the next), and outside the
real figures it follows the generated trajectory from the nearest real figure (scaled for
levels and counts, shifted for rates and shares). A figure published as a lower bound
("超过2400家") is a floor for the generated figures after it. With no real figure at all
the generated trajectory is used as it is (`illustrative.illustrative_series`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from indicators.vocab import TargetKind, ValueType
from service.demo.illustrative import (
    TargetShape,
    clamp,
    illustrative_series,
    illustrative_years,
    round_like,
    shape_curve,
)

# Written into the note of a real figure published as a lower bound (超过/逾/以上).
LOWER_BOUND_NOTE = "下限 / lower bound"


@dataclass(frozen=True)
class Anchor:
    """A real figure of the series: its value, and whether it is only a lower bound."""

    value: Decimal
    lower_bound: bool = False


def is_lower_bound(note: str | None) -> bool:
    """Tell whether a stored figure's note marks it as a lower bound."""
    return bool(note) and LOWER_BOUND_NOTE in (note or "")


def pinned_series(shape: TargetShape, last_year: int,
                  anchors: Mapping[int, Anchor]) -> dict[int, Decimal]:
    """Return year → value for the target's years that have no real figure, agreeing with
    every real figure in `anchors` (see the module rules)."""
    if not anchors:
        return illustrative_series(shape, last_year)
    years = [y for y in illustrative_years(shape, last_year) if y not in anchors]
    if not years:
        return {}
    span = list(range(min(*years, *anchors), max(*years, *anchors) + 1))
    curve = shape_curve(shape, span)
    return {year: _pinned_value(shape, year, curve, anchors) for year in years}


def _pinned_value(shape: TargetShape, year: int, curve: Mapping[int, float],
                  anchors: Mapping[int, Anchor]) -> Decimal:
    before = max((a for a in anchors if a < year), default=None)
    after = min((a for a in anchors if a > year), default=None)
    if before is not None and after is not None:
        low, high = sorted((anchors[before].value, anchors[after].value))
        share = (year - before) / (after - before)
        value = float(anchors[before].value) + share * float(
            anchors[after].value - anchors[before].value)
        return min(max(round_like(shape, value), low), high)
    nearest = before if before is not None else after
    assert nearest is not None
    trend = _real_trend(shape, year, anchors)
    value = (trend if trend is not None else
             _follow(shape, curve[year], curve[nearest], float(anchors[nearest].value)))
    floor = max((float(a.value) for y, a in anchors.items() if y < year and a.lower_bound
                 and shape.value_type is not ValueType.GROWTH_RATE), default=None)
    if floor is not None:
        value = max(value, floor)
    return round_like(shape, clamp(shape, max(value, 0.0) if _positive(shape) else value))


def _real_trend(shape: TargetShape, year: int, anchors: Mapping[int, Anchor]) -> float | None:
    """Carry the two real figures nearest to `year` (outside their span) on to it: at their
    yearly growth for levels and counts, their yearly change for shares and indices of
    coverage. None for growth rates (a rate has no trend to carry) or with one real figure.

    The generated trajectory heads for the target; carried back from a real figure it can
    land far from anything the published figures allow (Lüliang's forest cover: 17.4% in
    2015 from a trajectory toward 33%, when 2020 and 2021 read 28.6% and 28.8%)."""
    if len(anchors) < 2 or shape.value_type is ValueType.GROWTH_RATE:
        return None
    ordered = sorted(anchors)
    first, second = ordered[:2] if year < ordered[0] else ordered[-2:]
    low, high = float(anchors[first].value), float(anchors[second].value)
    nearest, value = (first, low) if year < first else (second, high)
    steps = year - nearest
    if _positive(shape) and low > 0 and high > 0:
        return value * (high / low) ** (steps / (second - first))
    return value + (high - low) * steps / (second - first)


def _follow(shape: TargetShape, at_year: float, at_anchor: float, anchor: float) -> float:
    """Carry the generated movement from the anchor's year to this year onto the real
    figure: as a ratio for levels and counts, as a difference for rates and shares."""
    if _positive(shape) and at_anchor > 0:
        return anchor * at_year / at_anchor
    return anchor + (at_year - at_anchor)


def _positive(shape: TargetShape) -> bool:
    """Levels and counts are positive quantities (a ratio carries their movement)."""
    return (shape.value_type in (ValueType.LEVEL, ValueType.COUNT, ValueType.INDEX)
            and shape.kind is not TargetKind.COVERAGE)

"""Converting a target's stated unit to its indicator's unit: 万人 → 人, 亿元 → 万元."""

from __future__ import annotations

from indicators.vocab import TargetKind

# Kinds whose stated unit describes a rate or a change, governed by `change_unit`.
RELATIVE_KINDS = (TargetKind.AVERAGE_ANNUAL_GROWTH, TargetKind.CHANGE_VS_BASELINE,
                   TargetKind.CHANGE_EVERY_YEAR)
_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
_SAME = {"个百分点": "%", "百分点": "%", "千米": "公里", "km": "公里", "％": "%"}
_PER_MILLE = "‰"


def _normal(unit: str) -> str:
    unit = unit.strip().removesuffix("/年")
    return _SAME.get(unit, unit)


def _scale(unit: str) -> tuple[float, str]:
    if len(unit) > 1 and unit[0] in _SCALE and unit[1:] not in ("%", ""):
        return _SCALE[unit[0]], unit[1:]
    return 1.0, unit


def unit_factor(kind: TargetKind, target_unit: str, indicator_unit: str) -> float | None:
    """Return the factor taking a target value to the indicator's unit, or None when the
    two units do not convert (a value in 万人 × 10,000 is in 人)."""
    if kind in RELATIVE_KINDS:
        return 1.0
    stated, own = _normal(target_unit), _normal(indicator_unit)
    if stated == own:
        return 1.0
    stated_scale, stated_base = _scale(stated)
    own_scale, own_base = _scale(own)
    if stated_base == own_base or _counts_the_same(stated_base, own_base):
        return stated_scale / own_scale
    return None


def _counts_the_same(stated: str, own: str) -> bool:
    """A measure word with its noun counts the same as the bare measure word (个村 = 个)."""
    return len(own) == 1 and stated.startswith(own) and not any(c in _SCALE for c in stated)


def convert_factor(from_unit: str, to_unit: str) -> float | None:
    """Return the factor taking a figure in `from_unit` to `to_unit` (元 → 亿元: 1e-8,
    ‰ → %: 0.1, 万公里 → 公里: 1e4), or None when they measure different things."""
    source, target = _normal(from_unit), _normal(to_unit)
    if source == target:
        return 1.0
    if {source, target} == {_PER_MILLE, "%"}:
        return 0.1 if source == _PER_MILLE else 10.0
    source_scale, source_base = _scale(source)
    target_scale, target_base = _scale(target)
    if source_base == target_base:
        return source_scale / target_scale
    return None

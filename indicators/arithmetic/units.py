"""Converting a figure or a target between units: 万人 → 人, 亿元 → 万元, ‰ → %, 个村 → 个.

One rule for every conversion, whether a target's stated unit is taken to its
indicator's unit (the assessment) or an uploaded figure's unit to the indicator's
(ingest): scale prefixes (万, 亿, 千, 百), synonyms (个百分点 = %, 千米 = 公里, a trailing
/年), per mille against percent, and a classifier with its noun against the bare
classifier (个村 counts as 个).
"""

from __future__ import annotations

from indicators.vocab import TargetKind

# Kinds whose stated unit describes a rate or a change, governed by `change_unit`.
RELATIVE_KINDS = (TargetKind.AVERAGE_ANNUAL_GROWTH, TargetKind.CHANGE_VS_BASELINE,
                  TargetKind.CHANGE_EVERY_YEAR)
_SCALE = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}
_SAME = {"个百分点": "%", "百分点": "%", "千米": "公里", "km": "公里", "％": "%"}
_PER_MILLE = "‰"
# Classifiers (量词) that a count may name with or without its noun: 个村 = 个, 家企业 = 家.
_CLASSIFIERS = frozenset("个家项所座条处户名件份位篇期")


def unit_factor(from_unit: str, to_unit: str) -> float | None:
    """Return the factor taking a figure in `from_unit` to `to_unit` (元 → 亿元: 1e-8,
    ‰ → %: 0.1, 万人 → 人: 1e4, 个村 → 个: 1), or None when they measure different things."""
    source, target = _normal(from_unit), _normal(to_unit)
    if source == target:
        return 1.0
    if {source, target} == {_PER_MILLE, "%"}:
        return 0.1 if source == _PER_MILLE else 10.0
    source_scale, source_base = _scale(source)
    target_scale, target_base = _scale(target)
    if source_base == target_base or _same_classifier(source_base, target_base):
        return source_scale / target_scale
    return None


def target_unit_factor(kind: TargetKind, target_unit: str, indicator_unit: str) -> float | None:
    """Return the factor taking a target's value to its indicator's unit, or None when the
    units do not convert. Growth and change targets state a rate, in `change_unit`: 1."""
    if kind in RELATIVE_KINDS:
        return 1.0
    return unit_factor(target_unit, indicator_unit)


def _normal(unit: str) -> str:
    unit = unit.strip().removesuffix("/年")
    return _SAME.get(unit, unit)


def _scale(unit: str) -> tuple[float, str]:
    """Split a unit into its scale and base: 万千瓦 → (1e7, 瓦), 亿元 → (1e8, 元)."""
    scale = 1.0
    while len(unit) > 1 and unit[0] in _SCALE and unit[1:] not in ("%", ""):
        scale, unit = scale * _SCALE[unit[0]], unit[1:]
    return scale, unit


def _same_classifier(one: str, other: str) -> bool:
    """Tell whether one unit is a classifier and the other that classifier with a noun."""
    short, long = sorted((one, other), key=len)
    return short in _CLASSIFIERS and len(long) > 1 and long.startswith(short)

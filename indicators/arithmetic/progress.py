"""Progress against time: how far a target has come, how far it should have come, and what
it still takes. Pure functions over the tracked quantity and required path of
`indicators.paths`.

- time share      (t − b)/(D − b): the share of the period elapsed by the latest data year t;
- distance share  (Q(t) − Q(b))/(Q(D)* − Q(b)): the share of the way to the target covered,
                  Q(D)* being the target in tracked units (时间过半、任务过半 compares the two);
- progress ratio  (Q(t) − Q(b))/(R(t) − Q(b)): actual progress over required progress at t,
                  1 on the required path (for a linear path, distance share / time share);
- gap             Q(t) − R(t), in tracked units (the indicator's unit for level targets);
- required rate   the average yearly growth still needed over the D − t remaining years,
                  from the latest actual ("今后两年需年均增长 X%");
- ESCAP ratio     actual compound growth so far over the compound growth the whole period
                  requires (the ratio of actual to required growth used by UN ESCAP's
                  SDG Progress Report and Statistics Canada's progress measure).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from indicators.arithmetic.paths import PER_PERIOD_KINDS, TargetTerms
from indicators.vocab import ChangeUnit, TargetKind


@dataclass(frozen=True)
class Progress:
    """Progress measures at the latest data year; None where a measure does not apply."""

    latest_year: int
    latest_value: float
    required_value: float | None
    time_share: float | None
    distance_share: float | None
    progress_ratio: float | None
    gap: float | None
    required_rate: float | None  # percent a year, still needed
    required_change: float | None  # per year, in tracked units, still needed
    escap_ratio: float | None


def target_in_tracked_units(terms: TargetTerms) -> float:
    """Return what the tracked quantity must reach by the deadline."""
    if terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        base = terms.base_year or terms.deadline_year
        return (1 + terms.binding_value / 100) ** (terms.deadline_year - base)
    return terms.binding_value


def measure_progress(terms: TargetTerms, tracked: Mapping[int, float],
                     path: Mapping[int, float], latest_year: int) -> Progress:
    """Compute the progress measures at `latest_year`."""
    base, deadline = terms.base_year, terms.deadline_year
    latest = tracked[latest_year]
    required = path.get(latest_year)
    if base is None or terms.kind in PER_PERIOD_KINDS:
        return Progress(latest_year, latest, required, None, None, None,
                        None if required is None else latest - required, None, None, None)
    start = path.get(base, tracked.get(base))
    goal = target_in_tracked_units(terms)
    remaining = deadline - latest_year
    return Progress(
        latest_year=latest_year, latest_value=latest, required_value=required,
        time_share=_share(latest_year - base, deadline - base),
        distance_share=None if start is None else _share(latest - start, goal - start),
        progress_ratio=None if start is None or required is None else _share(
            latest - start, required - start),
        gap=None if required is None else latest - required,
        required_rate=_rate_still_needed(terms, latest, goal, remaining),
        required_change=None if remaining <= 0 else (goal - latest) / remaining,
        escap_ratio=_escap_ratio(terms, tracked, latest_year))


def _share(part: float, whole: float) -> float | None:
    if whole == 0 or math.isnan(part) or math.isnan(whole):
        return None
    return part / whole


def _rate_still_needed(terms: TargetTerms, latest: float, goal: float,
                       remaining: int) -> float | None:
    """Average yearly growth (percent) still needed to go from `latest` to `goal`."""
    if remaining <= 0:
        return None
    if terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        return _compound_rate(latest, goal, remaining)
    if terms.kind is TargetKind.CHANGE_VS_BASELINE and terms.change_unit is ChangeUnit.PERCENT:
        return _compound_rate(1 + latest / 100, 1 + goal / 100, remaining)
    if terms.kind in (TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE):
        return _compound_rate(latest, goal, remaining)
    return None


def _compound_rate(start: float, end: float, years: float) -> float | None:
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return ((end / start) ** (1 / years) - 1) * 100


def _escap_ratio(terms: TargetTerms, tracked: Mapping[int, float],
                 latest_year: int) -> float | None:
    base = terms.base_year
    if base is None or latest_year <= base or base not in tracked:
        return None
    if terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        actual = _compound_rate(1.0, tracked[latest_year], latest_year - base)
        required = terms.binding_value
    elif terms.kind in (TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE):
        actual = _compound_rate(tracked[base], tracked[latest_year], latest_year - base)
        required = _compound_rate(tracked[base], terms.binding_value,
                                  terms.deadline_year - base)
    else:
        return None
    if actual is None or not required:
        return None
    return actual / required

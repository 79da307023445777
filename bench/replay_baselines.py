"""Three simple ways to judge a target mid-period, implemented beside targetwatch's rule so
the replay scores them on the same checkpoints. Each returns one of three classes,
"on_track", "at_risk" or "off_track"; the latter two are its warnings. Targets judged year
by year (a ceiling kept every year, a change every year) are judged the same way by all
three: a breach in any year so far is off track, otherwise on track.

- 序时进度 (time-elapsed share, 时间过半、任务过半): the share of the way from the baseline to
  the target covered by the latest figure against the share of the period elapsed; on
  track when at least level with it, at risk when at least half of it, else off track.
- ESCAP anticipated progress (UN ESCAP, "Progress Assessment Methodology",
  https://data.unescap.org/resource-guides/progress-assessment-methodology, updated
  2026-03-04; the CAGR version of its Asia and the Pacific SDG Progress Report 2017):
  extrapolate the compound annual growth since the baseline to the deadline; on track
  when the projection meets the target, at risk when it covers at least half of the
  required progress, else off track.
- Open SDG / Statistics Canada progress ratio (open-sdg/open-sdg,
  docs/progress-methodology.md): R = observed CAGR since the baseline over the CAGR the
  target requires; a target already met is achieved (on track), R ≥ 0.95 on track,
  0.6 ≤ R < 0.95 "progress made but acceleration needed" (at risk), below that "limited
  progress" or "deterioration" (off track).

Growth targets compare average growth so far with the target rate; additive changes and
running totals use linear rates instead of compound ones.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from replay_cases import Checkpoint

from indicators.arithmetic.paths import (
    PER_PERIOD_KINDS,
    TargetTerms,
    final_measure,
    meets,
    tracked_quantity,
)
from indicators.arithmetic.progress import target_in_tracked_units
from indicators.vocab import ChangeUnit, TargetKind

TOLERANCE = 0.05  # 左右 default, as targetwatch's
Judge = Callable[[Checkpoint], str]


def _tracked(cp: Checkpoint) -> tuple[TargetTerms, dict[int, float]] | None:
    terms = cp.target.terms
    base = cp.target.base
    baseline = terms.baseline_value if terms.baseline_value is not None else cp.values.get(base)
    window = {y: v for y, v in cp.values.items() if y <= cp.data_year}
    tracked = tracked_quantity(terms, window, baseline)
    counted = [y for y in tracked if y >= cp.target.first]
    if not counted:
        return None
    if terms.kind not in PER_PERIOD_KINDS and base not in tracked:
        if terms.kind is TargetKind.CUMULATIVE_OVER_PERIOD:
            return terms, tracked
        return None
    return terms, tracked


def _per_period(terms: TargetTerms, tracked: Mapping[int, float], first: int) -> str:
    breached = any(not meets(terms, v, default_tolerance=TOLERANCE)
                   for y, v in tracked.items() if y >= first)
    return "off_track" if breached else "on_track"


def _start(cp: Checkpoint, tracked: Mapping[int, float]) -> float:
    if cp.target.terms.kind is TargetKind.CUMULATIVE_OVER_PERIOD:
        return 0.0
    return tracked[cp.target.base]


def _already_met(terms: TargetTerms, tracked: Mapping[int, float], latest: int) -> bool:
    if terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        return False
    return meets(terms, final_measure(terms, tracked, latest), default_tolerance=TOLERANCE) and (
        terms.comparator.is_floor or terms.comparator.is_ceiling)


def _classify(judged: Callable[[Checkpoint, TargetTerms, dict[int, float], int], str]) -> Judge:
    def judge(cp: Checkpoint) -> str:
        found = _tracked(cp)
        if found is None:
            return "on_track"  # nothing to judge on: no warning
        terms, tracked = found
        if terms.kind in PER_PERIOD_KINDS:
            return _per_period(terms, tracked, cp.target.first)
        latest = max(tracked)
        if _already_met(terms, tracked, latest):
            return "on_track"
        return judged(cp, terms, tracked, latest)
    return judge


def _elapsed(cp: Checkpoint, latest: int) -> tuple[int, int]:
    """Years of progress so far and years of the whole period (from the baseline; running
    totals from the year before the first counted)."""
    origin = cp.target.first - 1 if cp.target.terms.kind is \
        TargetKind.CUMULATIVE_OVER_PERIOD else cp.target.base
    return latest - origin, cp.target.terms.deadline_year - origin


def _time_share(cp: Checkpoint, terms: TargetTerms, tracked: dict[int, float],
                latest: int) -> str:
    start, goal = _start(cp, tracked), target_in_tracked_units(terms)
    done, span = _elapsed(cp, latest)
    if goal == start or span <= 0:
        return "on_track"
    distance = (tracked[latest] - start) / (goal - start)
    time = done / span
    return "on_track" if distance >= time else "at_risk" if distance >= time / 2 else "off_track"


def _compound(start: float, end: float, years: float) -> float | None:
    if years <= 0 or start <= 0 or end <= 0:
        return None
    return (end / start) ** (1 / years) - 1


def _is_linear(terms: TargetTerms) -> bool:
    return terms.kind is TargetKind.CUMULATIVE_OVER_PERIOD or (
        terms.kind is TargetKind.CHANGE_VS_BASELINE and terms.change_unit is not ChangeUnit.PERCENT)


def _level_form(terms: TargetTerms, q: float) -> float:
    """The tracked quantity as a positive level that compounds (1 + change for percent)."""
    if terms.kind is TargetKind.CHANGE_VS_BASELINE:
        return 1 + q / 100
    return q


def _projected(cp: Checkpoint, terms: TargetTerms, tracked: dict[int, float],
               latest: int) -> float:
    """The tracked quantity at the deadline if the trend since the baseline holds."""
    start, now = _start(cp, tracked), tracked[latest]
    done, span = _elapsed(cp, latest)
    if _is_linear(terms):
        return start + (now - start) * span / done
    a, b = _level_form(terms, start), _level_form(terms, now)
    rate = _compound(a, b, done)
    if rate is None:
        return start + (now - start) * span / done
    end = a * (1 + rate) ** span
    return (end - 1) * 100 if terms.kind is TargetKind.CHANGE_VS_BASELINE else end


def _escap(cp: Checkpoint, terms: TargetTerms, tracked: dict[int, float], latest: int) -> str:
    projected = _projected(cp, terms, tracked, latest)
    deadline = terms.deadline_year
    if meets(terms, final_measure(terms, {deadline: projected}, deadline),
             default_tolerance=TOLERANCE):
        return "on_track"
    start, goal = _start(cp, tracked), target_in_tracked_units(terms)
    share = (projected - start) / (goal - start) if goal != start else 0.0
    return "at_risk" if share >= 0.5 else "off_track"


def _ratio(cp: Checkpoint, terms: TargetTerms, tracked: dict[int, float], latest: int) -> str:
    start, now, goal = _start(cp, tracked), tracked[latest], target_in_tracked_units(terms)
    done, span = _elapsed(cp, latest)
    if _is_linear(terms):
        observed, required = (now - start) / done, (goal - start) / span
    else:
        a, b, g = (_level_form(terms, x) for x in (start, now, goal))
        observed_rate, required_rate = _compound(a, b, done), _compound(a, g, span)
        if observed_rate is None or required_rate is None:
            return _time_share(cp, terms, tracked, latest)
        observed, required = observed_rate, required_rate
    if required == 0 or math.isnan(required):
        return "on_track"
    ratio = observed / required
    return "on_track" if ratio >= 0.95 else "at_risk" if ratio >= 0.6 else "off_track"


BASELINES: dict[str, Judge] = {
    "序时进度 time share": _classify(_time_share),
    "ESCAP trend projection": _classify(_escap),
    "Open SDG progress ratio": _classify(_ratio),
}

"""Target arithmetic: the quantity each kind of target tracks, its required path from the
baseline to the deadline, and whether a value meets the target. Pure functions over floats.

Every kind is reduced to one *tracked quantity* Q(y) and a *required path* R(y) of it, with
Q(b) = R(b) at the baseline year b and R(D) = the target at the deadline D:

- level_at_deadline, coverage: Q = v(y); R linear, v(b) + (T − v(b))·(y − b)/(D − b).
- average_annual_growth: Q = growth index I(y) = v(y)/v(b), or ∏(1 + r_k) over published
  rates; R geometric, (1 + g)^(y − b).
- change_vs_baseline: Q = change since b, (v/v(b) − 1)·100 in percent, v − v(b) in points or
  absolute units; R geometric for percent, (1 + c)^((y − b)/(D − b)) − 1, else linear.
  A percent change of an indicator published as yearly rates (能耗强度比2015年下降15%,
  published as 同比 rates) compounds them: Q = (∏(1 + r_k/100) − 1)·100.
- change_every_year: Q = the change over each year; R = the required change, every year.
- kept_every_period: Q = v(y); R = the bound, every period.
- cumulative_over_period: Q = Σ flows from the start year s; R = T·(y − s + 1)/(D − s + 1).

Average annual growth is the geometric mean of the yearly rates,
((1+g₁)…(1+gₙ))^(1/n) − 1, so it agrees whether computed from rates or from levels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from indicators.vocab import ChangeUnit, Comparator, TargetKind, ValueType

Series = Mapping[int, float]  # year → value

# Kinds judged period by period rather than along a path to the deadline.
PER_PERIOD_KINDS = (TargetKind.KEPT_EVERY_PERIOD, TargetKind.CHANGE_EVERY_YEAR)


@dataclass(frozen=True)
class TargetTerms:
    """What a target requires, in the indicator's unit (values already converted)."""

    kind: TargetKind
    comparator: Comparator
    value: float
    deadline_year: int
    upper_value: float | None = None
    tolerance: float | None = None  # absolute, for approx (左右); None: the configured default
    change_unit: ChangeUnit | None = None
    baseline_year: int | None = None
    baseline_value: float | None = None
    start_year: int | None = None
    higher_is_better: bool = True
    value_type: ValueType = ValueType.LEVEL
    binding: bool = False
    unit: str = ""  # for sentences only

    @property
    def base_year(self) -> int | None:
        """Return the baseline year: as stated, else the year before the period starts."""
        if self.baseline_year is not None:
            return self.baseline_year
        return None if self.start_year is None else self.start_year - 1

    @property
    def first_year(self) -> int | None:
        """Return the first year whose outcome counts."""
        base = self.base_year
        return self.start_year if self.start_year is not None else (
            None if base is None else base + 1)

    @property
    def from_rates(self) -> bool:
        """Tell whether growth is read from published rates rather than from levels."""
        return self.value_type is ValueType.GROWTH_RATE

    @property
    def compounds_rates(self) -> bool:
        """Tell whether a change against the baseline in percent is read from published
        yearly rates (能耗强度比2015年下降15%, published as 同比 rates): the cumulative change
        is then ∏(1 + r/100) − 1, and no baseline level is needed."""
        return (self.kind is TargetKind.CHANGE_VS_BASELINE and self.from_rates
                and self.change_unit is ChangeUnit.PERCENT)

    @property
    def chains_years(self) -> bool:
        """Tell whether the tracked quantity chains every year's figure (compounded rates,
        running totals), so that a missing year breaks it."""
        if self.kind is TargetKind.CUMULATIVE_OVER_PERIOD or self.compounds_rates:
            return True
        return self.kind is TargetKind.AVERAGE_ANNUAL_GROWTH and self.from_rates

    @property
    def binding_value(self) -> float:
        """Return the bound that decides progress: for a range, the end a series must reach
        first (the lower end when higher is better)."""
        if self.comparator is Comparator.BETWEEN and self.upper_value is not None:
            return self.value if self.higher_is_better else self.upper_value
        return self.value


def needs_baseline_value(terms: TargetTerms) -> bool:
    """Tell whether the arithmetic needs the indicator's value in the baseline year."""
    if terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        return not terms.from_rates
    if terms.compounds_rates:
        return False
    return terms.kind in (TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE,
                          TargetKind.CHANGE_VS_BASELINE)


def fill_missing_years(terms: TargetTerms, values: Series) -> tuple[dict[int, float],
                                                                     tuple[int, ...]]:
    """Fill the years missing inside a chained target's figures (`chains_years`), from its
    first counted year to its latest figure, by linear interpolation between the nearest
    figures on either side, as the forecast bridges gaps; return the figures and the years
    filled. A year with no figure before it (or none after) stays missing: the chain then
    stops there, and the target says which year is missing. Other kinds read one year, so
    only a missing deadline year with figures on both sides is filled; targets judged year
    by year are never filled (a filled year could hide a breach)."""
    filled = dict(values)
    first = terms.first_year
    if terms.kind in PER_PERIOD_KINDS or first is None or not values:
        return filled, ()
    known = sorted(values)
    missing = []
    wanted = range(first, known[-1]) if terms.chains_years else (
        [terms.deadline_year] if first <= terms.deadline_year < known[-1] else [])
    for year in wanted:
        if year in values:
            continue
        before = [y for y in known if y < year]
        after = [y for y in known if y > year]
        if not before:
            continue
        low, high = before[-1], after[0]
        share = (year - low) / (high - low)
        filled[year] = values[low] + (values[high] - values[low]) * share
        missing.append(year)
    return filled, tuple(missing)


def tracked_quantity(terms: TargetTerms, series: Series,
                     baseline: float | None) -> dict[int, float]:
    """Return Q(y) for every year the series allows, from the baseline year to the deadline."""
    base = terms.base_year
    if base is None:
        return {}
    years = sorted(y for y in series if base <= y <= terms.deadline_year)
    match terms.kind:
        case TargetKind.AVERAGE_ANNUAL_GROWTH:
            return growth_index(series, base, terms.deadline_year, from_rates=terms.from_rates,
                                baseline=baseline)
        case TargetKind.CHANGE_VS_BASELINE if terms.compounds_rates:
            index = growth_index(series, base, terms.deadline_year, from_rates=True,
                                 baseline=None)
            return {y: (i - 1) * 100 for y, i in index.items()}
        case TargetKind.CHANGE_VS_BASELINE:
            if baseline is None:
                return {}
            return {y: _change(series[y], baseline, terms.change_unit) for y in years}
        case TargetKind.CHANGE_EVERY_YEAR:
            return {y: _change(series[y], series[y - 1], terms.change_unit)
                    for y in years if y - 1 in series and y > base}
        case TargetKind.CUMULATIVE_OVER_PERIOD:
            return cumulative_sum(series, terms.first_year or base + 1, terms.deadline_year)
        case TargetKind.KEPT_EVERY_PERIOD:
            first = terms.first_year or base + 1
            return {y: series[y] for y in years if y >= first}
        case _:
            values = {y: series[y] for y in years}
            if baseline is not None:
                values[base] = baseline
            return values


def growth_index(series: Series, base: int, last: int, *, from_rates: bool,
                 baseline: float | None) -> dict[int, float]:
    """Return the growth index I(y) relative to the base year, I(base) = 1.

    From rates (in percent): I(y) = ∏_{k=base+1..y} (1 + r_k/100), stopping at the first
    missing year. From levels: I(y) = v(y)/v(base).
    """
    if not from_rates:
        if not baseline:
            return {}
        return {y: v / baseline for y, v in series.items() if base <= y <= last} | {base: 1.0}
    index, level = {base: 1.0}, 1.0
    for year in range(base + 1, last + 1):
        if year not in series:
            break
        level *= 1 + series[year] / 100
        index[year] = level
    return index


def cumulative_sum(series: Series, first: int, last: int) -> dict[int, float]:
    """Return the running total of yearly flows from `first`, stopping at a missing year."""
    total, sums = 0.0, {first - 1: 0.0}
    for year in range(first, last + 1):
        if year not in series:
            break
        total += series[year]
        sums[year] = total
    return sums


def _change(value: float, reference: float, unit: ChangeUnit | None) -> float:
    if unit is ChangeUnit.PERCENT:
        return (value / reference - 1) * 100 if reference else math.nan
    return value - reference


def required_path(terms: TargetTerms) -> dict[int, float]:
    """Return R(y) for every year from the baseline to the deadline, in tracked units.

    For level kinds R starts from the baseline value, so `terms.baseline_value` must be set
    (the caller puts the stated or observed baseline there).
    """
    base, deadline = terms.base_year, terms.deadline_year
    if base is None:
        return {}
    years = range(base, deadline + 1)
    span = max(deadline - base, 1)
    target = terms.binding_value
    match terms.kind:
        case TargetKind.AVERAGE_ANNUAL_GROWTH:
            return {y: (1 + target / 100) ** (y - base) for y in years}
        case TargetKind.CHANGE_VS_BASELINE if terms.change_unit is ChangeUnit.PERCENT:
            return {y: ((1 + target / 100) ** ((y - base) / span) - 1) * 100 for y in years}
        case TargetKind.CHANGE_VS_BASELINE:
            return {y: target * (y - base) / span for y in years}
        case TargetKind.CUMULATIVE_OVER_PERIOD:
            first = terms.first_year or base + 1
            periods = deadline - first + 1
            return {y: target * max(y - first + 1, 0) / periods for y in range(first - 1,
                                                                             deadline + 1)}
        case TargetKind.KEPT_EVERY_PERIOD | TargetKind.CHANGE_EVERY_YEAR:
            first = terms.first_year or base + 1
            return {y: target for y in range(first, deadline + 1)}
        case _:
            if terms.baseline_value is None:
                return {}
            start = terms.baseline_value
            return {y: start + (target - start) * (y - base) / span for y in years}


def final_measure(terms: TargetTerms, tracked: Mapping[int, float], year: int) -> float:
    """Return the measure the comparator applies to at `year`: the average annual growth
    (percent) for growth targets, else the tracked quantity itself."""
    value = tracked[year]
    if terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        base = terms.base_year or year
        years = year - base
        if years <= 0 or value <= 0:
            return math.nan
        return (value ** (1 / years) - 1) * 100
    return value


def meets(terms: TargetTerms, actual: float, *, default_tolerance: float) -> bool:
    """Tell whether a value meets the target's comparator.

    ``gt`` and ``lt`` (超过, 低于) exclude the bound: a value equal to it, within float
    noise, does not meet them, as it meets ``gte`` and ``lte``. ``approx`` (左右) accepts
    anything within the tolerance of the value, and anything beyond it in the better
    direction; the tolerance is the target's own, or `default_tolerance` as a share of the
    value. ``eq`` also accepts the target's own tolerance, if any.
    """
    if math.isnan(actual):
        return False
    value = terms.value
    epsilon = 1e-9 * max(1.0, abs(value))
    match terms.comparator:
        case Comparator.GTE:
            return actual >= value - epsilon
        case Comparator.GT:
            return actual > value + epsilon
        case Comparator.LTE:
            return actual <= value + epsilon
        case Comparator.LT:
            return actual < value - epsilon
        case Comparator.BETWEEN:
            # One noise allowance for both bounds, from the larger, so that a range judges
            # a value as its mirror image judges the mirrored value.
            upper = terms.upper_value if terms.upper_value is not None else value
            epsilon = 1e-9 * max(1.0, abs(value), abs(upper))
            return value - epsilon <= actual <= upper + epsilon
        case Comparator.EQ:
            return abs(actual - value) <= (terms.tolerance or 0.0) + epsilon
        case Comparator.APPROX:
            tolerance = terms.tolerance if terms.tolerance is not None else (
                abs(value) * default_tolerance)
            if terms.higher_is_better:
                return actual >= value - tolerance - epsilon
            return actual <= value + tolerance + epsilon

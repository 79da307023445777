"""Invariants of the target arithmetic, under hypothesis.

- a series exactly on the required path is on track;
- meeting the comparator at the deadline is achieved, failing it is missed;
- flipping "higher is better" (negating every value and the comparator) mirrors statuses;
- average growth agrees whether computed from levels or from published rates.
"""

from __future__ import annotations

import math
from dataclasses import replace

from hypothesis import assume, given
from hypothesis import strategies as st

from indicators.arithmetic.paths import TargetTerms, meets, required_path
from indicators.arithmetic.status import Observed, Thresholds, status_from_actuals
from indicators.vocab import ChangeUnit, Comparator, Status, TargetKind, ValueType

values = st.floats(min_value=1.0, max_value=10_000.0, allow_nan=False)
years = st.integers(min_value=2005, max_value=2030)
spans = st.integers(min_value=2, max_value=8)
bindings = st.booleans()


@st.composite
def path_cases(draw: st.DrawFn) -> tuple[TargetTerms, dict[int, float]]:
    """A target and a series that follows its required path exactly."""
    start, span = draw(years), draw(spans)
    base, deadline = start - 1, start - 1 + span
    v0 = draw(values)
    higher = draw(st.booleans())
    factor = draw(st.floats(min_value=1.05, max_value=3.0))
    target = v0 * factor if higher else v0 / factor
    comparator = Comparator.GTE if higher else Comparator.LTE
    kind = draw(st.sampled_from(["level", "coverage", "growth_levels", "growth_rates",
                                 "change_percent", "change_points", "cumulative"]))
    common = {"deadline_year": deadline, "start_year": start, "higher_is_better": higher,
              "binding": draw(bindings), "comparator": comparator}
    if kind in ("level", "coverage"):
        terms = TargetTerms(kind=TargetKind(kind if kind == "coverage" else "level_at_deadline"),
                            value=target, **common)
        path = required_path(replace(terms, baseline_value=v0))
        return terms, dict(path)
    if kind.startswith("growth"):
        g = (factor - 1) * 100 / span if higher else -(1 - 1 / factor) * 100 / span
        terms = TargetTerms(kind=TargetKind.AVERAGE_ANNUAL_GROWTH, value=g,
                            value_type=ValueType.GROWTH_RATE if kind == "growth_rates"
                            else ValueType.LEVEL, **common)
        if kind == "growth_rates":
            return terms, {y: g for y in range(start, deadline + 1)}
        return terms, {y: v0 * (1 + g / 100) ** (y - base) for y in range(base, deadline + 1)}
    if kind.startswith("change"):
        unit = ChangeUnit.PERCENT if kind == "change_percent" else ChangeUnit.PERCENTAGE_POINT
        change = (target / v0 - 1) * 100 if unit is ChangeUnit.PERCENT else target - v0
        terms = TargetTerms(kind=TargetKind.CHANGE_VS_BASELINE, value=change, change_unit=unit,
                            baseline_year=base, **common)
        path = required_path(terms)
        if unit is ChangeUnit.PERCENT:
            return terms, {y: v0 * (1 + c / 100) for y, c in path.items()}
        return terms, {y: v0 + c for y, c in path.items()}
    terms = TargetTerms(kind=TargetKind.CUMULATIVE_OVER_PERIOD, value=abs(target),
                        **(common | {"comparator": Comparator.GTE, "higher_is_better": True}))
    return terms, {y: abs(target) / span for y in range(start, deadline + 1)}


@given(path_cases(), st.data())
def test_a_series_on_the_required_path_is_on_track(case, data) -> None:  # type: ignore[no-untyped-def]
    terms, series = case
    latest = data.draw(st.integers(terms.start_year, terms.deadline_year - 1))
    known = {y: v for y, v in series.items() if y <= latest}
    result = status_from_actuals(terms, Observed(known), as_of_year=latest)
    assert result.status is Status.ON_TRACK, result.reason()
    progress = result.progress
    assert progress is not None
    # Every kind drawn here measures progress against a baseline: a ratio is always due.
    assert progress.progress_ratio is not None, result.reason()
    assert math.isclose(progress.progress_ratio, 1.0, rel_tol=1e-6)
    # On the path the latest figure is what the path requires in that year.
    assert progress.required_value is not None
    assert math.isclose(progress.latest_value, progress.required_value, rel_tol=1e-9,
                        abs_tol=1e-9)


@given(path_cases())
def test_a_series_on_the_required_path_achieves_the_target(case) -> None:  # type: ignore[no-untyped-def]
    terms, series = case
    result = status_from_actuals(terms, Observed(series), as_of_year=terms.deadline_year)
    assert result.status is Status.ACHIEVED and result.final


@st.composite
def level_cases(draw: st.DrawFn) -> tuple[TargetTerms, dict[int, float]]:
    """A level-type target with an arbitrary series (values may be negative)."""
    start, span = draw(years), draw(spans)
    base, deadline = start - 1, start - 1 + span
    kind = draw(st.sampled_from([TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE,
                                 TargetKind.KEPT_EVERY_PERIOD, TargetKind.CHANGE_VS_BASELINE,
                                 TargetKind.CHANGE_EVERY_YEAR,
                                 TargetKind.CUMULATIVE_OVER_PERIOD]))
    comparator = draw(st.sampled_from(list(Comparator)))
    value = draw(st.floats(-1000, 1000))
    upper = value + draw(st.floats(0, 100)) if comparator is Comparator.BETWEEN else None
    last = draw(st.integers(start, deadline))
    series = {y: draw(st.floats(-1000, 1000)) for y in range(base, last + 1)}
    terms = TargetTerms(kind=kind, comparator=comparator, value=value, upper_value=upper,
                        deadline_year=deadline, start_year=start, baseline_year=base,
                        change_unit=ChangeUnit.ABSOLUTE, higher_is_better=draw(st.booleans()),
                        binding=draw(bindings), tolerance=draw(st.sampled_from([None, 1.0])))
    return terms, series


def _mirrored(terms: TargetTerms) -> TargetTerms:
    flip = {Comparator.GTE: Comparator.LTE, Comparator.LTE: Comparator.GTE,
            Comparator.GT: Comparator.LT, Comparator.LT: Comparator.GT}
    lower, upper = -terms.value, None
    if terms.upper_value is not None:
        lower, upper = -terms.upper_value, -terms.value
    return replace(terms, value=lower, upper_value=upper,
                   comparator=flip.get(terms.comparator, terms.comparator),
                   higher_is_better=not terms.higher_is_better)


@given(level_cases())
def test_flipping_higher_is_better_mirrors_the_status(case) -> None:  # type: ignore[no-untyped-def]
    terms, series = case
    as_of = max(series)
    original = status_from_actuals(terms, Observed(series), as_of_year=as_of)
    mirrored = status_from_actuals(_mirrored(terms), Observed({y: -v for y, v in series.items()}),
                                   as_of_year=as_of)
    assert mirrored.status is original.status


@given(level_cases(), st.floats(-50, 50))
def test_at_the_deadline_meeting_the_comparator_is_achieved_else_missed(case, shift) -> None:  # type: ignore[no-untyped-def]
    terms, series = case
    assume(terms.kind in (TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE))
    series = {y: v for y, v in series.items()} | {terms.deadline_year: terms.value + shift}
    for year in range(terms.start_year or 0, terms.deadline_year):
        series.setdefault(year, terms.value)
    result = status_from_actuals(terms, Observed(series), as_of_year=terms.deadline_year)
    expected = meets(terms, terms.value + shift, default_tolerance=Thresholds().approx_tolerance)
    assert result.status is (Status.ACHIEVED if expected else Status.MISSED)


@given(st.lists(st.floats(min_value=50, max_value=5000), min_size=3, max_size=9),
       st.floats(min_value=-5, max_value=15), bindings)
def test_growth_agrees_from_levels_and_from_rates(levels, target, binding) -> None:  # type: ignore[no-untyped-def]
    base = 2010
    by_year = {base + i: v for i, v in enumerate(levels)}
    rates = {y: (v / by_year[y - 1] - 1) * 100 for y, v in by_year.items() if y > base}
    deadline = base + len(levels) + 1
    common = {"kind": TargetKind.AVERAGE_ANNUAL_GROWTH, "comparator": Comparator.GTE,
              "value": target, "deadline_year": deadline, "start_year": base + 1,
              "binding": binding}
    from_levels = status_from_actuals(TargetTerms(**common, value_type=ValueType.LEVEL),
                                      Observed(by_year), as_of_year=deadline)
    from_rates = status_from_actuals(TargetTerms(**common, value_type=ValueType.GROWTH_RATE),
                                     Observed(rates), as_of_year=deadline)
    assert from_levels.status is from_rates.status
    assert from_levels.progress and from_rates.progress
    assert math.isclose(from_levels.progress.latest_value, from_rates.progress.latest_value,
                        rel_tol=1e-9)


@st.composite
def per_period_and_cumulative_cases(draw: st.DrawFn) -> tuple[TargetTerms, dict[int, float]]:
    """Ceilings, floors, yearly changes and cumulative counts, with a series on the path."""
    start, span = draw(years), draw(spans)
    base, deadline = start - 1, start - 1 + span
    kind = draw(st.sampled_from([TargetKind.CUMULATIVE_OVER_PERIOD,
                                 TargetKind.KEPT_EVERY_PERIOD, TargetKind.CHANGE_EVERY_YEAR]))
    higher = draw(st.booleans())
    comparator = Comparator.GTE if higher else Comparator.LTE
    value = draw(values)
    common = {"kind": kind, "deadline_year": deadline, "start_year": start,
              "higher_is_better": higher, "binding": draw(bindings), "comparator": comparator}
    if kind is TargetKind.CHANGE_EVERY_YEAR:
        change = value if higher else -value
        terms = TargetTerms(value=change, change_unit=ChangeUnit.PERCENTAGE_POINT, **common)
        v0 = draw(values)
        return terms, {y: v0 + change * (y - base) for y in range(base, deadline + 1)}
    if kind is TargetKind.KEPT_EVERY_PERIOD:
        return TargetTerms(value=value, **common), {y: value for y in range(start, deadline + 1)}
    terms = TargetTerms(value=value, **(common | {"comparator": Comparator.GTE,
                                                  "higher_is_better": True}))
    return terms, {y: value / span for y in range(start, deadline + 1)}


@given(per_period_and_cumulative_cases(), st.data())
def test_per_period_and_cumulative_targets_on_their_path(case, data) -> None:  # type: ignore[no-untyped-def]
    terms, series = case
    latest = data.draw(st.integers(terms.start_year, terms.deadline_year))
    known = {y: v for y, v in series.items() if y <= latest}
    result = status_from_actuals(terms, Observed(known), as_of_year=latest)
    expected = Status.ACHIEVED if latest == terms.deadline_year else Status.ON_TRACK
    assert result.status is expected, result.reason()

"""Strict comparators, gt (>, 超过/高于) and lt (<, 低于/少于): they exclude the bound.

- a value meets gt exactly when it meets gte, except at the bound (within float noise),
  where gte is met and gt is not; the same for lt and lte;
- gt and lt mirror each other under negation, as gte and lte do;
- a series exactly on the bound at the deadline achieves a gte/lte target and misses a
  gt/lt one; before the deadline, on the bound is not yet achieved early, beyond it is;
- the probability of meeting a strict target counts paths ending on the bound as misses;
- a catalogue with gt and lt loads, stores, exports and reloads unchanged.
"""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from indicators.arithmetic.chances import probability_of_meeting
from indicators.arithmetic.paths import TargetTerms, meets
from indicators.arithmetic.status import Observed, status_from_actuals
from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.data.records import target_record
from indicators.text.messages import Language
from indicators.text.wording import target_text
from indicators.vocab import Comparator, Status, TargetKind
from tests.factories import write_small_catalogue

TOLERANCE = 0.05
STRICT = {Comparator.GT: Comparator.GTE, Comparator.LT: Comparator.LTE}
MIRROR = {Comparator.GTE: Comparator.LTE, Comparator.LTE: Comparator.GTE,
          Comparator.GT: Comparator.LT, Comparator.LT: Comparator.GT}

numbers = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
strict = st.sampled_from(list(STRICT))
one_sided = st.sampled_from(list(MIRROR))


def _terms(comparator: Comparator, value: float, **extra: object) -> TargetTerms:
    return TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=comparator, value=value,
                       deadline_year=2020, **extra)  # type: ignore[arg-type]


def _meets(comparator: Comparator, value: float, actual: float) -> bool:
    return meets(_terms(comparator, value), actual, default_tolerance=TOLERANCE)


@given(strict, numbers, numbers)
def test_strict_agrees_with_inclusive_except_at_the_bound(comparator: Comparator, value: float,
                                                          actual: float) -> None:
    noise = 2e-9 * max(1.0, abs(value))  # twice meets' epsilon: clear of its edges
    if abs(actual - value) > noise:
        assert _meets(comparator, value, actual) == _meets(STRICT[comparator], value, actual)


@given(strict, numbers, st.floats(min_value=-1e-12, max_value=1e-12))
def test_the_bound_itself_meets_only_the_inclusive_comparator(comparator: Comparator,
                                                              value: float,
                                                              noise: float) -> None:
    """Equal within float noise counts as equal: 0.1 + 0.2 against 0.3 is on the bound."""
    at_bound = value * (1 + noise)
    assert _meets(STRICT[comparator], value, at_bound)
    assert not _meets(comparator, value, at_bound)
    assert _meets(STRICT[comparator], 0.3, 0.1 + 0.2)
    assert not _meets(comparator, 0.3, 0.1 + 0.2)


@given(one_sided, numbers, numbers)
def test_mirrored_comparators_agree_under_negation(comparator: Comparator, value: float,
                                                   actual: float) -> None:
    assert _meets(comparator, value, actual) == _meets(MIRROR[comparator], -value, -actual)


@st.composite
def bound_cases(draw: st.DrawFn) -> tuple[TargetTerms, dict[int, float]]:
    """A one-sided target and a series whose figure is exactly the bound in every year
    that counts (the deadline's, for level kinds; every year's, for a kept level; the
    running total's, for a cumulative one), starting from a baseline on the met side."""
    comparator = draw(one_sided)
    kind = draw(st.sampled_from([TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE,
                                 TargetKind.KEPT_EVERY_PERIOD,
                                 TargetKind.CUMULATIVE_OVER_PERIOD]))
    value = draw(st.floats(min_value=1.0, max_value=1e5))
    start = draw(st.integers(2005, 2025))
    deadline = start + draw(st.integers(0, 5))
    higher = comparator.is_floor
    terms = TargetTerms(kind=kind, comparator=comparator, value=value, deadline_year=deadline,
                        start_year=start, higher_is_better=higher)
    years = range(start, deadline + 1)
    if kind is TargetKind.CUMULATIVE_OVER_PERIOD:
        series = {y: 0.0 for y in years} | {deadline: value}
    elif kind is TargetKind.KEPT_EVERY_PERIOD:
        series = dict.fromkeys(years, value)
    else:
        series = {start - 1: value / 2 if higher else value * 2} | dict.fromkeys(years, value)
    return terms, series


@given(bound_cases())
def test_a_series_on_the_bound_at_the_deadline_meets_only_the_inclusive_target(case) -> None:  # type: ignore[no-untyped-def]
    terms, series = case
    result = status_from_actuals(terms, Observed(series), as_of_year=terms.deadline_year)
    expected = Status.MISSED if terms.comparator in STRICT else Status.ACHIEVED
    assert result.status is expected, result.reason()
    assert result.final


def test_on_the_bound_before_the_deadline_is_achieved_early_only_when_inclusive() -> None:
    """Forests at exactly 30% in 2013 of a 2011–2015 plan: 达到30% is achieved early;
    超过30% is not yet, and is once the figure passes 30%."""
    figures = {2010: 26.0, 2011: 27.0, 2012: 28.5, 2013: 30.0}
    floor = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                        value=30.0, deadline_year=2015, start_year=2011)
    above = replace(floor, comparator=Comparator.GT)
    assert status_from_actuals(floor, Observed(figures), as_of_year=2013).status \
        is Status.ACHIEVED
    on_bound = status_from_actuals(above, Observed(figures), as_of_year=2013)
    assert on_bound.status is Status.ON_TRACK and not on_bound.final
    passed = status_from_actuals(above, Observed(figures | {2013: 30.1}), as_of_year=2013)
    assert passed.status is Status.ACHIEVED
    assert passed.reason_key == "assess.achieved_early"


def test_a_ceiling_on_its_bound_is_judged_on_track_not_early() -> None:
    """低于4.5% with the latest figure exactly 4.5: not met yet, and progress is read in
    the ceiling's direction (lower is better), so still on track."""
    ceiling = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.LT,
                          value=4.5, deadline_year=2015, start_year=2011,
                          higher_is_better=False)
    result = status_from_actuals(ceiling, Observed({2010: 6.0, 2011: 5.5, 2012: 4.5}),
                                 as_of_year=2012)
    assert result.status is Status.ON_TRACK, result.reason()


@given(one_sided, st.floats(min_value=1.0, max_value=1e4))
def test_paths_ending_on_the_bound_count_as_misses_for_a_strict_target(
        comparator: Comparator, value: float) -> None:
    terms = _terms(comparator, value, start_year=2018, baseline_year=2017,
                   higher_is_better=comparator.is_floor)
    figures = {2017: value, 2018: value}
    on_bound = np.full((50, 2), value)
    beyond = on_bound * (1.01 if comparator.is_floor else 0.99)
    chance = probability_of_meeting(terms, figures, value, on_bound, default_tolerance=TOLERANCE)
    assert chance == (0.0 if comparator in STRICT else 1.0)
    assert probability_of_meeting(terms, figures, value, beyond,
                                  default_tolerance=TOLERANCE) == 1.0
    mixed = probability_of_meeting(terms, figures, value,
                                   np.vstack([on_bound[:25], beyond[:25]]),
                                   default_tolerance=TOLERANCE)
    assert mixed is not None
    assert math.isclose(mixed, 0.5 if comparator in STRICT else 1.0)


_STRICT_TARGETS = """\
  - {key: T1-forest-over, indicator: forest_coverage, region: "141100",
     kind: level_at_deadline, comparator: gt, value: 30, unit: "%", deadline: 2015,
     quote: "森林覆盖率超过30%"}
  - {key: T1-gdp-under, indicator: gdp_growth, region: "141100", kind: kept_every_period,
     comparator: lt, value: 12, unit: "%", start_year: 2011, deadline: 2015,
     quote: "增速低于12%"}
"""


def test_a_catalogue_with_strict_comparators_round_trips(session: Session,
                                                         tmp_path: Path) -> None:
    path = write_small_catalogue(tmp_path)  # its targets list comes last: append to it
    path.write_text(path.read_text(encoding="utf-8") + _STRICT_TARGETS, encoding="utf-8")
    plan = tmp_path / "documents" / "plan.txt"
    plan.write_text(plan.read_text(encoding="utf-8") + "森林覆盖率超过30%，增速低于12%。",
                    encoding="utf-8")
    loaded = catalogue.read_catalogue(path)
    specs = {t.key: t.comparator for t in loaded.catalogue.targets}
    assert (specs["T1-forest-over"], specs["T1-gdp-under"]) == (Comparator.GT, Comparator.LT)
    catalogue.load_catalogue(session, loaded)
    session.expire_all()
    over = indicator_queries.get_target(session, key="T1-forest-over")
    under = indicator_queries.get_target(session, key="T1-gdp-under")
    assert over is not None and under is not None
    assert (over.comparator, under.comparator) == (Comparator.GT, Comparator.LT)
    assert target_record(over)["comparator"] == "gt"
    assert target_record(under)["comparator"] == "lt"
    assert target_text(over, Language.ZH) == "> 30%"
    assert target_text(under, Language.EN) == "every period < 12 %"
    again = catalogue.load_catalogue(session, catalogue.read_catalogue(path))
    assert again.created + again.updated == 0


def test_a_range_judges_a_value_as_its_mirror_image_judges_the_mirrored_value() -> None:
    """Found by the mirroring property: the noise allowance came from the lower bound only,
    so [1e-8, 100] refused a tiny negative value that its mirror [-100, -1e-8] accepted."""
    value = -2.5e-172
    for lower, upper in ((1e-8, 100.0), (0.0, 100.0), (-3.0, 2.0)):
        plain = meets(_terms(Comparator.BETWEEN, lower, upper_value=upper), value,
                      default_tolerance=0.05)
        mirrored = meets(_terms(Comparator.BETWEEN, -upper, upper_value=-lower), -value,
                         default_tolerance=0.05)
        assert plain is mirrored, (lower, upper)

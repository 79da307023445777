from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.vocab import ChangeUnit, Comparator, TargetKind, ValueType
from service.demo.illustrative import TargetShape, illustrative_series, illustrative_years


@st.composite
def shapes(draw: st.DrawFn) -> TargetShape:
    kind = draw(st.sampled_from(list(TargetKind)))
    comparator = draw(st.sampled_from(list(Comparator)))
    value = Decimal(draw(st.integers(1, 10_000)))
    deadline = draw(st.integers(2012, 2030))
    start = draw(st.one_of(st.none(), st.integers(deadline - 6, deadline)))
    return TargetShape(
        key=draw(st.text(min_size=1, max_size=20)), kind=kind, comparator=comparator,
        value=value, upper_value=value * 2 if comparator is Comparator.BETWEEN else None,
        change_unit=draw(st.sampled_from(list(ChangeUnit))), start_year=start,
        deadline_year=deadline, value_type=draw(st.sampled_from(list(ValueType))),
        higher_is_better=draw(st.booleans()))


@given(shapes(), st.integers(2015, 2026))
def test_a_series_covers_its_years_and_nothing_after_the_last(shape: TargetShape,
                                                              last_year: int) -> None:
    series = illustrative_series(shape, last_year)
    assert list(series) == list(illustrative_years(shape, last_year))
    assert all(year <= last_year for year in series)
    assert all(value.is_finite() for value in series.values())


@given(shapes())
def test_the_same_target_always_gets_the_same_series(shape: TargetShape) -> None:
    assert illustrative_series(shape, 2025) == illustrative_series(shape, 2025)


def test_counts_are_whole_numbers() -> None:
    shape = TargetShape(key="003-gazelle", kind=TargetKind.LEVEL_AT_DEADLINE,
                        comparator=Comparator.GTE, value=Decimal(300), upper_value=None,
                        change_unit=None, start_year=2018, deadline_year=2022,
                        value_type=ValueType.COUNT, higher_is_better=True)
    series = illustrative_series(shape, 2025)
    assert list(series) == [2017, 2018, 2019, 2020, 2021, 2022]
    assert all(value == value.to_integral_value() for value in series.values())

"""Illustrative series pinned to the real figures known for them (pure; no database)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.vocab import Comparator, TargetKind, ValueType
from service.demo.illustrative import TargetShape, illustrative_series, illustrative_years
from service.demo.pinning import Anchor, pinned_series
from tests.target_shapes import target_shapes


def shapes() -> st.SearchStrategy[TargetShape]:
    return target_shapes(latest_deadline=2025, key_length=12)


# Values 0–100: valid for shares as well as for counts and levels.
anchor_sets = st.dictionaries(
    st.integers(2004, 2027),
    st.builds(Anchor, st.integers(0, 100).map(Decimal), st.booleans()), max_size=4)


@given(shapes(), anchor_sets)
def test_a_pinned_series_never_contradicts_a_real_figure(shape: TargetShape,
                                                        anchors: dict[int, Anchor]) -> None:
    """No generated figure in a year with a real one; between two real figures the
    generated ones lie between them; after a lower bound (outside any real pair) they stay
    at or above it; shares stay within 0–100 and counts are whole."""
    series = pinned_series(shape, 2025, anchors)
    assert set(series) == set(illustrative_years(shape, 2025)) - set(anchors)
    for year, value in series.items():
        before = [y for y in anchors if y < year]
        after = [y for y in anchors if y > year]
        if before and after:
            ends = (anchors[max(before)].value, anchors[min(after)].value)
            assert min(ends) <= value <= max(ends), (year, value, ends)
        elif shape.value_type is not ValueType.GROWTH_RATE:
            floors = [anchors[y].value for y in before if anchors[y].lower_bound]
            assert value >= max(floors, default=value), (year, value, floors)
        if shape.value_type is ValueType.SHARE or shape.kind is TargetKind.COVERAGE:
            assert 0 <= value <= 100
        if shape.value_type is ValueType.COUNT:
            assert value == value.to_integral_value()


@given(shapes())
def test_without_real_figures_the_generated_trajectory_is_unchanged(shape: TargetShape) -> None:
    assert pinned_series(shape, 2025, {}) == illustrative_series(shape, 2025)


def _gazelles(start: int = 2018, deadline: int = 2022) -> TargetShape:
    return TargetShape(key="003-gazelle-firms-2022", kind=TargetKind.LEVEL_AT_DEADLINE,
                       comparator=Comparator.GTE, value=Decimal(300), upper_value=None,
                       change_unit=None, start_year=start, deadline_year=deadline,
                       value_type=ValueType.COUNT, higher_is_better=True)


def test_a_count_known_only_after_the_period_scales_the_whole_trajectory() -> None:
    """Alone, the generator puts 302 gazelle firms in 2022; with 2,423 published for 2024
    the generated years follow the same trajectory scaled to meet that figure, so 2022
    lies below it but nowhere near 302."""
    alone = illustrative_series(_gazelles(), 2025)
    assert alone[2022] == 302
    pinned = pinned_series(_gazelles(), 2025, {2024: Anchor(Decimal(2423))})
    assert list(pinned) == [2017, 2018, 2019, 2020, 2021, 2022]
    assert 1500 < pinned[2022] < 2423
    assert pinned[2017] < pinned[2020] < pinned[2022]


def test_a_lower_bound_is_a_floor_for_the_years_after_it() -> None:
    """"超过2400家" published for 2019: the years after it never fall below 2400, even
    where the generated trajectory (ahead of a falling target) would."""
    shape = TargetShape(key="x", kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.LTE,
                        value=Decimal(300), upper_value=None, change_unit=None,
                        start_year=2018, deadline_year=2022, value_type=ValueType.COUNT,
                        higher_is_better=False)
    pinned = pinned_series(shape, 2025, {2019: Anchor(Decimal(2400), lower_bound=True)})
    assert all(pinned[year] >= 2400 for year in (2020, 2021, 2022))
    assert pinned[2017] < 2400 * 2  # before the bound the trajectory is free, but scaled


def test_years_between_two_real_figures_run_straight_from_one_to_the_next() -> None:
    pinned = pinned_series(_gazelles(), 2025, {2017: Anchor(Decimal(100)),
                                               2021: Anchor(Decimal(500))})
    assert [pinned[y] for y in (2018, 2019, 2020)] == [200, 300, 400]
    assert 2022 in pinned and 2017 not in pinned and 2021 not in pinned

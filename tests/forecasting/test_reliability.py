"""Brier score, its base-rate reference and the reliability table (pure)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecasting.reliability import brier_score, reliability_bins, score

pairs = st.lists(st.tuples(st.floats(0, 1), st.booleans()), min_size=1, max_size=200)


def _split(found: list[tuple[float, bool]]) -> tuple[list[float], list[bool]]:
    return [p for p, _ in found], [o for _, o in found]


@given(pairs)
def test_brier_is_the_mean_squared_error_and_lies_in_0_1(found: list[tuple[float, bool]]) -> None:
    p, o = _split(found)
    value = brier_score(p, o)
    assert value is not None and 0 <= value <= 1
    assert math.isclose(value, sum((a - b) ** 2 for a, b in zip(p, o, strict=True)) / len(p),
                        abs_tol=1e-12)


@given(st.lists(st.booleans(), min_size=1, max_size=200))
def test_stating_the_base_rate_scores_exactly_the_reference(outcomes: list[bool]) -> None:
    rate = sum(outcomes) / len(outcomes)
    found = score([rate] * len(outcomes), outcomes)
    assert found.reference is not None and found.brier is not None
    assert math.isclose(found.brier, found.reference, abs_tol=1e-12)
    assert math.isclose(found.reference, rate * (1 - rate), abs_tol=1e-12)
    if found.skill is not None:
        assert math.isclose(found.skill, 0, abs_tol=1e-9)


@given(st.lists(st.booleans(), min_size=2, max_size=200).filter(lambda o: 0 < sum(o) < len(o)))
def test_certain_and_right_scores_0_with_full_skill(outcomes: list[bool]) -> None:
    found = score([float(o) for o in outcomes], outcomes)
    assert found.brier == 0 and found.skill == 1


def test_a_set_of_one_outcome_has_no_skill_to_measure() -> None:
    found = score([0.9, 0.7], [True, True])
    assert found.reference == 0 and found.skill is None
    assert score([], []).brier is None and brier_score([], []) is None


@given(pairs, st.integers(1, 12))
def test_bins_hold_every_pair_once_and_their_means_lie_inside(
        found: list[tuple[float, bool]], bins: int) -> None:
    p, o = _split(found)
    table = reliability_bins(p, o, bins)
    assert len(table) == bins and sum(b.count for b in table) == len(p)
    assert sum(round((b.share_met or 0) * b.count) for b in table) == sum(o)
    for b in table:
        if b.count:
            assert b.mean_probability is not None
            assert b.lower - 1e-12 <= b.mean_probability <= b.upper + 1e-12
        else:
            assert b.mean_probability is None and b.share_met is None
    assert table[-1].upper == 1 and table[0].lower == 0


def test_probability_one_falls_in_the_last_bin_and_bad_input_is_refused() -> None:
    table = reliability_bins([1.0, 0.0, 0.5], [True, False, True], 2)
    assert [b.count for b in table] == [1, 2]
    assert table[1].share_met == 1.0
    with pytest.raises(ValueError):
        reliability_bins([1.2], [True])
    with pytest.raises(ValueError):
        brier_score([0.5, 0.5], [True])

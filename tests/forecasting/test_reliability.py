"""Brier score, its base-rate reference and the reliability table (pure)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forecasting.reliability import (
    GroupSums,
    bin_edges,
    bins_from_sums,
    brier_score,
    reliability_bins,
    score,
    score_from_sums,
)

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


@given(st.lists(st.tuples(st.integers(0, 5), pairs), min_size=0, max_size=8), st.integers(1, 7))
def test_sums_give_what_the_pairs_give(groups: list[tuple[int, list[tuple[float, bool]]]],
                                       bins: int) -> None:
    """A database sums each target's pairs (one outcome per target) and each (bin, met);
    the scores and bins from those sums equal the ones from the pairs themselves."""
    p: list[float] = []
    o: list[bool] = []
    sums, by_bin = [], {}
    edges = bin_edges(bins)
    for _, found in groups:
        met = found[0][1]
        probabilities = [q for q, _ in found]
        p += probabilities
        o += [met] * len(found)
        sums.append(GroupSums(len(found), sum(probabilities), sum(q * q for q in probabilities),
                              met))
        for q in probabilities:
            key = (sum(edge <= q for edge in edges), met)
            count, total = by_bin.get(key, (0, 0.0))
            by_bin[key] = (count + 1, total + q)
    expected, found_score = score(p, o), score_from_sums(sums)
    assert found_score.pairs == expected.pairs
    for a, b in ((found_score.brier, expected.brier), (found_score.skill, expected.skill),
                 (found_score.base_rate, expected.base_rate)):
        assert (a is None) == (b is None)
        if a is not None and b is not None:
            assert math.isclose(a, b, abs_tol=1e-9)
    rows = [(index, met, count, total) for (index, met), (count, total) in by_bin.items()]
    for got, want in zip(bins_from_sums(rows, bins), reliability_bins(p, o, bins), strict=True):
        assert got.count == want.count
        assert (got.share_met is None) == (want.share_met is None)
        if got.mean_probability is not None and want.mean_probability is not None:
            assert math.isclose(got.mean_probability, want.mean_probability, abs_tol=1e-9)

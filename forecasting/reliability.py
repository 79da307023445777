"""Scoring stated probabilities against outcomes: the Brier score, its reference and the
reliability table (pure; numpy only).

- **Brier score** (Brier 1950): the mean of (p − o)² over stated probabilities p and outcomes
  o ∈ {0, 1}; 0 is perfect, and always saying ½ scores 0.25.
- **Reference**: the Brier score of always stating the base rate ō (the share met),
  ō(1 − ō). A forecaster whose probabilities carry information beats it; the **skill**
  1 − Brier / reference is above 0 exactly then (Murphy 1973's decomposition: the
  reference is the uncertainty term).
- **From sums**: both are sums, so a database can add up each group's pairs (count, Σp,
  Σp², per group with one outcome) and `score_from_sums` / `bins_from_sums` give exactly
  what the pairs themselves would: Σ(p − o)² = Σp² − 2oΣp + n·o for o ∈ {0, 1}.
- **Reliability table**: the probabilities in equal-width bins over [0, 1]; per bin the
  number of pairs, their mean stated probability and the share that were met. A reliable
  forecaster's bins lie on the diagonal (Wilks, Statistical Methods in the Atmospheric
  Sciences, §8.4.4).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ReliabilityBin:
    """One bin of stated probabilities: [lower, upper), the last bin closed at 1."""

    lower: float
    upper: float
    count: int
    mean_probability: float | None
    share_met: float | None


@dataclass(frozen=True)
class Score:
    """The Brier score of a set of pairs, its base-rate reference and the skill."""

    pairs: int
    brier: float | None
    base_rate: float | None
    reference: float | None
    skill: float | None


def _arrays(probabilities: Sequence[float], outcomes: Sequence[bool]
            ) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(probabilities, dtype=float)
    o = np.asarray(outcomes, dtype=float)
    if p.shape != o.shape:
        raise ValueError("probabilities and outcomes differ in length")
    if p.size and (np.nanmin(p) < 0 or np.nanmax(p) > 1 or np.isnan(p).any()):
        raise ValueError("probabilities must lie in [0, 1]")
    return p, o


def bin_edges(bins: int) -> list[float]:
    """Return the inner bin edges k/bins, k = 1…bins−1: a probability p falls in the bin
    numbered by how many edges are ≤ p (so 1 falls in the last bin)."""
    if bins < 1:
        raise ValueError("bins must be at least 1")
    return [k / bins for k in range(1, bins)]


def brier_score(probabilities: Sequence[float], outcomes: Sequence[bool]) -> float | None:
    """Return mean (p − o)², or None for no pairs."""
    p, o = _arrays(probabilities, outcomes)
    return float(np.mean((p - o) ** 2)) if p.size else None


def score(probabilities: Sequence[float], outcomes: Sequence[bool]) -> Score:
    """Return the Brier score with its reference ō(1 − ō) and skill 1 − Brier/reference
    (None when every outcome is the same: the base rate is then a perfect forecast)."""
    p, o = _arrays(probabilities, outcomes)
    if not p.size:
        return Score(0, None, None, None, None)
    brier = float(np.mean((p - o) ** 2))
    base_rate = float(o.mean())
    reference = base_rate * (1 - base_rate)
    skill = 1 - brier / reference if reference > 0 else None
    return Score(int(p.size), brier, base_rate, reference, skill)


def reliability_bins(probabilities: Sequence[float], outcomes: Sequence[bool],
                     bins: int = 5) -> list[ReliabilityBin]:
    """Return `bins` equal-width bins over [0, 1] with, per bin, the count of pairs, their
    mean stated probability and the share met (None for an empty bin)."""
    edges = bin_edges(bins)
    p, o = _arrays(probabilities, outcomes)
    index = np.searchsorted(np.asarray(edges), p, side="right")
    counts = np.bincount(index, minlength=bins)
    stated = np.bincount(index, weights=p, minlength=bins)
    met = np.bincount(index, weights=o, minlength=bins)
    return [ReliabilityBin(k / bins, (k + 1) / bins, int(counts[k]),
                           float(stated[k] / counts[k]) if counts[k] else None,
                           float(met[k] / counts[k]) if counts[k] else None)
            for k in range(bins)]


@dataclass(frozen=True)
class GroupSums:
    """The pairs of one group that share an outcome (one target): how many, Σp and Σp²."""

    count: int
    sum_p: float
    sum_p2: float
    met: bool


def score_from_sums(groups: Sequence[GroupSums]) -> Score:
    """Return `score` of the pairs the groups sum up, without the pairs."""
    n = sum(g.count for g in groups)
    if not n:
        return Score(0, None, None, None, None)
    squared = sum(g.sum_p2 - 2 * g.sum_p * g.met + g.count * g.met for g in groups)
    brier = max(squared / n, 0.0)  # rounding can leave −1e-17 for a perfect score
    base_rate = sum(g.count for g in groups if g.met) / n
    reference = base_rate * (1 - base_rate)
    skill = 1 - brier / reference if reference > 0 else None
    return Score(n, brier, base_rate, reference, skill)


def bins_from_sums(rows: Sequence[tuple[int, bool, int, float]], bins: int = 5
                   ) -> list[ReliabilityBin]:
    """Return `reliability_bins` from per-(bin, met) sums: (bin index by `bin_edges`, met,
    count, Σp)."""
    bin_edges(bins)
    counts, stated, met = [0] * bins, [0.0] * bins, [0] * bins
    for index, was_met, count, sum_p in rows:
        counts[index] += count
        stated[index] += sum_p
        met[index] += count if was_met else 0
    return [ReliabilityBin(k / bins, (k + 1) / bins, counts[k],
                           stated[k] / counts[k] if counts[k] else None,
                           met[k] / counts[k] if counts[k] else None) for k in range(bins)]

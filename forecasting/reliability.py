"""Scoring stated probabilities against outcomes: the Brier score, its reference and the
reliability table (pure; numpy only).

- **Brier score** (Brier 1950): the mean of (p − o)² over stated probabilities p and outcomes
  o ∈ {0, 1}; 0 is perfect, and always saying ½ scores 0.25.
- **Reference**: the Brier score of always stating the base rate ō (the share met),
  ō(1 − ō). A forecaster whose probabilities carry information beats it; the **skill**
  1 − Brier / reference is above 0 exactly then (Murphy 1973's decomposition: the
  reference is the uncertainty term).
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
    if bins < 1:
        raise ValueError("bins must be at least 1")
    p, o = _arrays(probabilities, outcomes)
    index = np.minimum((p * bins).astype(int), bins - 1)
    counts = np.bincount(index, minlength=bins)
    stated = np.bincount(index, weights=p, minlength=bins)
    met = np.bincount(index, weights=o, minlength=bins)
    return [ReliabilityBin(k / bins, (k + 1) / bins, int(counts[k]),
                           float(stated[k] / counts[k]) if counts[k] else None,
                           float(met[k] / counts[k]) if counts[k] else None)
            for k in range(bins)]

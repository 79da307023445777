"""Scores of a judging method over the replay's checkpoints.

Every method gives, at each checkpoint, a class (a status) and whether it warns; a method
that gives only classes is turned into probabilities by each class's met-rate, **fitted
leave-one-target-out**: a checkpoint's probability is the met-rate of its class over the
checkpoints of every other target (Laplace-smoothed, (met + 1)/(n + 2)), so no target's
own outcome informs its probability. (Leaving out whole documents was tried first; with a
handful of documents it leaves each class too few checkpoints, and it penalises the
methods with more classes for that rather than for their calls.) targetwatch's
probability is used as it is where the forecast gives one, and its status's mapped
probability where it does not.

- Brier score: mean over checkpoints of (probability − outcome)², outcome 1 when met.
- Warned: the share of missed targets warned at some checkpoint before the deadline
  (the last is 30 June of the deadline year), and by 60% of the period (checkpoints whose
  data year is at most 60% of the way from the baseline to the deadline).
- False alarms: met targets warned at a checkpoint in the last two years before the
  deadline (data years D − 2 and D − 1).
- Reliability: checkpoints binned by probability, each bin's count, mean probability and
  observed met-rate.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from replay_cases import Checkpoint

EARLY_SHARE = 0.6
LATE_YEARS = 2
BINS = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0000001)


@dataclass(frozen=True)
class Call:
    """A method's call at one checkpoint."""

    cp: Checkpoint
    klass: str
    warns: bool
    probability: float | None = None  # None: map the class to its met-rate


@dataclass(frozen=True)
class Score:
    """A method's figures over the replay."""

    brier: float
    missed: int
    warned: int
    warned_early: int
    met: int
    false_alarms: int
    checkpoints: int
    reliability: tuple[tuple[str, int, float, float], ...]  # bin, n, mean p, met-rate

    @property
    def warned_share(self) -> float:
        return self.warned / self.missed if self.missed else 0.0

    @property
    def warned_early_share(self) -> float:
        return self.warned_early / self.missed if self.missed else 0.0


def class_rates(calls: Sequence[Call], leave_out: str | None) -> dict[str, float]:
    """Each class's smoothed met-rate over the calls of targets other than `leave_out`."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for call in calls:
        if call.cp.target.key != leave_out:
            counts[call.klass][0] += call.cp.target.met
            counts[call.klass][1] += 1
    return {k: (met + 1) / (n + 2) for k, (met, n) in counts.items()}


def probabilities(calls: Sequence[Call]) -> list[float]:
    """Each call's probability: its own, else its class's leave-one-target-out met-rate."""
    rates = {key: class_rates(calls, key) for key in {c.cp.target.key for c in calls}}
    return [c.probability if c.probability is not None
            else rates[c.cp.target.key].get(c.klass, 0.5) for c in calls]


def score(calls: Sequence[Call]) -> Score:
    """Score one method's calls (module docstring)."""
    probs = probabilities(calls)
    outcomes = [float(c.cp.target.met) for c in calls]
    brier = sum((p - o) ** 2 for p, o in zip(probs, outcomes, strict=True)) / max(len(calls), 1)
    targets = {c.cp.target.key: c.cp.target for c in calls}
    missed = {k for k, t in targets.items() if not t.met}
    warned = {c.cp.target.key for c in calls if c.warns}
    early = {c.cp.target.key for c in calls if c.warns and c.cp.time_share <= EARLY_SHARE}
    late = {c.cp.target.key for c in calls if c.warns and c.cp.years_left <= LATE_YEARS}
    return Score(brier, len(missed), len(missed & warned), len(missed & early),
                 len(targets) - len(missed), len(late - missed), len(calls),
                 _reliability(probs, outcomes))


def _reliability(probs: Sequence[float],
                 outcomes: Sequence[float]) -> tuple[tuple[str, int, float, float], ...]:
    rows = []
    for lo, hi in pairwise(BINS):
        inside = [(p, o) for p, o in zip(probs, outcomes, strict=True) if lo <= p < hi]
        if inside:
            rows.append((f"{lo:.1f}–{min(hi, 1.0):.1f}", len(inside),
                         sum(p for p, _ in inside) / len(inside),
                         sum(o for _, o in inside) / len(inside)))
    return tuple(rows)

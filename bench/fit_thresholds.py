"""Fit the status thresholds on the replay (`bench/replay.py`): a small grid search, judged
honestly by leave-one-document-out.

Usage (from the repository root)::

    PYTHONPATH=. .venv/bin/python bench/fit_thresholds.py [--data DIR]

The grid covers the probability cut points of expected targets (on track at or above
`likely_meet_expected`, off track below `likely_miss_expected`), how much higher a binding
target's are (its on-track cut point at least 0.05 higher: the issue asks that binding
targets be warned earlier, a policy the replay's few binding targets cannot fit), the
hysteresis band, and the progress-ratio thresholds that decide when there is no forecast.
Each grid point replays every target's statuses (the outlooks are computed once: they do
not depend on the thresholds) and is scored by

    J = missed targets warned before the deadline + missed targets warned by 60% of the
        period − 2 × met targets falsely alarmed in their last two years
        − (number of targets) × the status's Brier score

(warnings first, each false alarm costing two warnings, the Brier score breaking ties).
The chosen point maximises J over all documents. To see how much of its edge is fitted
noise, each document is then held out in turn: the grid point that maximises J over the
other documents judges the held-out one, and the held-out calls together are scored like
any method (`replay_scores.score`). Both are printed; `bench/RESULTS.md` records them.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from replay import STATUS, targetwatch_calls  # noqa: E402
from replay_cases import Checkpoint, checkpoints, load_targets  # noqa: E402
from replay_scores import Call, Score, class_rates, score  # noqa: E402
from replay_targetwatch import outlooks_by_checkpoint, replay_statuses  # noqa: E402

from indicators.arithmetic.thresholds import Thresholds  # noqa: E402

GRID = {
    "likely_meet_expected": (0.53, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8),
    "likely_miss_expected": (0.2, 0.3, 0.4, 0.5),
    "binding_meet_extra": (0.05, 0.1, 0.15),  # > 0: binding targets are warned earlier
    "binding_miss_extra": (0.0, 0.1),
    "hysteresis": (0.03, 0.05),
    "on_track_expected": (0.9, 1.0),
    "at_risk_expected": (0.7, 0.8),
}
RATIO_BINDING_EXTRA = (0.08, 0.15)  # binding progress-ratio thresholds: the old defaults' gap


def grid() -> Iterator[Thresholds]:
    """Every valid grid point as Thresholds."""
    names = list(GRID)
    for values in itertools.product(*GRID.values()):
        point = dict(zip(names, values, strict=True))
        meet_b = point["likely_meet_expected"] + point.pop("binding_meet_extra")
        miss_b = point["likely_miss_expected"] + point.pop("binding_miss_extra")
        try:
            yield Thresholds(
                **point, likely_meet_binding=min(round(meet_b, 2), 1.0),
                likely_miss_binding=min(round(miss_b, 2), 0.5),
                on_track_binding=round(point["on_track_expected"] + RATIO_BINDING_EXTRA[0], 2),
                at_risk_binding=round(point["at_risk_expected"] + RATIO_BINDING_EXTRA[1], 2))
        except ValueError:
            continue


def objective(calls: Sequence[Call]) -> float:
    """J of the module docstring, the Brier score from in-sample class met-rates."""
    rates = class_rates(calls, None)
    brier = sum((rates[c.klass] - c.cp.target.met) ** 2 for c in calls) / max(len(calls), 1)
    s = score(calls)
    targets = len({c.cp.target.key for c in calls})
    return s.warned + s.warned_early - 2 * s.false_alarms - targets * brier


def _status_calls(points: Sequence[Checkpoint], found: Mapping,
                  thresholds: Thresholds) -> list[Call]:
    return targetwatch_calls(points, replay_statuses(points, found, thresholds))[STATUS]


def _best(candidates: Sequence[tuple[Thresholds, list[Call]]],
          keep: str | None) -> tuple[Thresholds, list[Call]]:
    """The grid point with the highest J on the documents other than `keep`."""
    def j(item: tuple[Thresholds, list[Call]]) -> float:
        return objective([c for c in item[1] if c.cp.target.document != keep])
    return max(candidates, key=j)


def _describe(t: Thresholds) -> str:
    return (f"meet/miss expected {t.likely_meet_expected}/{t.likely_miss_expected}, binding "
            f"{t.likely_meet_binding}/{t.likely_miss_binding}, hysteresis {t.hysteresis}, "
            f"ratio expected {t.on_track_expected}/{t.at_risk_expected}, binding "
            f"{t.on_track_binding}/{t.at_risk_binding}")


def _line(name: str, s: Score) -> str:
    return (f"{name}: Brier {s.brier:.3f}, warned {s.warned}/{s.missed} before the deadline, "
            f"{s.warned_early}/{s.missed} by 60%, false alarms {s.false_alarms}/{s.met}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "replay_data")
    args = parser.parse_args(argv)
    targets = load_targets(args.data)
    points = [cp for t in targets for cp in checkpoints(t)]
    found = outlooks_by_checkpoint(points, tolerance=Thresholds().approx_tolerance)
    candidates = [(t, _status_calls(points, found, t)) for t in grid()]
    print(f"{len(candidates)} grid points, {len(targets)} targets, {len(points)} checkpoints")
    chosen, calls = _best(candidates, None)
    print("chosen on all documents:", _describe(chosen))
    print(_line("  in sample", score(calls)))
    print(_line("  current defaults", score(_status_calls(points, found, Thresholds()))))
    held_out: list[Call] = []
    documents = sorted({t.document for t in targets})
    same = 0
    for document in documents:
        fitted, fitted_calls = _best(candidates, document)
        same += fitted == chosen
        held_out += [c for c in fitted_calls if c.cp.target.document == document]
        print(f"  without {document[:30]}: {_describe(fitted)}")
    print(_line("leave-one-document-out", score(held_out)))
    print(f"the held-out fits equal the chosen point for {same} of {len(documents)} documents")


if __name__ == "__main__":
    main()

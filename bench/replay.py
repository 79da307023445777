"""Replay benchmark: targetwatch's status and probability against three simple baselines on
real plan targets whose outcomes are known, replayed year by year with only the figures
published by each date.

Usage (from the repository root)::

    PYTHONPATH=. .venv/bin/python bench/replay.py [--data DIR] [--targets] [--json OUT]

DIR holds one YAML file per plan document (default `bench/replay_data/`; format in its
README). Checkpoints and what is known at each: `bench/replay_cases.py`; targetwatch's
verdicts: `bench/replay_targetwatch.py` (the service's own code, with the `Thresholds`
defaults unless `--thresholds` names a JSON file of overrides); the baselines:
`bench/replay_baselines.py`; the scores: `bench/replay_scores.py`. Prints one table
(Brier score, missed targets warned before the deadline and by 60% of the period, false
alarms in the last two years, each figure's ratio to the best baseline's) and a
reliability table per method.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from replay_baselines import BASELINES  # noqa: E402  (bench/ is no package)
from replay_cases import Checkpoint, ReplayTarget, checkpoints, load_targets  # noqa: E402
from replay_scores import Call, Score, score  # noqa: E402
from replay_targetwatch import (  # noqa: E402
    CheckpointKey,
    Verdict,
    outlooks_by_checkpoint,
    replay_statuses,
)

from indicators.arithmetic.thresholds import Thresholds  # noqa: E402
from indicators.vocab import Status  # noqa: E402

WARNING_STATUSES = (Status.AT_RISK, Status.OFF_TRACK, Status.MISSED)
STATUS = "targetwatch status"
PROBABILITY = "targetwatch probability"


def targetwatch_calls(points: Sequence[Checkpoint],
                      verdicts: Mapping[CheckpointKey, Verdict]) -> dict[str, list[Call]]:
    """targetwatch's two methods: the status (warns at risk, off track or missed; scored
    by its class's met-rate) and the probability (warns below one half; where there is
    none, the status's call stands in)."""
    status_calls, probability_calls = [], []
    for cp in points:
        verdict = verdicts[cp.target.key, cp.data_year]
        status = verdict.assessment.status
        warns = status in WARNING_STATUSES
        status_calls.append(Call(cp, status.value, warns))
        p = verdict.probability
        probability_calls.append(Call(cp, status.value, warns if p is None else p < 0.5, p))
    return {STATUS: status_calls, PROBABILITY: probability_calls}


def baseline_calls(points: Sequence[Checkpoint]) -> dict[str, list[Call]]:
    """Each baseline's class and warning at every checkpoint."""
    found = {}
    for name, judge in BASELINES.items():
        calls = []
        for cp in points:
            klass = judge(cp)
            calls.append(Call(cp, klass, klass != "on_track"))
        found[name] = calls
    return found


def _ratio(value: float, best: float) -> str:
    return "—" if best == 0 else f"{value / best:.2f}"


def print_table(scores: Mapping[str, Score]) -> None:
    """The main table: one row per method, with ratios to the best baseline's figure."""
    baselines = [s for name, s in scores.items() if name in BASELINES]
    best_brier = min(s.brier for s in baselines)
    best_warned = max(s.warned for s in baselines)
    best_early = max(s.warned_early for s in baselines)
    best_alarms = min(s.false_alarms for s in baselines)
    print("| method | Brier | ×best | missed warned before deadline | ×best | by 60% of period "
          "| ×best | false alarms (met, last 2 y) | best |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, s in scores.items():
        print(f"| {name} | {s.brier:.3f} | {_ratio(s.brier, best_brier)} "
              f"| {s.warned}/{s.missed} ({s.warned_share:.0%}) | {_ratio(s.warned, best_warned)} "
              f"| {s.warned_early}/{s.missed} ({s.warned_early_share:.0%}) "
              f"| {_ratio(s.warned_early, best_early)} | {s.false_alarms}/{s.met} "
              f"| {best_alarms} |")


def print_reliability(scores: Mapping[str, Score]) -> None:
    """Predicted-probability bins against observed met-rates, per method."""
    print("\n| method | bin | checkpoints | mean probability | observed met-rate |")
    print("|---|---|---:|---:|---:|")
    for name, s in scores.items():
        for label, n, mean, rate in s.reliability:
            print(f"| {name} | {label} | {n} | {mean:.2f} | {rate:.2f} |")


def print_targets(targets: Sequence[ReplayTarget], calls: Mapping[str, list[Call]],
                  verdicts: Mapping[CheckpointKey, Verdict]) -> None:
    """One line per target and checkpoint: each method's class, and the probability."""
    names = list(calls)
    by_point = {name: {(c.cp.target.key, c.cp.data_year): c for c in cs}
                for name, cs in calls.items()}
    for t in targets:
        print(f"\n{t.key} ({'met' if t.met else 'MISSED'}, "
              f"{'binding' if t.terms.binding else 'expected'}, {t.terms.kind.value})")
        for cp in checkpoints(t):
            key = (t.key, cp.data_year)
            p = verdicts[key].probability
            cells = "  ".join(f"{by_point[n][key].klass[:9]:9}" for n in names[1:])
            print(f"  {cp.data_year}  p={'   —' if p is None else f'{p:.2f}'}  {cells}  "
                  f"{verdicts[key].assessment.reason_key}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "replay_data")
    parser.add_argument("--thresholds", type=Path, help="JSON file of Thresholds overrides")
    parser.add_argument("--targets", action="store_true", help="print each target's calls")
    parser.add_argument("--json", type=Path, help="write the scores as JSON")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    thresholds = Thresholds(**json.loads(args.thresholds.read_text())) if args.thresholds \
        else Thresholds()
    targets = load_targets(args.data)
    points = [cp for t in targets for cp in checkpoints(t)]
    found = outlooks_by_checkpoint(points, tolerance=thresholds.approx_tolerance)
    verdicts = replay_statuses(points, found, thresholds)
    calls = targetwatch_calls(points, verdicts) | baseline_calls(points)
    scores = {name: score(cs) for name, cs in calls.items()}
    missed = sum(not t.met for t in targets)
    documents = len({t.document for t in targets})
    print(f"{len(targets)} targets ({missed} missed) from {documents} documents, "
          f"{len(points)} checkpoints, {sum(v.probability is not None for v in verdicts.values())}"
          f" with a probability\n")
    print_table(scores)
    print_reliability(scores)
    if args.targets:
        print_targets(targets, {"status": calls[STATUS], **calls}, verdicts)
    if args.json:
        args.json.write_text(json.dumps({n: s.__dict__ for n, s in scores.items()}, indent=1))
    print(f"\n({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()

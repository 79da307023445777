"""targetwatch's verdict at each replay checkpoint, through the code the service runs: the
arithmetic (`status_from_actuals`), the outlook of every target's series forecast in one
panel of everything known on the checkpoint's date (`indicators.runs.outlook.outlooks`,
as `run_assessment` does), and the rule that combines them
(`indicators.runs.assessment.with_outlook`). Pure: no database.

The outlooks do not depend on the status thresholds, so they are computed once
(`outlooks_by_checkpoint`) and the statuses can be replayed under many thresholds cheaply
(`replay_statuses`), each target's checkpoints in order so hysteresis sees the previous
status, as the nightly runs do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import SimpleNamespace

from replay_cases import Checkpoint

from indicators.arithmetic.definitions import Observed
from indicators.arithmetic.status import Assessment, status_from_actuals
from indicators.arithmetic.thresholds import Thresholds
from indicators.runs.assessment import with_outlook
from indicators.runs.outlook import Outlook, outlooks, request_for, value_bounds
from indicators.vocab import Status

CheckpointKey = tuple[str, int]  # (target key, data year)


@dataclass(frozen=True)
class Verdict:
    """targetwatch's status and probability at one checkpoint."""

    assessment: Assessment
    probability: float | None  # None: no forecast (too few figures)
    arithmetic: Status  # what the arithmetic alone said (before the probability)


def _key(cp: Checkpoint) -> CheckpointKey:
    return cp.target.key, cp.data_year


def _bounds(cp: Checkpoint) -> tuple[float | None, float | None]:
    indicator = SimpleNamespace(value_type=cp.target.terms.value_type, plausible_min=None,
                                plausible_max=None)
    return value_bounds(indicator)  # type: ignore[arg-type]


def outlooks_by_checkpoint(points: Sequence[Checkpoint], *,
                           tolerance: float) -> dict[CheckpointKey, Outlook]:
    """The outlook of every checkpoint, one forecast panel per checkpoint date holding
    every target's series as known on that date."""
    by_date: dict[object, list[Checkpoint]] = defaultdict(list)
    for cp in points:
        by_date[cp.as_of].append(cp)
    found: dict[CheckpointKey, Outlook] = {}
    for day, group in sorted(by_date.items(), key=lambda item: str(item[0])):
        requests = []
        for cp in group:
            request = request_for(cp.target.terms, Observed(cp.values), key=cp.target.key,
                                  series_id=cp.target.key, as_of_year=day.year,  # type: ignore[attr-defined]
                                  bounds=_bounds(cp))
            if request is not None:
                requests.append(request)
        for key, outlook in outlooks(requests, default_tolerance=tolerance).items():
            found[key, group[0].data_year] = outlook
    return found


def replay_statuses(points: Sequence[Checkpoint], found: Mapping[CheckpointKey, Outlook],
                    thresholds: Thresholds) -> dict[CheckpointKey, Verdict]:
    """targetwatch's verdict at every checkpoint under `thresholds`."""
    by_target: dict[str, list[Checkpoint]] = defaultdict(list)
    for cp in points:
        by_target[cp.target.key].append(cp)
    verdicts: dict[CheckpointKey, Verdict] = {}
    for group in by_target.values():
        previous: Status | None = None
        for cp in sorted(group, key=lambda c: c.data_year):
            verdict = _verdict(cp, found.get(_key(cp)), thresholds, previous)
            verdicts[_key(cp)] = verdict
            previous = verdict.assessment.status
    return verdicts


def _verdict(cp: Checkpoint, outlook: Outlook | None, thresholds: Thresholds,
             previous: Status | None) -> Verdict:
    terms = cp.target.terms
    arithmetic = status_from_actuals(terms, Observed(cp.values), as_of_year=cp.data_year + 1,
                                     thresholds=thresholds, previous=previous)
    assessment = arithmetic if outlook is None else with_outlook(
        arithmetic, outlook, binding=terms.binding, thresholds=thresholds, previous=previous)
    return Verdict(assessment, None if outlook is None else outlook.probability,
                   arithmetic.status)

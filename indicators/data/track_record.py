"""The track record: for every target whose deadline has passed and whose outcome is
settled, what was said about it along the way (status and probability at each stored run)
against how it ended; and the pairs (stated probability, met) that score the forecasts.

Read set-based: one query for the outcome results, one for the targets' names, one for
every result before the moment asked for, and the bases of the outcomes (`basis`).

Pooling: a pair is one (target, assessment day) before the outcome was known (a result
that no final figure, early achievement or breach had settled) that stated a probability.
A target assessed on many days gives many pairs; they are not independent, so the page
also scores only the last probability stated for each target before its outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from indicators.clock import CHINA_TIME
from indicators.data.basis import Basis, result_bases
from indicators.data.stored_runs import current_results
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Document, Indicator, Region, Target
from indicators.vocab import Status

OUTCOMES = (Status.ACHIEVED, Status.MISSED)


@dataclass(frozen=True)
class TrackPoint:
    """What one run said about a target: its day, status and probability (if any)."""

    as_of: datetime
    status: Status
    probability: float | None
    settled: bool  # the outcome was known at this run (a final result)


@dataclass(frozen=True)
class TargetTrack:
    """One target's outcome and the runs before it."""

    key: str
    indicator_name: str
    indicator_name_en: str
    region_name: str
    region_name_en: str | None
    document: str | None
    deadline_year: int
    outcome: Status
    basis: Basis
    points: tuple[TrackPoint, ...]

    @property
    def met(self) -> bool:
        return self.outcome is Status.ACHIEVED

    @property
    def stated(self) -> tuple[TrackPoint, ...]:
        """The points before the outcome was known that stated a probability."""
        return tuple(p for p in self.points if not p.settled and p.probability is not None)


@dataclass(frozen=True)
class TrackRecord:
    """Every settled target's track, and the pooled pairs that score the forecasts."""

    targets: tuple[TargetTrack, ...]

    def pairs(self, *, real_only: bool = False) -> tuple[list[float], list[bool]]:
        """Every (target, run) pair before the outcome: stated probability, met."""
        chosen = [t for t in self.targets if not real_only or t.basis is Basis.REAL]
        found = [(p.probability, t.met) for t in chosen for p in t.stated]
        return [p for p, _ in found if p is not None], [m for _, m in found]

    def last_pairs(self) -> tuple[list[float], list[bool]]:
        """One pair per target: the last probability stated before its outcome."""
        found = [(t.stated[-1].probability, t.met) for t in self.targets if t.stated]
        return [p for p, _ in found if p is not None], [m for _, m in found]


def outcome_results(session: Session, *, run: AssessmentRun | None
                    ) -> dict[int, AssessmentResult]:
    """Return target id → its outcome result: from `run` (a replay day), else the
    current results; only achieved or missed ones."""
    if run is None:
        found = current_results(session)
    else:
        found = {r.target_id: r for r in session.scalars(select(AssessmentResult).where(
            AssessmentResult.run_id == run.id))}
    return {tid: r for tid, r in found.items() if r.status in OUTCOMES}


def track_record(session: Session, *, moment: datetime,
                 run: AssessmentRun | None = None) -> TrackRecord:
    """Return the track record as known at `moment`: the targets whose deadline year ended
    before it and whose outcome (in `run`, else the current results) is settled, each with
    the newest result of every assessment day up to `moment`."""
    year = moment.astimezone(CHINA_TIME).year
    outcomes = outcome_results(session, run=run)
    names = _names(session, set(outcomes))
    settled = {tid: r for tid, r in outcomes.items() if tid in names
               and names[tid][5] < year}
    bases = _bases(session, list(settled.values()))
    points = _points(session, set(settled), moment)
    tracks = [_track(names[tid], result, bases[result.id], points.get(tid, []))
              for tid, result in settled.items()]
    return TrackRecord(tuple(sorted(tracks, key=lambda t: t.key)))


def _bases(session: Session, results: list[AssessmentResult]) -> dict[int, Basis]:
    """Result id → the basis of its verdict, the targets and their entities loaded in one
    query first (held here, so the bases find them without a query per result)."""
    if not results:
        return {}
    loaded = list(session.scalars(select(Target).options(selectinload(Target.entity)).where(
        Target.id.in_(sorted({r.target_id for r in results})))))
    bases = result_bases(session, results)
    del loaded
    return bases


def _names(session: Session, target_ids: set[int]) -> dict[int, tuple]:
    """Target id → (key, indicator name, English name, region, English region, deadline,
    document code)."""
    if not target_ids:
        return {}
    rows = session.execute(
        select(Target.id, Target.key, Indicator.name, Indicator.name_en, Region.name,
               Region.name_en, Target.deadline_year, Document.code)
        .join(Indicator, Indicator.id == Target.indicator_id)
        .join(Region, Region.code == Target.region_code)
        .outerjoin(Document, Document.id == Target.document_id)
        .where(Target.id.in_(sorted(target_ids))))
    return {r[0]: (r[1], r[2], r[3], r[4], r[5], r[6], r[7]) for r in rows}


def _points(session: Session, target_ids: set[int], moment: datetime
            ) -> dict[int, list[TrackPoint]]:
    """Target id → its points in time order: per assessment day, the newest run's result
    (a day replayed twice counts once)."""
    rows = session.execute(
        select(AssessmentResult.target_id, AssessmentResult.as_of, AssessmentResult.status,
               AssessmentResult.probability, AssessmentResult.final)
        .where(AssessmentResult.as_of <= moment)
        .order_by(AssessmentResult.as_of, AssessmentResult.run_id))
    newest: dict[tuple[int, datetime], TrackPoint] = {}
    for target_id, as_of, status, probability, final in rows:
        if target_id in target_ids:
            newest[(target_id, as_of)] = TrackPoint(as_of, status, probability, bool(final))
    found: dict[int, list[TrackPoint]] = {}
    for (target_id, _), point in newest.items():
        found.setdefault(target_id, []).append(point)
    return found


def _track(name: tuple, result: AssessmentResult, basis: Basis,
           points: list[TrackPoint]) -> TargetTrack:
    key, indicator, indicator_en, region, region_en, deadline, document = name
    return TargetTrack(key, indicator, indicator_en, region, region_en, document, deadline,
                       result.status, basis, tuple(points))

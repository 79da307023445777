"""The track record: for every target whose deadline has passed and whose outcome is
settled, what was said about it along the way (status and probability at each stored run)
against how it ended; and the pairs (stated probability, met) that score the forecasts.

Pooling: a pair is one (target, assessment day) before the outcome was known (a result
that no final figure, early achievement or breach had settled) that stated a probability;
a day replayed twice counts once (its newest run). A target assessed on many days gives
many pairs; they are not independent, so the page also scores only the last probability
stated for each target before its outcome.

Read set-based, in a fixed number of queries whatever the number of targets: the outcome
results, the runs' days, the targets' names and bases (one aggregate), the pairs summed in
the database (per target, per bin: `forecasting.reliability` scores the sums exactly as
it scores pairs), and the full course (statuses) only for the page of targets shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import String, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session

from forecasting.reliability import (
    GroupSums,
    ReliabilityBin,
    Score,
    bin_edges,
    bins_from_sums,
    score_from_sums,
)
from indicators.clock import CHINA_TIME
from indicators.data.basis import Basis, basis_of
from indicators.data.stored_runs import newest_current_rows
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Document, Indicator, Region, Target
from indicators.tables.observations import Observation, Series
from indicators.vocab import SourceKind, Status

OUTCOMES = (Status.ACHIEVED, Status.MISSED)
PAGE_SIZE = 100
BINS = 5  # 20-point bins: the seed's few hundred pairs leave every bin a usable count


@dataclass(frozen=True)
class TrackPoint:
    """What one run said about a target: its day, status and probability (if any)."""

    as_of: datetime
    status: Status
    probability: float | None
    settled: bool  # the outcome was known at this run (a final result)


@dataclass(frozen=True)
class TargetTrack:
    """One settled target: names, outcome, the basis of the outcome and its course."""

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
    last_probability: float | None  # the last stated before the outcome was known

    @property
    def met(self) -> bool:
        return self.outcome is Status.ACHIEVED


@dataclass(frozen=True)
class TrackRecord:
    """A page of settled targets with their courses, and the scores over all of them."""

    targets: tuple[TargetTrack, ...]
    total: int  # settled targets in all
    generated: int  # of which the outcome rests wholly or partly on illustrative data
    every_pair: Score  # every (target, day) pair before the outcome
    last_pairs: Score  # one per target: its last probability before the outcome
    real_pairs: Score  # every pair of the targets whose outcome rests on published data
    bins: tuple[ReliabilityBin, ...]  # every pair, binned
    scored_targets: int  # targets that gave at least one pair


EMPTY_SCORE = Score(0, None, None, None, None)


@dataclass(frozen=True)
class _Settled:
    """A settled target's outcome result and the facts the page shows."""

    result: Outcome
    key: str
    names: tuple[str, str, str, str | None]  # indicator (zh, en), region (zh, en)
    deadline_year: int
    document: str | None
    basis: Basis


@dataclass(frozen=True)
class Outcome:
    """A target's settled result: its status and whether it read a generated figure."""

    status: Status
    illustrative: bool


def outcome_results(session: Session, *, run: AssessmentRun | None) -> dict[int, Outcome]:
    """Return target id → its outcome: from `run` (a replay day), else each target's
    newest result of a current run; only achieved or missed ones. Columns, not objects."""
    columns = (AssessmentResult.target_id, cast(AssessmentResult.status, String),
               AssessmentResult.illustrative)
    if run is None:
        rows = newest_current_rows(session, columns)
    else:
        rows = list(session.execute(select(*columns).where(AssessmentResult.run_id == run.id)))
    settled = {s.value for s in OUTCOMES}
    return {tid: Outcome(Status(status), bool(illustrative))
            for tid, status, illustrative in rows if status in settled}


def track_record(session: Session, *, moment: datetime, run: AssessmentRun | None = None,
                 page: int = 1, page_size: int = PAGE_SIZE, bins: int = BINS) -> TrackRecord:
    """Return the track record as known at `moment`: the targets whose deadline year ended
    before it and whose outcome (in `run`, else the current results) is settled, scored
    over all of them, with the course of each target on `page` (by key)."""
    year = moment.astimezone(CHINA_TIME).year
    outcomes = outcome_results(session, run=run)
    facts = _facts(session, outcomes, moment)
    settled = {tid: f for tid, f in facts.items() if f.deadline_year < year}
    days = dict(session.execute(select(AssessmentRun.id, AssessmentRun.as_of).where(
        AssessmentRun.as_of <= moment)).tuples().all())
    met = {tid for tid, f in settled.items() if f.result.status is Status.ACHIEVED}
    sums, last, binned = _pair_sums(session, set(settled), met, moment, _stale_runs(days), bins)
    ordered = sorted(settled, key=lambda tid: settled[tid].key)
    shown = ordered[(page - 1) * page_size: page * page_size]
    courses = _courses(session, set(shown), days)
    return TrackRecord(
        targets=tuple(_track(settled[tid], courses.get(tid, []), last.get(tid))
                      for tid in shown),
        total=len(settled),
        generated=sum(f.basis in (Basis.ILLUSTRATIVE, Basis.MIXED) for f in settled.values()),
        every_pair=score_from_sums(list(sums.values())),
        last_pairs=score_from_sums([GroupSums(1, p, p * p, tid in met)
                                    for tid, p in last.items()]),
        real_pairs=score_from_sums([g for tid, g in sums.items()
                                    if settled[tid].basis is Basis.REAL]),
        bins=tuple(bins_from_sums(binned, bins)), scored_targets=len(sums))


def _facts(session: Session, outcomes: dict[int, Outcome], moment: datetime
           ) -> dict[int, _Settled]:
    """Target id → its names, deadline and the basis of its outcome, in one aggregate
    query: the figures of its series known at `moment` up to its deadline, counted by
    period as real or illustrative (a period that had both counts as both: never real if
    a generated figure could have touched it); a result that says it read a generated
    figure is never real either."""
    if not outcomes:
        return {}
    generated = Observation.source_kind == SourceKind.ILLUSTRATIVE
    counted = and_(Observation.year <= Target.deadline_year, Observation.vintage_at <= moment)
    rows = session.execute(
        select(Target.id, Target.key, Indicator.name, Indicator.name_en, Region.name,
               Region.name_en, Target.deadline_year, Document.code,
               func.count(func.distinct(case((and_(counted, ~generated),
                                              Observation.period_code)))),
               func.count(func.distinct(case((and_(counted, generated),
                                              Observation.period_code)))))
        .join(Indicator, Indicator.id == Target.indicator_id)
        .join(Region, Region.code == Target.region_code)
        .outerjoin(Document, Document.id == Target.document_id)
        .outerjoin(Series, and_(
            Series.indicator_id == Target.indicator_id, Series.region_code == Target.region_code,
            or_(Series.entity_id == Target.entity_id,
                and_(Series.entity_id.is_(None), Target.entity_id.is_(None)))))
        .outerjoin(Observation, Observation.series_id == Series.id)
        .where(Target.id.in_(sorted(outcomes)))
        .group_by(Target.id, Target.key, Indicator.name, Indicator.name_en, Region.name,
                  Region.name_en, Target.deadline_year, Document.code))
    facts = {}
    for tid, key, name, name_en, region, region_en, deadline, document, real, made in rows:
        result = outcomes[tid]
        basis = basis_of(real, made)
        if basis is Basis.REAL and result.illustrative:
            basis = Basis.MIXED
        facts[tid] = _Settled(result, key, (name, name_en, region, region_en), deadline,
                              document, basis)
    return facts


def _stale_runs(days: dict[int, datetime]) -> list[int]:
    """The runs of a day that a newer run of the same day replaces (a day replayed twice
    counts once). Runs of one moment are replays, which assess every approved target, so
    the newest covers the day."""
    newest: dict[datetime, int] = {}
    for run_id, day in days.items():
        newest[day] = max(run_id, newest.get(day, run_id))
    return sorted(set(days) - set(newest.values()))


def _pair_sums(session: Session, settled: set[int], met: set[int], moment: datetime,
               stale: list[int], bins: int
               ) -> tuple[dict[int, GroupSums], dict[int, float],
                          list[tuple[int, bool, int, float]]]:
    """Sum the pairs in the database, so that no query returns one row per pair: per
    target (count, Σp, Σp²), per target its last probability, and per (bin, met) the
    count and Σp. A pair is a result up to `moment`, of no `stale` run, that was not
    final and stated a probability. (Filtering on the result's own date, not on a list of
    runs, lets SQLite read the targets' index instead of one lookup per row.)"""
    if not settled:
        return {}, {}, []
    result = AssessmentResult
    stated = and_(result.as_of <= moment, result.target_id.in_(sorted(settled)),
                  result.final.is_(False), result.probability.is_not(None))
    if stale:
        stated = and_(stated, result.run_id.not_in(stale))
    index = case(*((result.probability < edge, k) for k, edge in enumerate(bin_edges(bins))),
                 else_=bins - 1)
    # One pass for both: per (target, bin) count, Σp and Σp², added up per target and per
    # (bin, met) here; at most targets × bins rows, never one per pair.
    found: dict[int, list[float]] = {}
    by_bin: dict[tuple[int, bool], list[float]] = {}
    for tid, k, n, sp, sp2 in session.execute(
            select(result.target_id, index, func.count(), func.sum(result.probability),
                   func.sum(result.probability * result.probability))
            .where(stated).group_by(result.target_id, index)):
        target = found.setdefault(tid, [0, 0.0, 0.0])
        target[0] += n
        target[1] += sp
        target[2] += sp2
        cell = by_bin.setdefault((int(k), tid in met), [0, 0.0])
        cell[0] += n
        cell[1] += sp
    sums = {tid: GroupSums(int(n), float(sp), float(sp2), tid in met)
            for tid, (n, sp, sp2) in found.items()}
    binned = [(k, m, int(n), float(sp)) for (k, m), (n, sp) in by_bin.items()]
    latest = (select(result.target_id, func.max(result.as_of).label("as_of"))
              .where(stated).group_by(result.target_id).subquery())
    last = dict(session.execute(select(result.target_id, result.probability).join(
        latest, and_(result.target_id == latest.c.target_id,
                     result.as_of == latest.c.as_of)).where(stated)).tuples().all())
    return sums, last, binned


def _courses(session: Session, target_ids: set[int], days: dict[int, datetime]
             ) -> dict[int, list[TrackPoint]]:
    """Target id → its points in time order: per assessment day, the newest run's result."""
    if not target_ids:
        return {}
    rows = session.execute(
        # the status as text: the enum type's per-row conversion costs more than the query
        select(AssessmentResult.target_id, AssessmentResult.run_id,
               cast(AssessmentResult.status, String), AssessmentResult.probability,
               AssessmentResult.final)
        .where(AssessmentResult.target_id.in_(sorted(target_ids)),
               AssessmentResult.run_id.in_(sorted(days)))
        .order_by(AssessmentResult.run_id))
    newest: dict[tuple[int, datetime], TrackPoint] = {}
    for target_id, run_id, status, probability, final in rows:
        day = days[run_id]
        newest[(target_id, day)] = TrackPoint(day, Status(status), probability, bool(final))
    found: dict[int, list[TrackPoint]] = {}
    for (target_id, _day), point in sorted(newest.items(), key=lambda item: item[0][1]):
        found.setdefault(target_id, []).append(point)
    return found


def _track(settled: _Settled, points: list[TrackPoint], last: float | None) -> TargetTrack:
    name, name_en, region, region_en = settled.names
    return TargetTrack(settled.key, name, name_en, region, region_en, settled.document,
                       settled.deadline_year, settled.result.status, settled.basis,
                       tuple(points), last)

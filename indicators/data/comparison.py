"""Reads for the region comparison: one indicator across regions, each target against its
own terms, with the assessment known at a moment.

Set-based: the indicator's targets in one query, their versions in one (when a past
moment is asked for) and their newest results in one, whatever the number of regions.
Reads only (no flush, no commit).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import Session, selectinload

from indicators.data import queries
from indicators.data.known_targets import targets_as_of
from indicators.data.stored_runs import current_results
from indicators.periods import PeriodKind
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Indicator, Target
from indicators.tables.observations import Observation
from indicators.vocab import ReviewState


@dataclass(frozen=True)
class ComparableIndicator:
    """An indicator with targets in at least one region: what the picker lists."""

    code: str
    name: str
    name_en: str
    unit: str
    region_count: int
    target_count: int


@dataclass(frozen=True)
class ComparisonEntry:
    """One target of the indicator (as known at the moment), its series' latest annual
    figure known then and its newest result then (None when there is none)."""

    target: Target
    latest: Observation | None
    result: AssessmentResult | None


@dataclass(frozen=True)
class Comparison:
    """The indicator's targets by region code, then deadline; and the newest assessment
    date among the results shown (None without any)."""

    indicator: Indicator
    entries: list[ComparisonEntry]
    assessed_as_of: datetime | None

    @property
    def region_count(self) -> int:
        return len({e.target.region_code for e in self.entries})


def comparable_indicators(session: Session) -> list[ComparableIndicator]:
    """Every indicator with a target that is not retired, with how many regions and
    targets it has: those with several regions first, then by code."""
    query = (select(Indicator, func.count(distinct(Target.region_code)), func.count(Target.id))
             .join(Target, Target.indicator_id == Indicator.id)
             .where(Target.review_state != ReviewState.RETIRED)
             .group_by(Indicator.id))
    found = [ComparableIndicator(code=i.code, name=i.name, name_en=i.name_en, unit=i.unit,
                                 region_count=regions, target_count=targets)
             for i, regions, targets in session.execute(query)]
    return sorted(found, key=lambda i: (-i.region_count, i.code))


def region_comparison(session: Session, *, indicator_code: str,
                      moment: datetime | None = None) -> Comparison | None:
    """Read the indicator's targets across regions with their results: the current ones
    (`moment` None), or those known at `moment` (each target as its terms stood then and
    its result from the newest assessment as of `moment` or earlier). None for an
    indicator that does not exist."""
    indicator = session.scalar(select(Indicator).where(Indicator.code == indicator_code))
    if indicator is None:
        return None
    targets = list(session.scalars(
        select(Target).where(Target.indicator_id == indicator.id,
                             Target.review_state != ReviewState.RETIRED)
        .options(selectinload(Target.region), selectinload(Target.entity),
                 selectinload(Target.document))
        .order_by(Target.region_code, Target.deadline_year, Target.key)))
    ids = [t.id for t in targets]
    if moment is None:
        results = current_results(session, ids) if ids else {}
    else:
        targets = targets_as_of(session, targets, moment)
        results = results_known_on(session, ids, moment)
    latest = latest_annual_figures(session, indicator_code=indicator_code, moment=moment)
    dates = [r.as_of for r in results.values()]
    return Comparison(indicator=indicator,
                      entries=[ComparisonEntry(t, latest.get(t.series_key[1]),
                                               results.get(t.id)) for t in targets],
                      assessed_as_of=max(dates) if dates else None)


def results_known_on(session: Session, target_ids: Collection[int],
                     moment: datetime) -> dict[int, AssessmentResult]:
    """Return target id → its result from the newest assessment run (current or
    retrospective) dated at or before `moment`: what was known of it then. Per target,
    since a run after an upload re-assesses only the targets it touched."""
    if not target_ids:
        return {}
    ranked = (select(AssessmentResult.id, func.row_number().over(
        partition_by=AssessmentResult.target_id,
        order_by=(AssessmentRun.as_of.desc(), AssessmentRun.id.desc())).label("rank"))
        .join(AssessmentRun, AssessmentRun.id == AssessmentResult.run_id)
        .where(AssessmentRun.as_of <= moment, AssessmentResult.target_id.in_(target_ids))
        .subquery())
    rows = session.scalars(select(AssessmentResult).join(
        ranked, (ranked.c.id == AssessmentResult.id) & (ranked.c.rank == 1)))
    return {r.target_id: r for r in rows}


def latest_annual_figures(session: Session, *, indicator_code: str,
                          moment: datetime | None) -> dict[str, Observation]:
    """Return subject key (region, or region/entity) → the newest vintage known at `moment`
    (None: now) of the latest year of the indicator's series there."""
    where = queries.ObservationFilter(indicator_code=indicator_code, as_of=moment)
    query = (queries.latest_observations_query(where)
             .where(Observation.period_kind == PeriodKind.YEAR)
             .options(selectinload(Observation.series)).order_by(Observation.year))
    return {figure.series.subject_key: figure for figure in session.scalars(query)}

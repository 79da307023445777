"""Read the facts the alert rules need, as they stood at a moment: each live target's newest
assessment result made as of that moment or before (current or retrospective runs alike,
as a replay reads what was known then) and the one before it, and each series' newest
figures and the forecast made before its newest annual figure came in.

A target is live while its deadline year is this year or last year (last year's figures
settle it this spring); older targets are history, not news.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from indicators.alerts.facts import SeriesFacts, TargetFacts, month_index
from indicators.clock import CHINA_TIME
from indicators.data import queries
from indicators.data.figures import figures_as_of
from indicators.periods import PeriodKind
from indicators.tables.assessments import AssessmentResult
from indicators.tables.catalogue import Target
from indicators.tables.forecasts import ForecastPoint, ForecastRun
from indicators.tables.observations import Observation, Series
from indicators.vocab import Frequency, ObservationStatus, SourceKind

_CHUNK = 900  # ids per IN list: under SQLite's oldest limit of 999 bound parameters
_MONTHS = {PeriodKind.YEAR: 12, PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1,
           PeriodKind.YEAR_TO_DATE: 1}


def live_targets(session: Session, *, as_of: datetime) -> list[Target]:
    """Return the approved targets whose deadline is this year or later, or last year."""
    year = as_of.astimezone(CHINA_TIME).year
    return [t for t in queries.approved_targets(session) if t.deadline_year >= year - 1]


def _newest_results(session: Session, target_ids: Sequence[int], before: Any
                    ) -> dict[int, AssessmentResult]:
    """Return target id → its result with the latest `as_of` satisfying `before` (a
    column condition); of two results as of the same moment, the later stored."""
    found: dict[int, AssessmentResult] = {}
    for start in range(0, len(target_ids), _CHUNK):
        chunk = target_ids[start:start + _CHUNK]
        newest = (select(AssessmentResult.target_id,
                         func.max(AssessmentResult.as_of).label("at"))
                  .where(AssessmentResult.target_id.in_(chunk), before)
                  .group_by(AssessmentResult.target_id).subquery())
        rows = session.scalars(select(AssessmentResult).join(newest, and_(
            AssessmentResult.target_id == newest.c.target_id,
            AssessmentResult.as_of == newest.c.at)).order_by(AssessmentResult.id))
        found |= {row.target_id: row for row in rows}
    return found


def _previous_results(session: Session, current: dict[int, AssessmentResult]
                      ) -> dict[int, AssessmentResult]:
    """Return target id → the result before its current one (an earlier `as_of`)."""
    by_moment: dict[datetime, list[int]] = defaultdict(list)
    for target_id, row in current.items():
        by_moment[row.as_of].append(target_id)
    found: dict[int, AssessmentResult] = {}
    for moment, ids in by_moment.items():
        found |= _newest_results(session, ids, AssessmentResult.as_of < moment)
    return found


def _published(session: Session, series: dict[int, Series],
               current: dict[int, AssessmentResult], as_of: datetime) -> dict[int, datetime]:
    """Return target id → when its latest annual figure (as of `as_of`) was published."""
    found = {}
    for target_id, row in current.items():
        if row.latest_year is None or target_id not in series:
            continue
        found_at = session.scalar(select(func.max(Observation.vintage_at)).where(
            Observation.series_id == series[target_id].id,
            Observation.period_code == str(row.latest_year), Observation.vintage_at <= as_of))
        if found_at is not None:
            found[target_id] = found_at
    return found


def target_facts(session: Session, *, as_of: datetime) -> list[TargetFacts]:
    """Return the facts of every live target with an assessment as of `as_of` or before."""
    targets = {t.id: t for t in live_targets(session, as_of=as_of)}
    if not targets:
        return []
    current = _newest_results(session, sorted(targets), AssessmentResult.as_of <= as_of)
    previous = _previous_results(session, current)
    series = queries.series_of_targets(session, list(targets.values()))
    published = _published(session, series, current, as_of)
    year = as_of.astimezone(CHINA_TIME).year
    return [_target_facts(targets[i], row, previous.get(i), published.get(i), year)
            for i, row in sorted(current.items(), key=lambda item: targets[item[0]].key)]


def _target_facts(target: Target, row: AssessmentResult, before: AssessmentResult | None,
                  published: datetime | None, year: int) -> TargetFacts:
    measures = {
        "status": row.status.value, "previous_status": before.status.value if before else None,
        "latest_value": row.latest_value,
        "latest_period": None if row.latest_year is None else str(row.latest_year),
        "latest_published": published.isoformat() if published else None,
        "latest_preliminary": row.latest_preliminary, "required_value": row.required_value,
        "gap": row.gap, "probability": row.probability,
        "previous_probability": before.probability if before else None,
        "illustrative": row.illustrative, "unit": target.indicator.unit,
        "assessed_at": row.as_of.isoformat()}
    return TargetFacts(
        target_id=target.id, target_key=target.key, indicator_code=target.indicator.code,
        region_code=target.region_code,
        document_code=target.document.code if target.document else None,
        nature=target.nature, deadline_year=target.deadline_year, as_of_year=year,
        status=row.status, previous_status=before.status if before else None, final=row.final,
        probability=row.probability,
        previous_probability=before.probability if before else None,
        in_year=row.in_year or None, reason_zh=row.reason_zh, reason_en=row.reason_en,
        measures=measures)


def _end(figure: Observation) -> int:
    return month_index(figure.year, 12 if figure.period_kind is PeriodKind.YEAR
                       else figure.period_number * _MONTHS[figure.period_kind])


def series_facts(session: Session, *, as_of: datetime) -> list[SeriesFacts]:
    """Return the facts of every stored series a live target reads."""
    targets = live_targets(session, as_of=as_of)
    series = queries.series_of_targets(session, targets)
    needed: dict[int, int] = {}
    for target in targets:
        if target.id in series:
            sid = series[target.id].id
            needed[sid] = max(needed.get(sid, 0), month_index(target.deadline_year, 12))
    unique = {s.id: s for s in series.values()}
    return [_series_facts(session, unique[sid], needed[sid], as_of) for sid in sorted(unique)]


def _reporting_frequency(frequency: Frequency, figures: Sequence[Observation]) -> Frequency:
    """Expect a series at its indicator's frequency only once it has reported more often
    than yearly: a quarterly indicator whose figures for this region come once a year (a
    communiqué) is not overdue every quarter."""
    if any(f.period_kind is not PeriodKind.YEAR for f in figures):
        return frequency
    return Frequency.ANNUAL


def _series_facts(session: Session, series: Series, needed_until: int,
                  as_of: datetime) -> SeriesFacts:
    figures = figures_as_of(session, series=series, as_of=as_of)
    indicator = series.indicator
    base: dict[str, Any] = {
        "indicator_code": indicator.code, "region_code": series.region_code,
        "subject_key": series.subject_key,
        "frequency": _reporting_frequency(indicator.frequency, figures),
        "unit": indicator.unit, "as_of_day": as_of.astimezone(CHINA_TIME).date(),
        "needed_until": needed_until,
        "latest_end": max((_end(f) for f in figures), default=None)}
    if figures:
        latest = max(figures, key=lambda f: (_end(f), f.period_kind is PeriodKind.YEAR))
        base |= {"latest_period": latest.period_code, "latest_value": float(latest.value),
                 "latest_published": latest.vintage_at.isoformat(),
                 "latest_preliminary": latest.status is ObservationStatus.PRELIMINARY,
                 "illustrative": latest.source_kind is SourceKind.ILLUSTRATIVE}
    annual = [f for f in figures if f.period_kind is PeriodKind.YEAR]
    if annual:
        base |= _against_forecast(session, series, max(annual, key=lambda f: f.year), as_of)
    return SeriesFacts(**base)


def _against_forecast(session: Session, series: Series, figure: Observation,
                      as_of: datetime) -> dict[str, Any]:
    """Hold the figure against the newest forecast of its period made before its first
    vintage came in (a later forecast has seen it)."""
    first = session.scalar(select(func.min(Observation.vintage_at)).where(
        Observation.series_id == series.id, Observation.period_code == figure.period_code,
        Observation.vintage_at <= as_of))
    point = session.scalar(
        select(ForecastPoint).join(ForecastRun, ForecastRun.id == ForecastPoint.run_id)
        .where(ForecastPoint.series_id == series.id,
               ForecastPoint.period_code == figure.period_code, ForecastRun.as_of < first)
        .order_by(ForecastRun.as_of.desc(), ForecastRun.id.desc()).limit(1))
    if point is None:
        return {}
    return {"forecast_period": figure.period_code, "forecast_value": float(figure.value),
            "forecast_mean": point.mean, "forecast_lo_95": point.lo_95,
            "forecast_hi_95": point.hi_95, "forecast_published": figure.vintage_at.isoformat()}

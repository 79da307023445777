"""Reads of the stored runs: the current assessment run and its results, each series' newest
forecast, and the list of forecast runs. Reads only; `indicators.runs` writes the runs.

The current run is the newest that is not retrospective: a run as of a past date
(`assess --as-of`, `forecast --as-of`) is kept for reference but never becomes what the
board, the API's newest/current reads or alerts show. Every such read goes through
`current_run`, `latest_models` and `latest_forecast_run` here."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Target
from indicators.tables.forecasts import ForecastPoint, ForecastRun, ForecastSeriesModel

_CHUNK = 900  # ids per IN list: under SQLite's oldest limit of 999 bound parameters


def current_run(session: Session) -> AssessmentRun | None:
    """Return the current assessment: the most recent run that is not retrospective."""
    return session.scalar(select(AssessmentRun).where(AssessmentRun.retrospective.is_(False))
                          .order_by(AssessmentRun.id.desc()).limit(1))


def run_known_on(session: Session, moment: datetime) -> AssessmentRun | None:
    """Return the assessment as it stood at `moment`: the newest run, current or
    retrospective, made as of that moment or before (a replay reads what was known then;
    of two runs as of the same moment the later made wins)."""
    return session.scalar(select(AssessmentRun).where(AssessmentRun.as_of <= moment)
                          .order_by(AssessmentRun.as_of.desc(), AssessmentRun.id.desc())
                          .limit(1))


def latest_run(session: Session) -> AssessmentRun | None:
    """Return the current assessment run (`current_run`; the old name, kept for callers)."""
    return current_run(session)


def current_results(session: Session, target_ids: Collection[int] | None = None
                    ) -> dict[int, AssessmentResult]:
    """Return target id → the target's newest result from a current (not retrospective) run.

    A run after an upload re-assesses only the targets whose figures changed, so the newest
    current run may not hold every target: the others keep their result from before."""
    rows = _newest_of_current_runs(session, AssessmentResult, AssessmentResult.target_id,
                                   AssessmentRun, target_ids)
    return {row.target_id: row for row in rows}


def newest_current_rows(session: Session, columns: Sequence[Any],
                        target_ids: Collection[int] | None = None) -> list[Any]:
    """Rows of `columns` (of assessment_results, `target_id` first) of each target's
    result from the newest current run that assessed it (of `target_ids`, or of every
    target). The newest current run's results are one index range; a run after an
    upload covers only what changed, so the targets it left out are then read, for those
    targets only, from the older current runs. Cheaper than a newest-per-target over
    every run when runs accumulate."""
    current = select(AssessmentRun.id).where(AssessmentRun.retrospective.is_(False))
    newest_run = session.scalar(current.order_by(AssessmentRun.id.desc()).limit(1))
    if newest_run is None:
        return []
    newest = select(*columns).where(AssessmentResult.run_id == newest_run)
    if target_ids is not None:
        newest = newest.where(AssessmentResult.target_id.in_(sorted(target_ids)))
    rows = list(session.execute(newest))
    wanted = set(session.scalars(select(Target.id))) if target_ids is None else set(target_ids)
    missing = sorted(wanted - {row[0] for row in rows})
    for chunk in (missing[i:i + _CHUNK] for i in range(0, len(missing), _CHUNK)):
        older = (select(AssessmentResult.target_id,
                        func.max(AssessmentResult.run_id).label("run_id"))
                 .where(AssessmentResult.target_id.in_(chunk),
                        AssessmentResult.run_id.in_(current))
                 .group_by(AssessmentResult.target_id).subquery())
        rows += session.execute(select(*columns).join(older, and_(
            AssessmentResult.target_id == older.c.target_id,
            AssessmentResult.run_id == older.c.run_id)))
    return rows


def _newest_of_current_runs(session: Session, row: Any, key: Any, run: Any,
                            keys: Collection[int] | None) -> Sequence[Any]:
    """Return, per `key` (a target, a series), its row from the newest current run that
    holds one: runs after an upload cover only what changed, so the newest run need not."""
    newest = (select(key, func.max(row.run_id).label("run_id"))
              .join(run, run.id == row.run_id)
              .where(run.retrospective.is_(False))
              .group_by(key))
    if keys is not None:
        newest = newest.where(key.in_(keys))
    sub = newest.subquery()
    return session.scalars(select(row).join(
        sub, (key == sub.c[key.key]) & (row.run_id == sub.c.run_id))).all()


def results_of(session: Session, run: AssessmentRun | None,
               target_ids: Collection[int]) -> dict[int, AssessmentResult]:
    """Return target id → that target's result in `run`, for the targets it assessed."""
    if run is None or not target_ids:
        return {}
    rows = session.scalars(select(AssessmentResult).where(
        AssessmentResult.run_id == run.id, AssessmentResult.target_id.in_(target_ids)))
    return {r.target_id: r for r in rows}


def latest_models(session: Session, series_ids: Collection[int] | None = None
                  ) -> dict[int, ForecastSeriesModel]:
    """Return, per series, its model row from the newest current run that covered it."""
    rows = _newest_of_current_runs(session, ForecastSeriesModel, ForecastSeriesModel.series_id,
                                   ForecastRun, series_ids)
    return {row.series_id: row for row in rows}


def latest_forecast_run(session: Session) -> ForecastRun | None:
    """Return the most recent forecast run that is not retrospective."""
    return session.scalar(select(ForecastRun).where(ForecastRun.retrospective.is_(False))
                          .order_by(ForecastRun.id.desc()).limit(1))


def latest_points(session: Session, series_id: int) -> list[ForecastPoint]:
    """Return the trajectory of the series from the newest run that covered it."""
    model = latest_models(session, [series_id]).get(series_id)
    if model is None:
        return []
    return points_of(session, run_id=model.run_id, series_id=series_id)


def points_of(session: Session, *, run_id: int, series_id: int) -> list[ForecastPoint]:
    """Return one run's trajectory of one series, step by step."""
    return list(session.scalars(select(ForecastPoint).where(
        ForecastPoint.run_id == run_id, ForecastPoint.series_id == series_id)
        .order_by(ForecastPoint.step)))


def list_forecast_runs(session: Session, *, limit: int, offset: int) -> Sequence[ForecastRun]:
    """Return a page of the stored forecast runs, newest first."""
    query = select(ForecastRun).order_by(ForecastRun.id.desc())
    return session.scalars(query.limit(limit).offset(offset)).all()


def count_forecast_runs(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ForecastRun)) or 0

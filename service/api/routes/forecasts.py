"""HTTP only: each approved target's forecast, for the leaders' board and the fan chart.

A target's trajectory is its series' newest stored forecast (`targetwatch forecast`, the
nightly job, or the re-forecast after an upload); the forecast at the deadline and the
probability of meeting the target come from the newest assessment run (`targetwatch assess`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indicators.data import queries
from indicators.data.records import series_forecast_record
from indicators.runs.assessment import latest_run
from indicators.runs.forecast import latest_models, points_of
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Target
from indicators.tables.forecasts import ForecastRun
from indicators.text.messages import bilingual
from indicators.vocab import ReviewState
from service.api.deps import SessionDep
from service.api.pagination import Page, PageDep

router = APIRouter(prefix="/api/forecasts", tags=["forecasts"])

OUTLOOK_FIELDS = ("forecast_year", "forecast_mean", "forecast_lo_80", "forecast_hi_80",
                  "forecast_lo_95", "forecast_hi_95", "forecast_model", "probability")


@router.get("", response_model=Page[dict[str, Any]])
def list_forecasts(
    session: SessionDep, page: PageDep,
    target: Annotated[str | None, Query(description="Target key")] = None,
    indicator: Annotated[str | None, Query(description="Indicator code")] = None,
    region: Annotated[str | None, Query(description="Region code")] = None,
) -> Page[dict[str, Any]]:
    """Return, per approved target, its series' trajectory (mean, 80%/95% bounds and
    quantiles per year), the model and why, and from the newest assessment the forecast
    at the deadline, its intervals, the probability of meeting the target and the status."""
    where = queries.TargetFilter(region_code=region, indicator_code=indicator,
                                 review_state=ReviewState.APPROVED)
    targets = _targets(session, where, target)
    chosen = targets[page.offset:page.offset + page.limit]
    return Page(total=len(targets), limit=page.limit, offset=page.offset,
                items=_records(session, chosen))


def _targets(session: Session, where: queries.TargetFilter, key: str | None) -> list[Target]:
    """Approved targets matching the filters; a key that names no target is a 404."""
    if key is not None and queries.get_target(session, key=key) is None:
        raise HTTPException(status_code=404,
                            detail=bilingual("api.not_found", what="target", code=key))
    return [t for t in queries.list_targets(session, where=where) if key in (None, t.key)]


def _records(session: Session, targets: list[Target]) -> list[dict[str, Any]]:
    """Join each target to its series' newest forecast and its newest assessment."""
    series_ids = {tid: s.id for tid, s in queries.series_of_targets(session, targets).items()}
    models = latest_models(session, set(series_ids.values()))
    run = latest_run(session)
    results = _results(session, run, [t.id for t in targets])
    records = []
    for target in targets:
        model = models.get(series_ids.get(target.id, -1))
        forecast = None if model is None else series_forecast_record(
            model, points_of(session, run_id=model.run_id, series_id=model.series_id))
        records.append(_record(target, forecast, run, results.get(target.id)))
    return records


def _results(session: Session, run: AssessmentRun | None,
             target_ids: list[int]) -> dict[int, AssessmentResult]:
    if run is None or not target_ids:
        return {}
    rows = session.scalars(select(AssessmentResult).where(
        AssessmentResult.run_id == run.id, AssessmentResult.target_id.in_(target_ids)))
    return {r.target_id: r for r in rows}


def _record(target: Target, forecast: dict[str, Any] | None, run: AssessmentRun | None,
            result: AssessmentResult | None) -> dict[str, Any]:
    """One target: who it is, the trajectory of its series and the assessment's outlook."""
    trajectory = forecast or {}
    return {
        "target": target.key,
        "indicator": target.indicator.code,
        "region": target.region_code,
        "entity": target.entity.code if target.entity else None,
        "deadline": target.deadline_year,
        "unit": target.indicator.unit,
        "series_id": trajectory.get("series_id"),
        "forecast_run_id": trajectory.get("run_id"),
        "forecast_as_of": trajectory.get("run_as_of"),
        "model": trajectory.get("model"),
        "reason": trajectory.get("reason"),
        "n_obs": trajectory.get("n_obs"),
        "last_period": trajectory.get("last_period"),
        "points": trajectory.get("points", []),
        "assessed_as_of": run.as_of.isoformat() if run and result else None,
        "status": result.status.value if result else None,
        **{name: getattr(result, name) if result else None for name in OUTLOOK_FIELDS},
    }


@router.get("/runs", response_model=Page[dict[str, Any]])
def list_runs(session: SessionDep, page: PageDep) -> Page[dict[str, Any]]:
    """Return the stored forecast runs, newest first."""
    query = select(ForecastRun).order_by(ForecastRun.id.desc())
    runs = session.scalars(query.limit(page.limit).offset(page.offset))
    total = session.scalar(select(func.count()).select_from(ForecastRun)) or 0
    return Page(total=total, limit=page.limit, offset=page.offset, items=[{
        "id": r.id, "as_of": r.as_of.isoformat(), "started_at": r.started_at.isoformat(),
        "finished_at": r.finished_at.isoformat() if r.finished_at else None,
        "series_count": r.series_count, "seed": r.seed, "levels": r.levels,
        "method_version": r.method_version} for r in runs])

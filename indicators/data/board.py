"""Read functions for what people look at: the reference lists, the newest assessments and
each approved target's forecast (the target board reads `indicators.data.board_rows`).

The API routes call these and only translate HTTP; the dashboards' pages can reuse them.
They read only (no flush, no commit) and return records or plain rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from indicators.data import queries
from indicators.data.basis import assessment_records
from indicators.data.records import series_forecast_record
from indicators.data.stored_runs import (
    count_forecast_runs,
    latest_models,
    latest_run,
    list_forecast_runs,
    points_of,
    results_of,
)
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Document, Indicator, Region, Target
from indicators.vocab import Nature, ReviewState, Status

# The assessment's outlook at the deadline, shown beside each target's forecast.
OUTLOOK_FIELDS = ("forecast_year", "forecast_mean", "forecast_lo_80", "forecast_hi_80",
                  "forecast_lo_95", "forecast_hi_95", "forecast_model", "probability")


def region_records(session: Session) -> list[dict[str, Any]]:
    """Every region by code, with its level and parent."""
    return [{"code": r.code, "name": r.name, "name_en": r.name_en, "level": r.level.value,
             "parent": r.parent_code}
            for r in session.scalars(select(Region).order_by(Region.code))]


def indicator_records(session: Session) -> list[dict[str, Any]]:
    """Every indicator by code, with its unit, frequency and direction."""
    return [{"code": i.code, "name": i.name, "name_en": i.name_en, "unit": i.unit,
             "frequency": i.frequency.value, "higher_is_better": i.higher_is_better,
             "value_type": i.value_type.value, "definition": i.definition}
            for i in session.scalars(select(Indicator).order_by(Indicator.code))]


def document_records(session: Session) -> list[dict[str, Any]]:
    """Every source document by code, with its issuer, plan period and text checksum."""
    return [{"code": d.code, "title": d.title, "issuer": d.issuer,
             "issued_on": d.issued_on.isoformat() if d.issued_on else None,
             "plan_start": d.plan_start, "plan_end": d.plan_end, "region": d.region_code,
             "script": d.script.value, "text_sha256": d.text_sha256}
            for d in session.scalars(select(Document).order_by(Document.code))]


@dataclass(frozen=True)
class AssessmentFilter:
    """Filters for the newest assessments; None means any. The deadline is a range of
    years (both ends included)."""

    region_code: str | None = None
    document_code: str | None = None
    status: Status | None = None
    department: str | None = None
    nature: Nature | None = None
    deadline_from: int | None = None
    deadline_to: int | None = None


def _assessments_query(run: AssessmentRun, where: AssessmentFilter) -> Select[Any]:
    query = select(AssessmentResult).join(AssessmentResult.target).where(
        AssessmentResult.run_id == run.id)
    if where.region_code is not None:
        query = query.where(Target.region_code == where.region_code)
    if where.document_code is not None:
        query = query.join(Target.document).where(Document.code == where.document_code)
    if where.status is not None:
        query = query.where(AssessmentResult.status == where.status)
    if where.department is not None:
        query = query.where(Target.lead_department == where.department)
    if where.nature is not None:
        query = query.where(Target.nature == where.nature)
    if where.deadline_from is not None:
        query = query.where(Target.deadline_year >= where.deadline_from)
    if where.deadline_to is not None:
        query = query.where(Target.deadline_year <= where.deadline_to)
    return query


def latest_assessments(session: Session, where: AssessmentFilter = AssessmentFilter(), *,
                       limit: int | None = None, offset: int = 0
                       ) -> tuple[AssessmentRun | None, int, list[dict[str, Any]]]:
    """Return the newest run, how many of its results match and a page of them as
    records, in result order."""
    run = latest_run(session)
    if run is None:
        return None, 0, []
    query = _assessments_query(run, where)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = query.order_by(AssessmentResult.id).offset(offset)
    if limit is not None:
        page = page.limit(limit)
    return run, total, assessment_records(session, session.scalars(page).all())


def forecast_targets(session: Session, *, region_code: str | None = None,
                     indicator_code: str | None = None, key: str | None = None) -> list[Target]:
    """The approved targets matching the filters, by key; a key that names no target at
    all raises `NotFoundError`."""
    if key is not None and queries.get_target(session, key=key) is None:
        raise queries.NotFoundError(f"unknown target: {key}")
    where = queries.TargetFilter(region_code=region_code, indicator_code=indicator_code,
                                 review_state=ReviewState.APPROVED)
    return [t for t in queries.list_targets(session, where=where) if key in (None, t.key)]


def target_forecasts(session: Session, targets: Sequence[Target]) -> list[dict[str, Any]]:
    """Join each target to its series' newest forecast and to the newest assessment."""
    series_ids = {tid: s.id for tid, s in queries.series_of_targets(session, targets).items()}
    models = latest_models(session, set(series_ids.values()))
    run = latest_run(session)
    results = results_of(session, run, [t.id for t in targets])
    records = []
    for target in targets:
        model = models.get(series_ids.get(target.id, -1))
        forecast = None if model is None else series_forecast_record(
            model, points_of(session, run_id=model.run_id, series_id=model.series_id))
        records.append(_forecast_record(target, forecast, run, results.get(target.id)))
    return records


def _forecast_record(target: Target, forecast: dict[str, Any] | None,
                     run: AssessmentRun | None,
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


def forecast_run_records(session: Session, *, limit: int,
                         offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Return how many forecast runs are stored and a page of them, newest first."""
    return count_forecast_runs(session), [{
        "id": r.id, "as_of": r.as_of.isoformat(), "started_at": r.started_at.isoformat(),
        "finished_at": r.finished_at.isoformat() if r.finished_at else None,
        "series_count": r.series_count, "seed": r.seed, "levels": r.levels,
        "method_version": r.method_version}
        for r in list_forecast_runs(session, limit=limit, offset=offset)]

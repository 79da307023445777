"""One target as its page shows it, as known at a moment: its terms and document, the
stored verdict that held then (with the run's thresholds and every measure behind it), and
the forecast model its series had then. Plain frozen dataclasses, read in a few queries,
so that the page renderer stays a pure function of them.

Which verdict "held" at a moment: without an as-of, the target's newest result from a
current run (`stored_runs.current_results`); as of a moment, the target's newest result
from any run, current or retrospective, made as of then or earlier. A run after an upload
re-assesses only the targets whose figures changed, so the newest run need not hold this
target; its own newest result is what was known about it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.clock import utc_now
from indicators.data import stored_runs
from indicators.data.known_targets import targets_as_of
from indicators.data.queries import get_target, series_of_targets
from indicators.data.story import forecast_model_of, terms_in_indicator_unit
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Target
from indicators.vocab import ChangeUnit, Comparator, Nature, Status, TargetKind, ValueType


@dataclass(frozen=True)
class DocumentFacts:
    """The source document a target is quoted from."""

    code: str
    title: str
    issuer: str | None
    issued_on: date | None


@dataclass(frozen=True)
class TargetFacts:
    """A target's terms as known at the moment, as stated (the target's own unit) and as the
    arithmetic reads them (`base_year`, `first_year`: from the stated baseline or the plan)."""

    target_id: int
    key: str
    indicator_name: str
    indicator_name_en: str
    region_name: str
    region_name_en: str
    entity_name: str | None
    kind: TargetKind
    comparator: Comparator
    value: float
    upper_value: float | None
    tolerance: float | None
    unit: str
    indicator_unit: str
    change_unit: ChangeUnit | None
    baseline_year: int | None
    baseline_value: float | None
    base_year: int | None
    first_year: int | None
    deadline_year: int
    deadline_inferred: bool
    nature: Nature | None
    lead_department: str | None
    clause: str | None
    quote: str
    value_type: ValueType
    higher_is_better: bool
    from_rates: bool


@dataclass(frozen=True)
class StoredVerdict:
    """A stored assessment result with its run: status, reason, every measure, the
    forecast at the deadline with its probability, and the thresholds the run used."""

    run_id: int
    run_as_of: datetime
    retrospective: bool
    thresholds: dict[str, Any]
    status: Status
    reason_key: str
    reason_zh: str
    reason_en: str
    final: bool
    illustrative: bool
    latest_preliminary: bool
    latest_year: int | None
    latest_value: float | None
    required_value: float | None
    time_share: float | None
    distance_share: float | None
    progress_ratio: float | None
    gap: float | None
    required_rate: float | None
    required_change: float | None
    baseline_stated: float | None
    baseline_observed: float | None
    probability: float | None
    forecast_year: int | None
    forecast_mean: float | None
    forecast_lo_80: float | None
    forecast_hi_80: float | None
    forecast_lo_95: float | None
    forecast_hi_95: float | None
    forecast_model: str | None


@dataclass(frozen=True)
class SeriesForecastNote:
    """The forecast run's model for the target's series and why it was chosen (or why
    there is no forecast: too few figures)."""

    run_id: int
    run_as_of: datetime
    model: str
    reason: str
    n_obs: int
    last_period: str | None


@dataclass(frozen=True)
class TargetDetail:
    """Everything the target page shows beside its chart (see the module doc)."""

    facts: TargetFacts
    document: DocumentFacts | None
    verdict: StoredVerdict | None
    series_forecast: SeriesForecastNote | None
    alerts: tuple[Any, ...] | None  # None: no alerts table yet (`target_alerts`)


def target_detail(session: Session, key: str, *,
                  as_of: datetime | None = None) -> TargetDetail | None:
    """Read one target's page data as known at `as_of` (None: now, the current run);
    None for an unknown key."""
    live = get_target(session, key=key)
    if live is None:
        return None
    moment = as_of or utc_now()
    target = targets_as_of(session, [live], moment)[0]
    series = series_of_targets(session, [live]).get(live.id)
    model = None if series is None else forecast_model_of(session, series, as_of)
    return TargetDetail(
        facts=_facts(target), document=_document(target),
        verdict=verdict_at(session, target_id=live.id, as_of=as_of),
        series_forecast=None if model is None else SeriesForecastNote(
            model.run_id, model.run.as_of, model.model, model.reason, model.n_obs,
            model.last_period),
        alerts=target_alerts(session, target_id=live.id, as_of=moment))


def verdict_at(session: Session, *, target_id: int,
               as_of: datetime | None) -> StoredVerdict | None:
    """Return the target's verdict as known at `as_of` (see the module doc)."""
    if as_of is None:
        result = stored_runs.current_results(session, [target_id]).get(target_id)
    else:
        result = session.scalar(
            select(AssessmentResult).join(AssessmentRun)
            .where(AssessmentResult.target_id == target_id, AssessmentRun.as_of <= as_of)
            .order_by(AssessmentRun.as_of.desc(), AssessmentRun.id.desc()).limit(1))
    return None if result is None else stored_verdict(result)


def stored_verdict(result: AssessmentResult) -> StoredVerdict:
    """Copy a stored result and its run into plain values."""
    run = result.run
    copied = {f.name: getattr(result, f.name) for f in fields(StoredVerdict)
              if hasattr(AssessmentResult, f.name)}
    return StoredVerdict(**{**copied, "run_id": run.id, "run_as_of": run.as_of,
                            "retrospective": run.retrospective,
                            "thresholds": dict(run.thresholds or {})})


def target_alerts(session: Session, *, target_id: int, as_of: datetime) -> tuple[Any, ...] | None:
    """Hook for the target's alerts as known at `as_of`. Alerts come with issue 14; until
    their table exists this returns None, and the page shows no alerts section at all
    (an empty tuple would mean "no alerts", which would be a claim)."""
    del session, target_id, as_of
    return None


def _document(target: Target) -> DocumentFacts | None:
    document = target.document
    if document is None:
        return None
    return DocumentFacts(document.code, document.title, document.issuer, document.issued_on)


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _facts(target: Target) -> TargetFacts:
    terms = terms_in_indicator_unit(target)
    indicator, region = target.indicator, target.region
    return TargetFacts(
        target_id=target.id, key=target.key, indicator_name=indicator.name,
        indicator_name_en=indicator.name_en, region_name=region.name,
        region_name_en=region.name_en or region.name,
        entity_name=target.entity.name if target.entity else None, kind=target.kind,
        comparator=target.comparator, value=float(target.value),
        upper_value=_float(target.upper_value), tolerance=_float(target.tolerance),
        unit=target.unit, indicator_unit=indicator.unit, change_unit=target.change_unit,
        baseline_year=target.baseline_year, baseline_value=_float(target.baseline_value),
        base_year=None if terms is None else terms.base_year,
        first_year=None if terms is None else terms.first_year,
        deadline_year=target.deadline_year, deadline_inferred=target.deadline_inferred,
        nature=target.nature, lead_department=target.lead_department, clause=target.clause,
        quote=target.quote, value_type=indicator.value_type,
        higher_is_better=indicator.higher_is_better,
        from_rates=terms is not None and terms.from_rates)

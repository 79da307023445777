"""Flat records of targets for export and the API: every field, for others to check."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from indicators.tables.assessments import AssessmentResult
from indicators.tables.catalogue import Target
from indicators.tables.forecasts import ForecastPoint, ForecastSeriesModel
from indicators.tables.observations import Observation
from indicators.text.messages import Language, message
from indicators.text.numbers import plain_number
from indicators.vocab import SourceKind

EXPORT_FIELDS = (
    "key", "document", "document_title", "region", "region_name", "entity", "entity_name",
    "indicator", "indicator_name", "indicator_name_en", "kind", "comparator", "value",
    "upper_value", "tolerance", "unit", "change_unit", "baseline_year", "baseline_value",
    "start_year", "deadline", "deadline_inferred", "deadline_basis", "nature",
    "lead_department", "clause", "quote", "note", "review_state", "superseded_by",
)


def target_record(target: Target) -> dict[str, Any]:
    """Return a target as a flat record with the names of everything it refers to."""
    document, entity = target.document, target.entity
    return {
        "key": target.key,
        "document": document.code if document else None,
        "document_title": document.title if document else None,
        "region": target.region_code,
        "region_name": target.region.name,
        "entity": entity.code if entity else None,
        "entity_name": entity.name if entity else None,
        "indicator": target.indicator.code,
        "indicator_name": target.indicator.name,
        "indicator_name_en": target.indicator.name_en,
        "kind": target.kind.value,
        "comparator": target.comparator.value,
        "value": plain_number(target.value),
        "upper_value": plain_number(target.upper_value),
        "tolerance": plain_number(target.tolerance),
        "unit": target.unit,
        "change_unit": target.change_unit.value if target.change_unit else None,
        "baseline_year": target.baseline_year,
        "baseline_value": plain_number(target.baseline_value),
        "start_year": target.start_year,
        "deadline": target.deadline_year,
        "deadline_inferred": target.deadline_inferred,
        "deadline_basis": target.deadline_basis,
        "nature": target.nature.value if target.nature else None,
        "lead_department": target.lead_department,
        "clause": target.clause,
        "quote": target.quote,
        "note": target.note,
        "review_state": target.review_state.value,
        "superseded_by": target.superseded_by.key if target.superseded_by else None,
    }


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: object) -> object:
    """Neutralise text a spreadsheet would run as a formula (CSV injection); numbers pass."""
    if not isinstance(cell, str) or not cell.startswith(_FORMULA_START):
        return cell
    try:
        Decimal(cell)
    except ArithmeticError:
        return "'" + cell
    return cell


def revision_fields(observation: Observation,
                    previous: Observation | None) -> dict[str, Any]:
    """Say whether a figure revises an earlier vintage, what that said and when it was
    revised: a revision is shown as one, never read as a change in the indicator."""
    if previous is None:
        return {"revised": False, "previous_value": None, "previous_status": None,
                "previous_vintage_at": None, "revised_at": None, "revision_zh": None,
                "revision_en": None}
    values = {"previous": plain_number(previous.value),
              "previous_at": previous.vintage_at.date().isoformat(),
              "revised_at": observation.vintage_at.date().isoformat()}
    return {"revised": True, "previous_value": plain_number(previous.value),
            "previous_status": previous.status.value,
            "previous_vintage_at": previous.vintage_at.isoformat(),
            "revised_at": observation.vintage_at.isoformat(),
            "revision_zh": message("figure.revision", Language.ZH, **values),
            "revision_en": message("figure.revision", Language.EN, **values)}


def observation_record(observation: Observation,
                       previous: Observation | None = None) -> dict[str, Any]:
    """Return one vintage of a figure with its series' names, flagging illustrative data
    and, given the vintage it replaced, the revision (`revision_fields`)."""
    series = observation.series
    return {
        "indicator": series.indicator.code,
        "indicator_name": series.indicator.name,
        "indicator_name_en": series.indicator.name_en,
        "region": series.region_code,
        "region_name": series.region.name,
        "entity": series.entity.code if series.entity else None,
        "period": observation.period_code,
        "value": plain_number(observation.value),
        "unit": series.indicator.unit,
        "status": observation.status.value,
        "vintage_at": observation.vintage_at.isoformat(),
        "source_kind": observation.source_kind.value,
        "source": observation.source,
        "illustrative": observation.source_kind is SourceKind.ILLUSTRATIVE,
        "document": observation.document.code if observation.document else None,
        "note": observation.note,
        **revision_fields(observation, previous),
    }


def assessment_record(result: AssessmentResult, basis: str | None = None) -> dict[str, Any]:
    """Return one stored assessment with its target's identity and every measure, and the
    basis of the verdict when known (real, illustrative, mixed or none; see
    `indicators.data.basis`)."""
    target = result.target
    return {
        "key": target.key,
        "document": target.document.code if target.document else None,
        "region": target.region_code,
        "indicator": target.indicator.code,
        "as_of": result.as_of.isoformat(),
        "status": result.status.value,
        "status_zh": message(f"status.{result.status.value}", Language.ZH),
        "final": result.final,
        "reason_zh": result.reason_zh,
        "reason_en": result.reason_en,
        "illustrative": result.illustrative,
        "basis": basis,
        "latest_preliminary": result.latest_preliminary,
        "latest_year": result.latest_year,
        "latest_value": result.latest_value,
        "required_value": result.required_value,
        "time_share": result.time_share,
        "distance_share": result.distance_share,
        "progress_ratio": result.progress_ratio,
        "gap": result.gap,
        "required_rate": result.required_rate,
        "required_change": result.required_change,
        "escap_ratio": result.escap_ratio,
        "baseline_stated": result.baseline_stated,
        "baseline_observed": result.baseline_observed,
        "probability": result.probability,
        "forecast_year": result.forecast_year,
        "forecast_mean": result.forecast_mean,
        "forecast_lo_80": result.forecast_lo_80,
        "forecast_hi_80": result.forecast_hi_80,
        "forecast_lo_95": result.forecast_lo_95,
        "forecast_hi_95": result.forecast_hi_95,
        "forecast_model": result.forecast_model,
        "in_year": result.in_year,
        "superseded_by": target.superseded_by.key if target.superseded_by else None,
    }


def forecast_point_record(point: ForecastPoint) -> dict[str, Any]:
    """Return one step of a forecast: the period, mean, 80%/95% bounds and quantiles."""
    return {"period": point.period_code, "step": point.step, "mean": point.mean,
            "lo_80": point.lo_80, "hi_80": point.hi_80, "lo_95": point.lo_95,
            "hi_95": point.hi_95, "quantiles": point.quantiles}


def series_forecast_record(model: ForecastSeriesModel,
                           points: list[ForecastPoint]) -> dict[str, Any]:
    """Return a series' forecast from one run: whose series, which model and why, and
    the trajectory (empty when the series had too few figures)."""
    series = model.series
    return {
        "series_id": series.id,
        "indicator": series.indicator.code,
        "indicator_name": series.indicator.name,
        "indicator_name_en": series.indicator.name_en,
        "unit": series.indicator.unit,
        "region": series.region_code,
        "region_name": series.region.name,
        "region_name_en": series.region.name_en,
        "entity": series.entity.code if series.entity else None,
        "entity_name": series.entity.name if series.entity else None,
        "entity_name_en": series.entity.name_en if series.entity else None,
        "run_id": model.run_id,
        "run_as_of": model.run.as_of.isoformat(),
        "model": model.model,
        "reason": model.reason,
        "n_obs": model.n_obs,
        "last_period": model.last_period,
        "points": [forecast_point_record(p) for p in points],
    }


STATUS_ORDER = ("achieved", "on_track", "at_risk", "off_track", "missed", "not_assessable")


StatusCount = tuple[str, str, int]  # status code, its label, how many


def status_counts(statuses: Sequence[str], language: Language) -> list[StatusCount]:
    """Count statuses in the board's order, leaving out those nobody has."""
    return [(s, message(f"status.{s}", language), n) for s in STATUS_ORDER
            if (n := statuses.count(s))]


def status_summary(records: list[dict[str, Any]], language: Language) -> str:
    """Count targets by status: "已完成 45 · 未完成 40 · 无法评估 4"."""
    return _joined(status_counts([r["status"] for r in records], language))


def _joined(counts: list[StatusCount]) -> str:
    return " · ".join(f"{label} {n}" for _, label, n in counts)


# The basis groups a summary counts separately; a mixed verdict counts as illustrative.
BASIS_GROUPS = {"real": ("real",), "illustrative": ("illustrative", "mixed"), "none": ("none",)}


@dataclass(frozen=True)
class BasisCount:
    """The verdicts on one basis, counted by status: one line of the board's header."""

    code: str  # real, illustrative (mixed included) or none
    label: str  # "基于示例数据 77 项（其中部分示例 9 项）"
    statuses: list[StatusCount]


def basis_counts(verdicts: Sequence[tuple[str | None, str]],
                 language: Language) -> list[BasisCount]:
    """Count (basis, status) verdicts by status within each basis group; groups without
    verdicts are left out. The board's header and the CLI's summary both read this."""
    groups = []
    for group, members in BASIS_GROUPS.items():
        chosen = [(basis, status) for basis, status in verdicts if basis in members]
        if not chosen:
            continue
        label = message(f"basis.group_{group}", language, count=len(chosen))
        mixed = sum(basis == "mixed" for basis, _ in chosen)
        if mixed:
            label += message("basis.group_mixed_part", language, count=mixed)
        groups.append(BasisCount(group, label,
                                 status_counts([status for _, status in chosen], language)))
    return groups


def basis_summary(records: list[dict[str, Any]], language: Language) -> str:
    """Count verdicts by status within each basis: "基于公开数据 12 项：已完成 5 · 进展正常 3；
    基于示例数据 77 项（其中部分示例 9 项）：…" (groups without verdicts left out)."""
    groups = basis_counts([(r.get("basis"), r["status"]) for r in records], language)
    parts = [f"{g.label}{message('basis.colon', language)}{_joined(g.statuses)}" for g in groups]
    return message("basis.separator", language).join(parts) or status_summary(records, language)

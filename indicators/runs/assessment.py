"""Assess stored targets against the data as known at a moment, and store the run.

The arithmetic is pure (`indicators.assess`, `indicators.inyear`); this module only reads
the figures each target needs, as they stood at `as_of`, and records the results. Like
every data function it flushes and leaves the commit to its caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.arithmetic.definitions import Observed, series_history
from indicators.arithmetic.inyear import InYearCheck, YearToDate, check_amount, check_rate
from indicators.arithmetic.paths import TargetTerms, required_path
from indicators.arithmetic.status import (
    JUDGED_ON_FORECAST,
    Assessment,
    Forecast,
    status_from_actuals,
    status_from_forecast,
    weigh_probability,
)
from indicators.arithmetic.thresholds import Thresholds
from indicators.arithmetic.units import target_unit_factor
from indicators.clock import utc_now
from indicators.data import queries
from indicators.data.figures import figures_as_of, observed_annual, series_of
from indicators.data.known_targets import targets_as_of
from indicators.data.target_terms import target_terms
from indicators.periods import PeriodKind
from indicators.runs.outlook import (
    ACTUAL_MODEL,
    Outlook,
    OutlookRequest,
    achieved_floor,
    is_running_total,
    outlooks,
    request_for,
    value_bounds,
)
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Target
from indicators.tables.observations import Observation, Series
from indicators.text.messages import Language
from indicators.vocab import (
    Status,
    TargetKind,
    ValueType,
)


@dataclass(frozen=True)
class AssessedTarget:
    target: Target
    assessment: Assessment
    in_year: InYearCheck | None = None


@dataclass(frozen=True)
class _Prepared:
    """A target with what its assessment reads: its terms in the indicator's unit (None when
    the units do not convert), its series and the figures as known at the moment."""

    target: Target
    terms: TargetTerms | None
    series: Series | None = None
    figures: Sequence[Observation] = ()
    observed: Observed | None = None


def _prepare(session: Session, target: Target, *, as_of: datetime) -> _Prepared:
    factor = target_unit_factor(target.kind, target.unit, target.indicator.unit)
    if factor is None:
        return _Prepared(target, None)
    series = series_of(session, target)
    figures = figures_as_of(session, series=series, as_of=as_of)
    return _Prepared(target, target_terms(target, factor), series, figures,
                     observed_annual(figures, series, as_of=as_of))


def _outlook_request(prepared: _Prepared, as_of_year: int) -> OutlookRequest | None:
    """What the forecast needs for this target (`outlook.request_for`)."""
    terms, observed, series = prepared.terms, prepared.observed, prepared.series
    if terms is None or observed is None or series is None:
        return None
    indicator = prepared.target.indicator
    history = {y: v for y, v in series_history(observed).items() if y <= as_of_year}
    bounds = achieved_floor(value_bounds(indicator), history,
                            running_total=is_running_total(indicator))
    return request_for(terms, observed, key=prepared.target.key, series_id=series.name,
                       as_of_year=as_of_year, bounds=bounds)


def assess_target(session: Session, target: Target, *, as_of: datetime,
                  thresholds: Thresholds, previous: Status | None = None,
                  outlook: Outlook | None = None) -> AssessedTarget:
    """Assess one target, by its terms as known at `as_of`, against the data as they stood
    then, weighing the probability of meeting it when an outlook is given."""
    target = targets_as_of(session, [target], as_of)[0]
    return _assess(_prepare(session, target, as_of=as_of), as_of=as_of, thresholds=thresholds,
                   previous=previous, outlook=outlook)


def _assess(prepared: _Prepared, *, as_of: datetime, thresholds: Thresholds,
            previous: Status | None, outlook: Outlook | None) -> AssessedTarget:
    target, terms = prepared.target, prepared.terms
    if terms is None or prepared.observed is None:
        return AssessedTarget(target, Assessment(
            Status.NOT_ASSESSABLE, "assess.unit_mismatch",
            {"target_unit": target.unit, "unit": target.indicator.unit}))
    assessment = status_from_actuals(terms, prepared.observed, as_of_year=as_of.year,
                                     thresholds=thresholds, previous=previous)
    if outlook is not None:
        assessment = with_outlook(assessment, outlook, binding=terms.binding,
                                  thresholds=thresholds, previous=previous)
    return AssessedTarget(target, assessment,
                          _in_year(terms, prepared.figures, assessment, as_of.year))


def with_outlook(assessment: Assessment, outlook: Outlook, *, binding: bool,
                 thresholds: Thresholds, previous: Status | None = None) -> Assessment:
    """Let the probability decide a progress status (`status.weigh_probability`); judge a
    target with no figure in its period yet, or a level target without a baseline, by the
    forecast alone (`JUDGED_ON_FORECAST`); leave other unassessable targets as they are.
    `previous` is the stored status (hysteresis)."""
    forecast, probability = outlook.forecast, outlook.probability
    if assessment.status is not Status.NOT_ASSESSABLE:
        return weigh_probability(assessment, probability, forecast, binding=binding,
                                 thresholds=thresholds, previous=previous)
    if assessment.reason_key in JUDGED_ON_FORECAST and forecast.model != ACTUAL_MODEL:
        judged = status_from_forecast(assessment, probability, forecast, binding=binding,
                                      thresholds=thresholds, previous=previous)
        if assessment.reason_key != "assess.no_data":  # keep saying why there is no path
            return replace(judged, reason_key=assessment.reason_key)
        return judged
    return assessment


def target_outlooks(prepared: Sequence[_Prepared], *, as_of_year: int,
                    thresholds: Thresholds, wanted: set[str]) -> dict[str, Outlook]:
    """Forecast the series of every prepared target in one panel (so the intervals are
    calibrated on all of them) and return the outlooks of the `wanted` targets."""
    requests = [r for p in prepared if (r := _outlook_request(p, as_of_year)) is not None]
    return outlooks(requests, default_tolerance=thresholds.approx_tolerance, wanted=wanted)


def _in_year(terms: TargetTerms, figures: Sequence[Observation], assessment: Assessment,
             year: int) -> InYearCheck | None:
    """Check this year's latest 1–N月 figure, for targets that run through this year."""
    if not (terms.first_year or year + 1) <= year <= terms.deadline_year:
        return None
    this_year = [f for f in figures if f.year == year and f.period_kind is PeriodKind.YEAR_TO_DATE
                 and f.period_number < 12]
    if not this_year:
        return None
    latest = max(this_year, key=lambda f: f.period_number)
    month, value = latest.period_number, float(latest.value)
    if terms.value_type is ValueType.GROWTH_RATE:
        progress = assessment.progress
        needed = progress.required_rate if progress and progress.required_rate is not None \
            else terms.value
        last = next((float(f.value) for f in figures
                     if f.year == year - 1 and f.period_code == f"{year - 1}YTD{month:02d}"), None)
        return check_rate(year=year, month=month, ytd_rate=value, required_rate=needed,
                          last_year_rate=last, higher_is_better=terms.higher_is_better)
    if terms.kind is TargetKind.LEVEL_AT_DEADLINE and terms.value_type is ValueType.LEVEL:
        annual_target = required_path(terms).get(year)
        if annual_target is None:
            return None
        return check_amount(year=year, ytd=value, annual_target=annual_target,
                            seasonal=_seasonal_history(figures, month),
                            higher_is_better=terms.higher_is_better, unit=terms.unit)
    return None


def _seasonal_history(figures: Sequence[Observation], month: int) -> YearToDate:
    annual = {f.year: float(f.value) for f in figures if f.period_kind is PeriodKind.YEAR}
    ytd = {f.year: float(f.value) for f in figures
           if f.period_kind is PeriodKind.YEAR_TO_DATE and f.period_number == month}
    return YearToDate(month=month, history={y: (ytd[y], annual[y]) for y in ytd if y in annual})


def previous_status(session: Session, *, target_id: int, as_of: datetime) -> Status | None:
    """Return the target's status in the latest current (not retrospective) run up to
    `as_of`: the status that was on record on that date, for hysteresis.

    Retrospective runs are never read, not even by each other: a second assessment as of
    D then reads exactly what the first did (the current runs made by D, which cannot
    change once D is past) and gives the same answer.
    """
    query = (select(AssessmentResult.status)
             .join(AssessmentRun, AssessmentRun.id == AssessmentResult.run_id)
             .where(AssessmentResult.target_id == target_id, AssessmentResult.as_of <= as_of,
                    AssessmentRun.retrospective.is_(False))
             .order_by(AssessmentResult.as_of.desc(), AssessmentResult.id.desc()).limit(1))
    return session.scalar(query)


def run_assessment(session: Session, *, as_of: datetime, thresholds: Thresholds | None = None,
                   targets: list[Target] | None = None,
                   retrospective: bool = False) -> AssessmentRun:
    """Assess every approved target (or just `targets`) as of `as_of` and store the run
    (flush only). Each target is judged by its terms as known at `as_of`, on the figures
    and breaks known then. A `retrospective` run (a past date) is stored as such and never
    becomes the current assessment."""
    thresholds = thresholds or Thresholds()
    run = AssessmentRun(as_of=as_of, thresholds=thresholds.model_dump(),
                        retrospective=retrospective)
    session.add(run)
    session.flush()
    everyone = targets_as_of(session, queries.approved_targets(session), as_of)
    known = {t.id: t for t in everyone}
    targets = everyone if targets is None else [known.get(t.id, t) for t in
                                                targets_as_of(session, targets, as_of)]
    prepared = {t.id: _prepare(session, t, as_of=as_of) for t in [*everyone, *targets]}
    found = target_outlooks(list(prepared.values()), as_of_year=as_of.year,
                            thresholds=thresholds, wanted={t.key for t in targets})
    for target in targets:
        previous = previous_status(session, target_id=target.id, as_of=as_of)
        assessed = _assess(prepared[target.id], as_of=as_of, thresholds=thresholds,
                           previous=previous, outlook=found.get(target.key))
        session.add(result_row(run, assessed))
    run.targets_assessed = len(targets)
    run.finished_at = utc_now()
    session.flush()
    return run


def result_row(run: AssessmentRun, assessed: AssessedTarget) -> AssessmentResult:
    """Turn an assessment into the row that stores it."""
    a, progress = assessed.assessment, assessed.assessment.progress
    in_year = assessed.in_year
    return AssessmentResult(
        run=run, target_id=assessed.target.id, as_of=run.as_of, status=a.status,
        reason_key=a.reason_key, reason_zh=a.reason(Language.ZH), reason_en=a.reason(Language.EN),
        final=a.final, illustrative=a.illustrative, latest_preliminary=a.latest_preliminary,
        latest_year=progress.latest_year if progress else None,
        latest_value=progress.latest_value if progress else None,
        required_value=progress.required_value if progress else None,
        time_share=progress.time_share if progress else None,
        distance_share=progress.distance_share if progress else None,
        progress_ratio=progress.progress_ratio if progress else None,
        gap=progress.gap if progress else None,
        required_rate=progress.required_rate if progress else None,
        required_change=progress.required_change if progress else None,
        escap_ratio=progress.escap_ratio if progress else None,
        baseline_stated=a.baseline_stated, baseline_observed=a.baseline_observed,
        probability=a.probability,
        **forecast_columns(a.forecast),
        in_year=None if in_year is None else {
            "year": in_year.year, "month": in_year.month, "actual": in_year.actual,
            "expected": in_year.expected, "share": in_year.share,
            "share_basis": in_year.share_basis, "on_pace": in_year.on_pace,
            "change_on_last_year": in_year.change_on_last_year,
            "reason_zh": in_year.reason(Language.ZH), "reason_en": in_year.reason(Language.EN)})


def forecast_columns(forecast: Forecast | None) -> dict[str, object]:
    """The assessment row's columns of the forecast at the deadline."""
    if forecast is None:
        return {}
    return {"forecast_year": forecast.year, "forecast_mean": forecast.mean,
            "forecast_lo_80": forecast.lo_80, "forecast_hi_80": forecast.hi_80,
            "forecast_lo_95": forecast.lo_95, "forecast_hi_95": forecast.hi_95,
            "forecast_model": forecast.model}

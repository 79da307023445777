"""Status of a target from its actuals and its forecast, with a one-sentence reason that
names the evidence which decided it.

Statuses: achieved, on track, at risk, off track, missed, not assessable. The rule:

1. Not assessable when there is no baseline year, no baseline value where the kind needs
   one, no data since the baseline, or a definition break (口径调整, census revision) inside
   the period with no linking factor: a break is never read as a collapse.
2. The arithmetic decides what is certain: once the deadline year has data the target is
   achieved or missed on the comparator (the final figure); level, coverage, cumulative
   and change targets that already meet the comparator are achieved early (提前完成); a
   ceiling, floor or yearly change judged period by period that was breached is missed
   (binding) or off track / at risk (expected, latest year / earlier year).
3. Otherwise, **when there is a probability of meeting the target** (the share of the
   forecast's sample paths that meet it, `indicators.arithmetic.chances`), the probability
   decides: at least `likely_meet` → on track, at least `likely_miss` → at risk, below →
   off track. The status is then a step function of the probability, so the two never
   contradict each other: on track is never below 50% and off track never at or above
   50% (`Thresholds` keeps `likely_meet ≥ 0.5 ≥ likely_miss`, and the hysteresis band of
   a probability is cut so that it never holds on track below 0.5), and at risk lies
   between the two cut points. The forecast already carries everything the
   arithmetic knows (the figures to date, the required path through the comparator) plus
   the trend and its uncertainty, which is why it replaces the progress ratio rather
   than nudging it: on the replay of real plan targets (`bench/replay.py`,
   `bench/RESULTS.md`) the probability alone scored better than the progress ratio, and
   the cut points are the ones fitted there (`bench/fit_thresholds.py`).
4. Without a probability (too few figures to forecast), the progress ratio (actual over
   required progress, 1 on the required path) decides: at least `on_track` → on track,
   at least `at_risk` → at risk, else off track.
5. Binding (约束性) targets use stricter cut points than expected (预期性) ones, for the
   probability and for the ratio, so for the same evidence a binding target is warned no
   later than an expected one.
6. Hysteresis: a status falls back only when the probability (or the ratio) drops
   `hysteresis` below the cut point that earned it, so a small revision or the forecast's
   sampling noise around a cut point does not flip it; it rises as soon as it crosses.

The reason says which evidence decided: the final figure, the breach, the early
achievement, the probability (`assess.by_probability`, quoting the latest figure it starts
from) or the progress against the required path; when the arithmetic decided and a
forecast exists, the forecast follows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from indicators.arithmetic.definitions import Observed, target_history
from indicators.arithmetic.paths import (
    PER_PERIOD_KINDS,
    TargetTerms,
    fill_missing_years,
    final_measure,
    meets,
    needs_baseline_value,
    required_path,
    tracked_quantity,
)
from indicators.arithmetic.progress import Progress, measure_progress
from indicators.arithmetic.thresholds import DEFAULT_THRESHOLDS, Thresholds
from indicators.arithmetic.verdict import Assessment, Forecast, probability_key
from indicators.text.numbers import fmt, fmt_share
from indicators.text.phrases import Listing, Quantity
from indicators.vocab import ChangeUnit, Comparator, Status, TargetKind

_RANK = {Status.ON_TRACK: 2, Status.AT_RISK: 1, Status.OFF_TRACK: 0}
_EARLY_KINDS = (TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE,
                TargetKind.CUMULATIVE_OVER_PERIOD, TargetKind.CHANGE_VS_BASELINE)
_VALUE_KINDS = (TargetKind.LEVEL_AT_DEADLINE, TargetKind.COVERAGE)
# Not-assessable reasons that leave the verdict to the forecast alone (no figure inside the
# period yet; a level target with no baseline that its figures do not meet yet).
JUDGED_ON_FORECAST = ("assess.no_data", "assess.no_baseline_level")


def status_from_actuals(terms: TargetTerms, observed: Observed, *, as_of_year: int,
                        thresholds: Thresholds = DEFAULT_THRESHOLDS,
                        previous: Status | None = None) -> Assessment:
    """Assess a target from its actuals as known at `as_of_year` (see the module rules)."""
    base = terms.base_year
    if base is None:
        return _not_assessable("assess.no_baseline_year")
    history = target_history(terms, observed)
    if history.broken_at is not None:
        return _not_assessable("assess.definition_break", year=history.broken_at)
    values = history.values
    baseline_observed, baseline_stated = values.get(base), terms.baseline_value
    baseline = baseline_stated if baseline_stated is not None else baseline_observed
    known, filled = fill_missing_years(terms, {y: v for y, v in values.items()
                                               if y <= as_of_year})
    window = {y: v for y, v in known.items() if y <= terms.deadline_year}
    first = terms.first_year or base + 1
    if needs_baseline_value(terms) and baseline is None:
        if terms.kind in _VALUE_KINDS and any(y >= first for y in window):
            judged = _on_value(terms, observed, window, first, thresholds)
            if judged.status is not Status.NOT_ASSESSABLE or as_of_year <= terms.deadline_year:
                return replace(judged, filled_years=filled)
        return _not_assessable("assess.no_baseline", year=base)  # past the deadline: wait
    terms = replace(terms, baseline_value=baseline)
    tracked = tracked_quantity(terms, window, baseline)
    counted = sorted(y for y in tracked if y >= first)
    if not counted:
        if any(first <= y for y in window):  # figures exist, but the chain breaks at `first`
            return _not_assessable("assess.missing_year", year=_first_missing(window, first))
        return _not_assessable("assess.no_data", year=first)
    latest = counted[-1]
    progress = measure_progress(terms, tracked, required_path(terms), latest)
    context = _Context(terms, tracked, progress, first, latest, thresholds, previous)
    if terms.kind in PER_PERIOD_KINDS:
        assessment = _per_period_status(context, counted)
    else:
        assessment = _path_status(context)
    used = range(base, latest + 1)
    return replace(assessment, progress=progress, baseline_stated=baseline_stated,
                   baseline_observed=baseline_observed,
                   illustrative=any(y in observed.illustrative_years for y in used),
                   latest_preliminary=latest in observed.preliminary_years,
                   filled_years=tuple(y for y in filled if y <= latest))


def _on_value(terms: TargetTerms, observed: Observed, window: Mapping[int, float], first: int,
              thresholds: Thresholds) -> Assessment:
    """Judge a level or coverage target with no baseline figure against its value alone:
    achieved or missed on the deadline figure; achieved early once a floor or ceiling is
    met; otherwise not assessable by progress (there is no path without a start), left to
    the forecast (`JUDGED_ON_FORECAST`) until the deadline passes."""
    latest = max(y for y in window if y >= first)
    actual = window[latest]
    met = meets(terms, actual, default_tolerance=thresholds.approx_tolerance)
    numbers = {"year": latest, "actual": Quantity(fmt(actual), terms.unit),
               "target": _target_label(terms), "deadline": terms.deadline_year,
               "base": terms.base_year}
    progress = Progress(latest, actual, None, None, None, None, None, None, None, None)
    if latest >= terms.deadline_year:
        assessment = Assessment(Status.ACHIEVED if met else Status.MISSED,
                                f"assess.{'achieved' if met else 'missed'}", numbers, final=True)
    elif met and (terms.comparator.is_floor or terms.comparator.is_ceiling):
        assessment = Assessment(Status.ACHIEVED, "assess.achieved_early", numbers)
    else:
        assessment = _not_assessable("assess.no_baseline_level", **numbers)
    return replace(assessment, progress=progress,
                   illustrative=latest in observed.illustrative_years,
                   latest_preliminary=latest in observed.preliminary_years)


def weigh_probability(assessment: Assessment, probability: float | None,
                      forecast: Forecast | None, *, binding: bool,
                      thresholds: Thresholds = DEFAULT_THRESHOLDS,
                      previous: Status | None = None) -> Assessment:
    """Let the probability of meeting the target decide a progress status (rule 3):
    statuses the arithmetic settles (final, achieved early, a breach) and not-assessable
    ones stay; the forecast and probability are kept on the assessment either way."""
    weighed = replace(assessment, probability=probability, forecast=forecast)
    if probability is None or forecast is None or not _open(assessment):
        return weighed
    status = status_from_probability(probability, binding=binding, thresholds=thresholds,
                                     previous=previous)
    values = dict(assessment.reason_values) | _forecast_numbers(forecast, probability)
    return replace(weighed, status=status, reason_key=probability_key(assessment.reason_key),
                   reason_values=values)


def status_from_probability(probability: float, *, binding: bool,
                            thresholds: Thresholds = DEFAULT_THRESHOLDS,
                            previous: Status | None = None) -> Status:
    """On track, at risk or off track from the probability of meeting the target, with
    the cut points for the target's nature and hysteresis (rules 3, 5 and 6)."""
    likely_meet, likely_miss = thresholds.likelihoods(binding)
    status = (Status.ON_TRACK if probability >= likely_meet else
              Status.AT_RISK if probability >= likely_miss else Status.OFF_TRACK)
    band = min(thresholds.hysteresis, likely_meet - 0.5)  # on track never holds below 1/2
    return _with_hysteresis(status, probability, previous, likely_meet, likely_miss, band)


def status_from_forecast(assessment: Assessment, probability: float, forecast: Forecast, *,
                         binding: bool, thresholds: Thresholds = DEFAULT_THRESHOLDS,
                         previous: Status | None = None) -> Assessment:
    """Judge a target that has no figure inside its period yet by its forecast alone,
    with the same cut points as any other probability."""
    status = status_from_probability(probability, binding=binding, thresholds=thresholds,
                                     previous=previous)
    return replace(assessment, status=status, reason_key="assess.forecast_only",
                   probability=probability, forecast=forecast)


def _open(assessment: Assessment) -> bool:
    """Tell whether the arithmetic left the status open for the probability to decide:
    a progress status that no final figure, early achievement or breach settled."""
    return (assessment.status in _RANK and not assessment.final
            and assessment.reason_key != "assess.breached")


def _forecast_numbers(forecast: Forecast, probability: float) -> dict[str, object]:
    return {"deadline": forecast.year, "mean": Quantity(fmt(forecast.mean), forecast.unit),
            "lo": fmt(forecast.lo_80), "hi": Quantity(fmt(forecast.hi_80), forecast.unit),
            "probability": fmt_share(probability)}


def _first_missing(window: Mapping[int, float], first: int) -> int:
    year = first
    while year in window:
        year += 1
    return year


def _not_assessable(key: str, **values: object) -> Assessment:
    return Assessment(Status.NOT_ASSESSABLE, key, values)


@dataclass(frozen=True)
class _Context:
    terms: TargetTerms
    tracked: Mapping[int, float]
    progress: Progress
    first: int
    latest: int
    thresholds: Thresholds
    previous: Status | None


def _wants_higher(terms: TargetTerms) -> bool:
    if terms.comparator.is_floor:
        return True
    if terms.comparator.is_ceiling:
        return False
    return terms.higher_is_better


def _path_status(ctx: _Context) -> Assessment:
    terms = ctx.terms
    actual = final_measure(terms, ctx.tracked, ctx.latest)
    met = meets(terms, actual, default_tolerance=ctx.thresholds.approx_tolerance)
    numbers = _numbers(ctx, actual)
    if ctx.latest >= terms.deadline_year:
        key = f"assess.{_final_wording(terms)}{'achieved' if met else 'missed'}"
        return Assessment(Status.ACHIEVED if met else Status.MISSED, key, numbers, final=True)
    if met and terms.kind in _EARLY_KINDS and (terms.comparator.is_floor
                                               or terms.comparator.is_ceiling):
        return Assessment(Status.ACHIEVED, "assess.achieved_early", numbers)
    return Assessment(_status_from_ratio(ctx), _progress_key(ctx), numbers)


def _final_wording(terms: TargetTerms) -> str:
    if terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        return "growth_"
    if terms.kind is TargetKind.CHANGE_VS_BASELINE:
        return "change_"
    return ""


def _status_from_ratio(ctx: _Context) -> Status:
    on_track, at_risk = ctx.thresholds.for_nature(ctx.terms.binding)
    ratio = ctx.progress.progress_ratio
    if ratio is None:
        ratio = _ratio_from_gap(ctx)
    status = (Status.ON_TRACK if ratio >= on_track else
              Status.AT_RISK if ratio >= at_risk else Status.OFF_TRACK)
    return _with_hysteresis(status, ratio, ctx.previous, on_track, at_risk,
                            ctx.thresholds.hysteresis)


def _ratio_from_gap(ctx: _Context) -> float:
    """Stand in for the progress ratio where no progress was required yet (target equal
    to the baseline): 1 when at or better than the path, less by the relative shortfall."""
    gap, required = ctx.progress.gap or 0.0, ctx.progress.required_value or 0.0
    shortfall = -gap if _wants_higher(ctx.terms) else gap
    if shortfall <= 0:
        return 1.0
    return 1.0 - shortfall / max(abs(required), 1e-9)


def _with_hysteresis(status: Status, evidence: float, previous: Status | None,
                     on_track: float, at_risk: float, band: float) -> Status:
    """Keep the previous status while the evidence (a ratio or a probability) stays within
    `band` below the cut point that earned it; beyond that, the evidence decides."""
    if previous not in _RANK or _RANK[status] >= _RANK[previous]:
        return status
    held = {Status.ON_TRACK: on_track, Status.AT_RISK: at_risk}[previous]
    return previous if evidence >= held - band else status


def _per_period_status(ctx: _Context, years: list[int]) -> Assessment:
    terms = ctx.terms
    tolerance = ctx.thresholds.approx_tolerance
    breaches = [y for y in years if not meets(terms, ctx.tracked[y], default_tolerance=tolerance)]
    numbers = _numbers(ctx, ctx.tracked[ctx.latest]) | {
        "years": Listing(tuple(str(y) for y in breaches))}
    if ctx.latest >= terms.deadline_year:
        if breaches:
            return Assessment(Status.MISSED, "assess.breached", numbers, final=True)
        return Assessment(Status.ACHIEVED, "assess.kept", numbers, final=True)
    if not breaches:
        return Assessment(Status.ON_TRACK, "assess.kept", numbers)
    if terms.binding:
        return Assessment(Status.MISSED, "assess.breached", numbers)
    status = Status.OFF_TRACK if breaches[-1] == ctx.latest else Status.AT_RISK
    return Assessment(status, "assess.breached", numbers)


def _progress_key(ctx: _Context) -> str:
    last_year = ctx.terms.deadline_year - ctx.latest == 1
    if ctx.terms.kind is TargetKind.AVERAGE_ANNUAL_GROWTH:
        return "assess.growth_progress_last" if last_year else "assess.growth_progress"
    if _is_percent_change(ctx.terms) and ctx.progress.required_rate is not None:
        so_far = "down" if ctx.progress.latest_value < 0 else "up"
        needed = "down" if ctx.progress.required_rate < 0 else "up"
        return f"assess.change_progress_{so_far}_{needed}"
    if ctx.progress.required_rate is not None:
        return "assess.progress_rate"
    return "assess.progress_change"


def _numbers(ctx: _Context, actual: float) -> dict[str, object]:
    """The values a reason may quote, already formatted for a sentence."""
    terms, progress = ctx.terms, ctx.progress
    unit = terms.unit
    remaining = terms.deadline_year - ctx.latest
    return {
        "year": ctx.latest, "first": ctx.first, "deadline": terms.deadline_year,
        "base": terms.base_year,
        "next": ctx.latest + 1, "remaining": remaining,
        "actual": Quantity(fmt(actual), unit), "target": _target_label(terms),
        "distance": fmt_share(progress.distance_share), "time": fmt_share(progress.time_share),
        "required": fmt(progress.required_rate) + "%" if progress.required_rate is not None
        else "—",
        "change": Quantity(fmt(progress.required_change), unit)
        if progress.required_change is not None else "—",
    } | (_change_words(actual, progress.required_rate) if _is_percent_change(terms) else {})


def _is_percent_change(terms: TargetTerms) -> bool:
    return terms.kind is TargetKind.CHANGE_VS_BASELINE and terms.change_unit is ChangeUnit.PERCENT


def _change_words(so_far: float, needed: float | None) -> dict[str, object]:
    """A percent change the way a planner says it, 累计下降13.4%，还需年均下降3.0% (down 13.4%;
    needs a further fall of 3.0% a year): unsigned numbers, the directions in the reason
    key (`_progress_key`), not signed rates."""
    return {"so_far": f"{fmt(abs(so_far))}%",
            "needed": "—" if needed is None else f"{fmt(abs(needed))}%"}


def _target_label(terms: TargetTerms) -> Quantity:
    if terms.comparator is Comparator.BETWEEN:
        return Quantity(f"{fmt(terms.value)}–{fmt(terms.upper_value)}", terms.unit)
    return Quantity(f"{terms.comparator.symbol}{fmt(terms.value)}", terms.unit)


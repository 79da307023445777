"""One target's story as known at a moment: what the target-gap chart draws (figures with
every vintage, required path, target and band, forecast fans, definition breaks), gathered
from the database into plain values so that the chart stays a pure function of them and
pages and alert emails draw the same chart.

Everything is on the scale of the published figures (`indicators.data.story_scale`), in
the indicator's unit, and only what was known at `as_of` is read: figures and breaks by
their vintage, the target by its version, the forecast from the newest run made as of then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.arithmetic.paths import TargetTerms
from indicators.arithmetic.thresholds import Thresholds
from indicators.arithmetic.units import target_unit_factor
from indicators.clock import utc_now
from indicators.data import stored_runs
from indicators.data.figures import breaks_as_of
from indicators.data.known_targets import targets_as_of
from indicators.data.queries import get_target, series_of_targets
from indicators.data.story_scale import Bounds, figure_path, target_bounds
from indicators.data.target_terms import target_terms
from indicators.periods import PeriodKind, parse_period
from indicators.tables.catalogue import Target
from indicators.tables.forecasts import ForecastRun, ForecastSeriesModel
from indicators.tables.observations import Observation, Series
from indicators.vocab import BreakKind, Comparator, ObservationStatus, SourceKind


@dataclass(frozen=True)
class Vintage:
    """One published state of a figure."""

    value: float
    status: ObservationStatus
    published: datetime
    source: str = ""
    illustrative: bool = False  # generated for the demo (示例数据), not a statistic


@dataclass(frozen=True)
class Figure:
    """A year's figure as known at the moment, with every vintage known then, oldest first."""

    year: int
    value: float
    status: ObservationStatus
    vintages: tuple[Vintage, ...]

    @property
    def illustrative(self) -> bool:
        """Whether the figure shown (the newest vintage) was generated for the demo."""
        return bool(self.vintages) and self.vintages[-1].illustrative


@dataclass(frozen=True)
class ForecastStep:
    """One year ahead of the forecast: mean and the 80% and 95% intervals."""

    year: int
    mean: float
    lo_80: float
    hi_80: float
    lo_95: float
    hi_95: float


@dataclass(frozen=True)
class DefinitionBreak:
    """A break in the series' definition (口径调整) or a census revision, from `year` on."""

    year: int
    kind: BreakKind
    description: str


@dataclass(frozen=True)
class TargetMark:
    """The target as the chart states it: its terms on the figures' scale (`bounds`, None
    when no path can be drawn), its deadline and baseline, and its verbatim wording."""

    comparator: Comparator
    bounds: Bounds | None
    unit: str
    deadline_year: int
    baseline_year: int | None
    baseline_value: float | None
    wording: str


@dataclass(frozen=True)
class TargetStory:
    """Everything the target-gap chart draws for one target (see the module doc)."""

    key: str
    indicator_name: str
    indicator_name_en: str
    region_name: str
    region_name_en: str  # the Chinese name when the region has no English one
    unit: str
    target: TargetMark
    figures: tuple[Figure, ...]
    path: tuple[tuple[int, float], ...]
    forecast: tuple[ForecastStep, ...]
    forecast_model: str | None
    breaks: tuple[DefinitionBreak, ...]
    as_of: datetime


def terms_in_indicator_unit(target: Target) -> TargetTerms | None:
    """Return the target's terms as the assessment reads them, labelled in the indicator's
    unit (the chart's axis); None when the units do not convert."""
    factor = target_unit_factor(target.kind, target.unit, target.indicator.unit)
    if factor is None:
        return None
    return replace(target_terms(target, factor), unit=target.indicator.unit)


def _annual_vintages(session: Session, series: Series,
                     as_of: datetime) -> dict[int, list[Observation]]:
    """Return year → every vintage known at `as_of` of its annual figure, oldest first; a
    1–12月 total stands in for a year with no annual figure, as the assessment reads it."""
    rows = session.scalars(select(Observation).where(
        Observation.series_id == series.id, Observation.vintage_at <= as_of)
        .order_by(Observation.vintage_at, Observation.id))
    annual: dict[int, list[Observation]] = {}
    december: dict[int, list[Observation]] = {}
    for row in rows:
        if row.period_kind is PeriodKind.YEAR:
            annual.setdefault(row.year, []).append(row)
        elif row.period_kind is PeriodKind.YEAR_TO_DATE and row.period_number == 12:
            december.setdefault(row.year, []).append(row)
    return {**december, **annual}


def _figure(year: int, vintages: list[Observation]) -> Figure:
    newest = vintages[-1]
    return Figure(year=year, value=float(newest.value), status=newest.status,
                  vintages=tuple(Vintage(float(v.value), v.status, v.vintage_at, v.source or "",
                                         v.source_kind is SourceKind.ILLUSTRATIVE)
                                 for v in vintages))


def forecast_model_of(session: Session, series: Series,
                    as_of: datetime | None) -> ForecastSeriesModel | None:
    """The series' forecast: from the newest current run, or as of a past moment from the
    newest run (retrospective ones included) made as of then."""
    if as_of is None:
        return stored_runs.latest_models(session, [series.id]).get(series.id)
    return session.scalar(
        select(ForecastSeriesModel).join(ForecastRun)
        .where(ForecastSeriesModel.series_id == series.id, ForecastRun.as_of <= as_of)
        .order_by(ForecastRun.as_of.desc(), ForecastRun.id.desc()).limit(1))


def _forecast(session: Session, model: ForecastSeriesModel | None) -> tuple[ForecastStep, ...]:
    if model is None:
        return ()
    points = stored_runs.points_of(session, run_id=model.run_id, series_id=model.series_id)
    return tuple(ForecastStep(parse_period(p.period_code).year, p.mean, p.lo_80, p.hi_80,
                              p.lo_95, p.hi_95) for p in points)


def _mark(target: Target, terms: TargetTerms | None, values: dict[int, float],
          thresholds: Thresholds) -> TargetMark:
    bounds = None if terms is None else target_bounds(
        terms, values, default_tolerance=thresholds.approx_tolerance)
    baseline = None if terms is None else terms.baseline_value
    if baseline is None and terms is not None and terms.base_year is not None:
        baseline = values.get(terms.base_year)
    return TargetMark(comparator=target.comparator, bounds=bounds,
                      unit=target.indicator.unit, deadline_year=target.deadline_year,
                      baseline_year=None if terms is None else terms.base_year,
                      baseline_value=baseline, wording=target.quote)


def target_story(session: Session, key: str, *, as_of: datetime | None = None,
                 thresholds: Thresholds | None = None) -> TargetStory | None:
    """Gather one target's story as known at `as_of` (default: now, with the current
    forecast); None for an unknown key."""
    live = get_target(session, key=key)
    if live is None:
        return None
    moment = as_of or utc_now()
    target = targets_as_of(session, [live], moment)[0]
    terms = terms_in_indicator_unit(target)
    series = series_of_targets(session, [live]).get(live.id)
    vintages = {} if series is None else _annual_vintages(session, series, moment)
    figures = tuple(_figure(year, vintages[year]) for year in sorted(vintages))
    values = {f.year: f.value for f in figures}
    model = None if series is None else forecast_model_of(session, series, as_of)
    path = {} if terms is None else figure_path(terms, values)
    indicator = target.indicator
    return TargetStory(
        key=target.key, indicator_name=indicator.name, indicator_name_en=indicator.name_en,
        region_name=target.region.name,
        region_name_en=target.region.name_en or target.region.name, unit=indicator.unit,
        target=_mark(target, terms, values, thresholds or Thresholds()),
        figures=figures, path=tuple(sorted(path.items())),
        forecast=_forecast(session, model),
        forecast_model=None if model is None else model.model,
        breaks=() if series is None else tuple(
            DefinitionBreak(parse_period(b.period_code).year, b.kind, b.description)
            for b in breaks_as_of(series.breaks, moment)),
        as_of=moment)

"""Load the demo: the seed catalogue, published statistics and illustrative series."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indicators.arithmetic.thresholds import Thresholds
from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.data.basis import assessment_records
from indicators.data.records import basis_summary
from indicators.periods import PeriodKind
from indicators.runs.assessment import run_assessment
from indicators.runs.replay import ReplayedDay, replay, replay_days
from indicators.tables.assessments import AssessmentRun
from indicators.tables.catalogue import Target
from indicators.tables.observations import Observation, Series
from indicators.text.messages import Language, message
from indicators.vocab import BreakKind, ObservationStatus, SourceKind
from service.demo import actuals as demo_actuals
from service.demo import published as demo_published
from service.demo.illustrative import TargetShape
from service.demo.pinning import Anchor, is_lower_bound, pinned_series

# Fewer real annual figures than this and a series gets an illustrative trajectory.
MIN_REAL_POINTS = 3
ILLUSTRATIVE_NOTE = "为演示生成，非统计数据 / generated for the demo, not a statistic"
CENSUS_BREAKS = (
    # region, indicator, first period under the new definition, description
    ("370300", "gdp", "2019",
     "第四次全国经济普查后地区生产总值修订，2019年起与此前年份不可比 / GRP revised after the "
     "4th national economic census: 2019 on is not comparable with earlier years"),
)
# The demo replays every 30 June and 31 December from the first year of the Lüliang plan
# (2013) to the last seed deadline (2022): 20 days, about 30 s on SQLite. Annual figures
# come out in the spring communiqués, and Lüliang's preliminary figures for 2015 in its
# government work report of 27 December 2015, so both halves of a year can differ.
DEMO_REPLAY_DAYS = tuple(replay_days(date(2013, 6, 30), date(2022, 12, 31), 6))
# The day the demo opens on (TARGETWATCH_OPEN_AS_OF in `make demo`): of the replayed days
# the one with the most live targets judged with a forecast and the best mix of statuses
# (measured: 31 on track, 18 at risk, 12 off track, 1 achieved, 27 not assessable; a year
# earlier 7 / 16 / 37, half a year later 30 / 17 / 10 with 4 already settled).
OPEN_AS_OF = date(2015, 6, 30)


@dataclass(frozen=True)
class DemoReport:
    catalogue: list[catalogue.LoadReport]
    actuals: demo_actuals.ActualsReport
    published: demo_published.PublishedReport
    illustrative_series: int
    illustrative_points: int
    assessment: AssessmentRun
    replayed: list[ReplayedDay]


def load_demo(session: Session, *, actuals_csv: Path, now: datetime,
              thresholds: Thresholds | None = None,
              published_csv: Path = demo_published.BUNDLED_PUBLISHED,
              replay_on: Sequence[date] = ()) -> DemoReport:
    """Load everything the demo shows (flush only; the caller commits): the catalogue, the
    published statistics of both files (the second only when present), and illustrative
    series where real figures are too few; assess it now, and store retrospective
    assessment and forecast runs as of each day of `replay_on` that has ended."""
    files = catalogue.read_catalogues(catalogue.seed_files())
    reports = [catalogue.load_catalogue(session, loaded) for loaded in files]
    rows = demo_actuals.read_actuals(actuals_csv)
    actuals = demo_actuals.import_actuals(session, rows, imported_at=now)
    published = demo_published.import_published(
        session, demo_published.read_published(published_csv), imported_at=now)
    _record_known_breaks(session, now=now)
    series_count, points = add_illustrative_series(session, now=now)
    session.flush()
    run = run_assessment(session, as_of=now, thresholds=thresholds)
    replayed = replay(session, [d for d in replay_on if d < now.date()], thresholds=thresholds)
    return DemoReport(reports, actuals, published, series_count, points, run, replayed)


def _record_known_breaks(session: Session, *, now: datetime) -> None:
    """Record each census break as known from when the first figure on the new basis was
    published, so an assessment as of a day before then does not see it."""
    for region, indicator_code, period, description in CENSUS_BREAKS:
        indicator = indicator_queries.get_indicator_or_raise(session, code=indicator_code)
        series = indicator_queries.get_or_add_series(session, indicator=indicator,
                                                     region_code=region)
        first = indicator_queries.list_vintages(session, series_id=series.id,
                                                period_code=period)
        known_from = first[0].vintage_at if first else demo_actuals.assumed_publication(
            period, ObservationStatus.FINAL, cap=now)
        indicator_queries.add_series_break(session, series=series, period_code=period,
                                           kind=BreakKind.CENSUS, description=description,
                                           known_from=known_from)


def add_illustrative_series(session: Session, *, now: datetime) -> tuple[int, int]:
    """Give every approved target whose series has too few real annual figures an
    illustrative trajectory in the years that have no real figure, pinned to the real
    figures that are known (`pinning`)."""
    series_done: set[int] = set()
    points = 0
    targets = indicator_queries.approved_targets(session)
    for target in targets:
        series = indicator_queries.get_or_add_series(
            session, indicator=target.indicator, region_code=target.region_code,
            entity=target.entity)
        if series.id in series_done:
            continue
        anchors = real_anchors(session, series)
        if len(anchors) >= MIN_REAL_POINTS:
            continue
        series_done.add(series.id)
        if target.baseline_year is not None and target.baseline_value is not None:
            anchors.setdefault(target.baseline_year, Anchor(target.baseline_value))
        generated = pinned_series(_shape(target), now.year - 1, anchors)
        for year, value in generated.items():
            figure = indicator_queries.NewFigure(
                period_code=str(year), value=value, status=ObservationStatus.FINAL,
                source_kind=SourceKind.ILLUSTRATIVE, source=message("source.illustrative"),
                vintage_at=demo_actuals.assumed_publication(str(year), ObservationStatus.FINAL,
                                                            cap=now),
                note=ILLUSTRATIVE_NOTE)
            if indicator_queries.add_figure(session, series=series, figure=figure):
                points += 1
    return len(series_done), points


def real_anchors(session: Session, series: Series) -> dict[int, Anchor]:
    """The real annual figures of a series (their newest vintage), year → anchor."""
    figures = session.scalars(select(Observation).where(
        Observation.series_id == series.id, Observation.period_kind == PeriodKind.YEAR,
        Observation.source_kind != SourceKind.ILLUSTRATIVE).order_by(Observation.vintage_at))
    return {f.year: Anchor(f.value, is_lower_bound(f.note)) for f in figures}


def _shape(target: Target) -> TargetShape:
    return TargetShape(
        key=target.key, kind=target.kind, comparator=target.comparator, value=target.value,
        upper_value=target.upper_value, change_unit=target.change_unit,
        start_year=target.start_year, deadline_year=target.deadline_year,
        value_type=target.indicator.value_type,
        higher_is_better=target.indicator.higher_is_better, baseline_value=target.baseline_value)


def demo_summary(session: Session, report: DemoReport, language: Language) -> str:
    """Describe what the database now holds, for the `demo` command's output."""
    observations = session.scalar(select(func.count()).select_from(Observation)) or 0
    illustrative = session.scalar(select(func.count()).select_from(Observation).where(
        Observation.source_kind == SourceKind.ILLUSTRATIVE)) or 0
    loaded = message("cli.demo_loaded", language,
                     targets=indicator_queries.count_targets(session),
                     observations=observations, illustrative=illustrative)
    records = assessment_records(session, report.assessment.results)
    verdicts = message("demo.verdicts", language, summary=basis_summary(records, language))
    return "\n".join([loaded, *published_summary(report.published, language), verdicts,
                      *replay_summary(report.replayed, language)])


def replay_summary(replayed: Sequence[ReplayedDay], language: Language) -> list[str]:
    """Say which past days were replayed."""
    if not replayed:
        return []
    return [message("demo.replayed", language, days=len(replayed), first=replayed[0].day,
                    last=replayed[-1].day)]


def opening_line(host: str, port: int, language: Language) -> str:
    """Name the address the demo opens on: the board as known on `OPEN_AS_OF`."""
    url = f"http://{host}:{port}/?as_of={OPEN_AS_OF.isoformat()}"
    return message("demo.open_at", language, day=OPEN_AS_OF.isoformat(), url=url)


def published_summary(report: demo_published.PublishedReport, language: Language) -> list[str]:
    """Say what the published-figures file gave, and each row left out with its reason."""
    if not report.rows:
        return []
    head = message("demo.published_loaded", language,
                   file=demo_published.BUNDLED_PUBLISHED.name, rows=report.rows,
                   loaded=report.stored + report.unchanged, skipped=len(report.skipped))
    return [head, *(message("demo.row_skipped", language, line=line,
                            reason=message(key, language, **values))
                    for line, key, values in report.skipped)]

"""The demo's import of published statistics and its illustrative series."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.data.basis import assessment_records
from indicators.periods import PeriodKind
from indicators.tables.catalogue import Region
from indicators.tables.observations import Observation, Series, SeriesBreak
from indicators.vocab import ObservationStatus, SourceKind, ValueType
from service.demo import actuals as demo_actuals
from service.demo import published as demo_published
from service.demo.loader import MIN_REAL_POINTS, DemoReport, load_demo
from service.demo.pinning import is_lower_bound

NOW = datetime(2026, 11, 22, tzinfo=UTC)


def _gdp(session: Session, region: str, period: str) -> list[Observation]:
    indicator = indicator_queries.get_indicator_or_raise(session, code="gdp")
    series = indicator_queries.get_or_add_series(session, indicator=indicator,
                                                 region_code=region)
    return list(indicator_queries.list_vintages(session, series_id=series.id,
                                                period_code=period))


def test_every_label_of_the_published_data_has_a_rule() -> None:
    rows = demo_actuals.read_actuals(demo_actuals.BUNDLED_ACTUALS)
    assert {r.label for r in rows} <= set(demo_actuals.LABEL_RULES)


def test_a_preliminary_figure_and_its_revision_are_both_kept(session: Session) -> None:
    load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW)
    vintages = _gdp(session, "141100", "2015")
    assert [(float(v.value), v.status) for v in vintages] == [
        (960.0, ObservationStatus.PRELIMINARY), (955.8, ObservationStatus.FINAL)]
    assert vintages[0].vintage_at.date().isoformat() == "2015-12-26"  # 27 Dec, Beijing time


def test_of_two_sources_for_one_figure_the_more_confident_is_kept(session: Session) -> None:
    report = load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW).actuals
    vintages = _gdp(session, "370300", "2016")
    assert float(vintages[-1].value) == 4412.0
    assert 4412.01 not in [float(v.value) for v in vintages]
    assert any("more confident" in reason for _, _, reason in report.skipped)


def test_the_zibo_census_revision_is_recorded_as_a_break(session: Session) -> None:
    load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW)
    breaks = session.scalars(select(SeriesBreak).join(SeriesBreak.series)
                             .where(Series.region_code == "370300")).all()
    assert [(b.period_code, b.kind.value) for b in breaks] == [("2019", "census")]


def test_illustrative_figures_never_sit_where_a_real_figure_is(session: Session) -> None:
    report = load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW)
    assert report.illustrative_points > 0
    illustrative = session.scalars(select(Observation).where(
        Observation.source_kind == SourceKind.ILLUSTRATIVE)).all()
    assert all(o.source == "示例数据 / illustrative" for o in illustrative)
    real = session.scalars(select(Observation).where(
        Observation.source_kind != SourceKind.ILLUSTRATIVE)).all()
    real_keys = {(o.series_id, o.period_code) for o in real}
    assert not {(o.series_id, o.period_code) for o in illustrative} & real_keys
    assert max(o.year for o in illustrative) <= NOW.year - 1


def test_well_observed_series_get_no_illustrative_figures(session: Session) -> None:
    load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW)
    luliang_growth = indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session, code="gdp_growth"),
        region_code="141100")
    figures = session.scalars(select(Observation).where(
        Observation.series_id == luliang_growth.id)).all()
    assert len(figures) >= MIN_REAL_POINTS
    assert all(o.source_kind is not SourceKind.ILLUSTRATIVE for o in figures)


def test_loading_the_demo_twice_adds_nothing(session: Session) -> None:
    load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW)
    count = len(session.scalars(select(Observation.id)).all())
    second = load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW)
    assert second.actuals.stored == 0 and second.illustrative_points == 0
    assert len(session.scalars(select(Observation.id)).all()) == count


def _csv_figures(session: Session) -> list[tuple[int, str]]:
    """(series id, period) of every figure the bundled CSVs give that maps to the
    catalogue: `regional_actuals.csv` and, when present, `published_figures.csv`."""
    found = []
    for row in demo_actuals.read_actuals(demo_actuals.BUNDLED_ACTUALS):
        rule = demo_actuals.LABEL_RULES[row.label]
        if rule.indicator is None or not row.year.isdigit():
            continue
        region = session.scalar(select(Region.code).where(
            Region.name == row.region.split("(")[1].rstrip(")")))
        assert region is not None, row.region
        series = indicator_queries.get_or_add_series(
            session, indicator=indicator_queries.get_indicator_or_raise(session,
                                                                        code=rule.indicator),
            region_code=region)
        found.append((series.id, row.year + rule.period_suffix))
    for published in demo_published.read_published(demo_published.BUNDLED_PUBLISHED):
        try:
            mapped = demo_published.map_row(session, published, imported_at=NOW)
        except demo_published.RowRejected:
            continue
        series = indicator_queries.get_or_add_series(
            session, indicator=mapped.indicator, region_code=mapped.region_code,
            entity=mapped.entity)
        found.append((series.id, mapped.figure.period_code))
    return found


def test_no_illustrative_figure_contradicts_a_real_one(session: Session) -> None:
    """Against whatever CSVs are bundled: every real figure is stored as real and no
    generated figure sits in its series and period; a generated figure between two real
    ones lies between them; after a real lower bound ("超过2400家") it is at least the bound
    (unless a later real figure is itself below it). And each verdict carries its basis
    (checked on the same load, which is slow)."""
    report = load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW)
    latest = session.scalars(indicator_queries.latest_observations_query(
        indicator_queries.ObservationFilter())).all()
    by_series: dict[int, list[Observation]] = {}
    for figure in latest:
        by_series.setdefault(figure.series_id, []).append(figure)
    stored = {(o.series_id, o.period_code): o for o in latest}
    for key in _csv_figures(session):
        assert stored[key].source_kind is not SourceKind.ILLUSTRATIVE, key
    for figures in by_series.values():
        real = {f.year: f for f in figures if f.period_kind is PeriodKind.YEAR
                and f.source_kind is not SourceKind.ILLUSTRATIVE}
        for made in (f for f in figures if f.source_kind is SourceKind.ILLUSTRATIVE):
            _agrees(made, real)
    _verdicts_carry_their_basis(session, report)


def _agrees(made: Observation, real: dict[int, Observation]) -> None:
    assert made.year not in real, (made.series_id, made.period_code)
    before = [y for y in real if y < made.year]
    after = [y for y in real if y > made.year]
    if before and after:
        ends = sorted((real[max(before)].value, real[min(after)].value))
        assert ends[0] <= made.value <= ends[1], (made.series_id, made.period_code)
    if made.series.indicator.value_type is ValueType.GROWTH_RATE:
        return
    for year in before:
        if is_lower_bound(real[year].note):
            floor = min([real[year].value, *(real[y].value for y in real if y > year)])
            assert made.value >= floor, (made.series_id, made.period_code, floor)


def _verdicts_carry_their_basis(session: Session, report: DemoReport) -> None:
    """Real verdicts read no generated figure up to the deadline; a verdict whose status
    read one is never real; the well-observed high-speed rail target is real."""
    records = {r["key"]: r for r in assessment_records(session, report.assessment.results)}
    assert len(records) == 89
    assert {r["basis"] for r in records.values()} <= {"real", "illustrative", "mixed", "none"}
    assert records["003-high-speed-rail-km-2022"]["basis"] == "real"
    for result in report.assessment.results:
        basis = records[result.target.key]["basis"]
        if result.illustrative:
            assert basis in ("illustrative", "mixed"), result.target.key
        if basis == "real":
            figures = session.scalars(select(Observation).join(Observation.series).where(
                Series.subject_key == result.target.series_key[1],
                Series.indicator_id == result.target.indicator_id,
                Observation.year <= result.target.deadline_year)).all()
            assert all(f.source_kind is not SourceKind.ILLUSTRATIVE for f in figures)

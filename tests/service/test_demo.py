"""The demo's import of published statistics and its illustrative series."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.tables.observations import Observation, Series, SeriesBreak
from indicators.vocab import ObservationStatus, SourceKind
from service.demo import actuals as demo_actuals
from service.demo.loader import MIN_REAL_POINTS, load_demo

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

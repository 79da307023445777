"""One target's story from the database, as known at a moment, on SQLite and PostgreSQL:
figures with every vintage, the required path, the target, the forecast of the run made
as of then and the breaks known then; and the chart drawn from it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from dashboards.charts import target_gap_figure
from indicators.catalogue import loader as catalogue
from indicators.data import queries
from indicators.data.story import TargetStory, target_story
from indicators.runs.forecast import run_forecast
from indicators.vocab import BreakKind, ObservationStatus, SourceKind
from tests.factories import add_annual_figures, write_small_catalogue

FOREST = {2010: "26.0", 2011: "26.8", 2012: "27.5", 2013: "28.1", 2014: "28.9", 2015: "29.6"}
FIRST_RUN = datetime(2016, 6, 1, tzinfo=UTC)
REVISED_AT = datetime(2017, 1, 10, tzinfo=UTC)
PRELIMINARY_AT = datetime(2017, 2, 1, tzinfo=UTC)
BREAK_AT = datetime(2017, 5, 1, tzinfo=UTC)
SECOND_RUN = datetime(2017, 6, 1, tzinfo=UTC)


def _figure(session: Session, period: str, value: str, status: ObservationStatus,
            at: datetime) -> None:
    series = queries.get_or_add_series(
        session, indicator=queries.get_indicator_or_raise(session, code="forest_coverage"),
        region_code="141100")
    queries.add_figure(session, series=series, figure=queries.NewFigure(
        period_code=period, value=Decimal(value), status=status,
        source_kind=SourceKind.UPLOAD, source="<统计局>", vintage_at=at))


@pytest.fixture
def forest(session: Session, tmp_path: Path) -> Session:
    """The small catalogue's 森林覆盖率 2020 target (≥ 33%, plan from 2011), with six
    years of figures, a revision of 2015, a preliminary 2016, a census break known in May
    2017, and forecast runs before and after those."""
    for loaded in catalogue.read_catalogues([write_small_catalogue(tmp_path)]):
        catalogue.load_catalogue(session, loaded)
    series = add_annual_figures(session, indicator_code="forest_coverage",
                                region_code="141100", values=FOREST)
    run_forecast(session, as_of=FIRST_RUN)
    _figure(session, "2015", "29.9", ObservationStatus.REVISED, REVISED_AT)
    _figure(session, "2016", "30.5", ObservationStatus.PRELIMINARY, PRELIMINARY_AT)
    queries.add_series_break(session, series=series, period_code="2014",
                             kind=BreakKind.CENSUS, description="第三次全国国土调查 <修订>",
                             known_from=BREAK_AT)
    run_forecast(session, as_of=SECOND_RUN)
    return session


def test_the_story_holds_every_part_as_now_known(forest: Session) -> None:
    story = target_story(forest, "T1-forest-2020")
    assert isinstance(story, TargetStory)
    assert [f.year for f in story.figures] == list(range(2010, 2017))
    revised = story.figures[5]
    assert (revised.value, revised.status) == (29.9, ObservationStatus.REVISED)
    assert [(v.value, v.status) for v in revised.vintages] == [
        (29.6, ObservationStatus.FINAL), (29.9, ObservationStatus.REVISED)]
    assert story.figures[6].status is ObservationStatus.PRELIMINARY
    # Baseline 2010 (the year before the plan starts), observed at 26.0, to 33 by 2020.
    path = dict(story.path)
    assert sorted(path) == list(range(2010, 2021))
    assert path[2010] == pytest.approx(26.0) and path[2020] == pytest.approx(33.0)
    assert path[2015] == pytest.approx(29.5)
    bounds = story.target.bounds
    assert bounds is not None and (bounds.value, bounds.low, bounds.high) == (33, 33, 33)
    assert (story.target.baseline_year, story.target.baseline_value) == (2010, 26.0)
    assert story.target.wording == "2020年达到33%"
    assert (story.region_name, story.region_name_en) == ("吕梁市", "吕梁市")  # no English name
    assert [s.year for s in story.forecast] == [2017, 2018, 2019, 2020]
    assert all(s.lo_95 <= s.lo_80 <= s.mean <= s.hi_80 <= s.hi_95 for s in story.forecast)
    assert story.forecast_model
    assert [(b.year, b.kind) for b in story.breaks] == [(2014, BreakKind.CENSUS)]


def test_the_story_as_of_a_past_day_shows_only_what_was_known(forest: Session) -> None:
    story = target_story(forest, "T1-forest-2020", as_of=datetime(2016, 12, 31, tzinfo=UTC))
    assert story is not None
    assert [f.year for f in story.figures] == list(range(2010, 2016))
    assert story.figures[-1].status is ObservationStatus.FINAL
    assert len(story.figures[-1].vintages) == 1
    assert story.breaks == ()
    # The forecast of the run made as of then: from 2016 on, not the later run's 2017.
    assert story.forecast[0].year == 2016


def test_an_unknown_target_has_no_story(forest: Session) -> None:
    assert target_story(forest, "no-such-target") is None


def test_a_target_without_figures_has_a_story_without_them(session: Session,
                                                            tmp_path: Path) -> None:
    for loaded in catalogue.read_catalogues([write_small_catalogue(tmp_path)]):
        catalogue.load_catalogue(session, loaded)
    story = target_story(session, "T1-forest-2020")
    assert story is not None
    assert (story.figures, story.forecast, story.breaks, story.path) == ((), (), (), ())
    assert story.target.bounds is None  # no baseline level to draw a path from
    assert target_gap_figure(story).data == ()


def test_the_chart_draws_the_stored_story(forest: Session) -> None:
    story = target_story(forest, "T1-forest-2020")
    assert story is not None
    roles = {t.meta["role"] for t in target_gap_figure(story).data}
    assert {"actual_final", "actual_revised", "actual_preliminary", "required_path", "target",
            "forecast", "fan_80", "fan_95", "break"} <= roles
    assert "&lt;修订&gt;" in next(t for t in target_gap_figure(story).data
                                  if t.meta["role"] == "break").hovertext[0]

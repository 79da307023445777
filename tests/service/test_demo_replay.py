"""The demo with its replay: retrospective runs at past days, the day it opens on, the
track record they give, and illustrative figures that never contradict a real one.

One demo build per backend for the module (a replay takes seconds per day), on a
connection whose transaction is rolled back at the end."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from indicators.data.basis import result_bases
from indicators.data.stored_runs import current_run
from indicators.data.track_record import track_record
from indicators.periods import PeriodKind
from indicators.runs.replay import day_end
from indicators.tables.assessments import AssessmentResult
from indicators.tables.forecasts import ForecastRun
from indicators.tables.observations import Observation
from indicators.vocab import SourceKind, Status
from service.demo import actuals as demo_actuals
from service.demo.loader import DEMO_REPLAY_DAYS, OPEN_AS_OF, DemoReport, load_demo

# One pytest-xdist worker builds this module's demo once (`make test` runs two).
pytestmark = pytest.mark.xdist_group("demo-replay")

NOW = datetime(2026, 11, 22, tzinfo=UTC)
# Around the opening day: enough for the opening counts and for the 2015 and 2016 outcomes.
DAYS = [d for d in DEMO_REPLAY_DAYS if d.year in (2014, 2015, 2016)]


@pytest.fixture(scope="module")
def demo(engine: Engine) -> Iterator[tuple[Session, DemoReport]]:
    with engine.connect() as connection:
        outer = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint",
                          expire_on_commit=False)
        report = load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW,
                           replay_on=DAYS)
        yield session, report
        session.close()
        outer.rollback()


def test_each_replayed_day_is_a_retrospective_run_and_the_current_run_stays(
        demo: tuple[Session, DemoReport]) -> None:
    session, report = demo
    assert [d.day for d in report.replayed] == DAYS
    assert all(d.run.retrospective and d.run.as_of == day_end(d.day) for d in report.replayed)
    assert current_run(session) is report.assessment
    forecast_days = {r.as_of for r in session.scalars(select(ForecastRun).where(
        ForecastRun.retrospective.is_(True)))}
    assert forecast_days == {day_end(d) for d in DAYS}


def test_the_opening_day_has_live_targets_in_every_state_with_forecasts(
        demo: tuple[Session, DemoReport]) -> None:
    session, report = demo
    run = next(d.run for d in report.replayed if d.day == OPEN_AS_OF)
    results = session.scalars(select(AssessmentResult).where(
        AssessmentResult.run_id == run.id)).all()
    counts = Counter(r.status for r in results)
    assert counts[Status.ON_TRACK] >= 20 and counts[Status.AT_RISK] >= 10
    assert counts[Status.OFF_TRACK] >= 10
    live = [r for r in results if r.status in (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)]
    assert sum(r.probability is not None for r in live) >= 0.9 * len(live)


def test_the_track_record_scores_the_2015_and_2016_outcomes(
        demo: tuple[Session, DemoReport]) -> None:
    session, report = demo
    record = track_record(session, moment=NOW, page_size=1000)
    assert record.total == len(record.targets) >= 60
    assert all(t.outcome in (Status.ACHIEVED, Status.MISSED) and t.deadline_year < 2026
               for t in record.targets)
    assert record.every_pair.pairs >= 100 and sum(b.count for b in record.bins) == (
        record.every_pair.pairs)
    assert record.every_pair.brier is not None and 0 <= record.every_pair.brier <= 1
    assert record.last_pairs.pairs == record.scored_targets <= record.total
    # Seed outcomes mostly rest on generated figures, and the record says so, with the
    # same basis the board gives each verdict.
    assert record.generated > record.total / 2
    current = {r.target.key: r for r in report.assessment.results}
    bases = result_bases(session, list(current.values()))
    assert {t.key: t.basis for t in record.targets} == {
        t.key: bases[current[t.key].id] for t in record.targets}
    forest = next(t for t in record.targets if t.key == "002-forest-coverage-2015")
    assert [p.as_of for p in forest.points][:len(DAYS)] == [day_end(d) for d in DAYS]
    assert track_record(session, moment=NOW, page=2, page_size=50).targets == (
        record.targets[50:100])


def test_the_track_record_as_known_on_a_replayed_day(demo: tuple[Session, DemoReport]) -> None:
    """As known at the end of 2016: only the 2015 deadlines are settled, and no point
    after that day is read."""
    session, report = demo
    moment = day_end(DAYS[-1])
    run = next(d.run for d in report.replayed if d.day == DAYS[-1])
    record = track_record(session, moment=moment, run=run, page_size=1000)
    assert record.targets and all(t.deadline_year <= 2015 for t in record.targets)
    assert all(p.as_of <= moment for t in record.targets for p in t.points)


def _annual(session: Session) -> dict[int, list[tuple[int, float, bool]]]:
    """Series id → (year, newest value, generated?) of every annual figure, in year order."""
    rows = session.scalars(select(Observation).where(
        Observation.period_kind == PeriodKind.YEAR).order_by(Observation.vintage_at))
    newest = {(o.series_id, o.year): (float(o.value), o.source_kind is SourceKind.ILLUSTRATIVE)
              for o in rows}
    series: dict[int, list[tuple[int, float, bool]]] = {}
    for (series_id, year), (value, generated) in sorted(newest.items()):
        series.setdefault(series_id, []).append((year, value, generated))
    return series


def test_no_illustrative_figure_contradicts_a_real_one_in_direction(
        demo: tuple[Session, DemoReport]) -> None:
    """Where a series has two or more real figures, a generated figure outside them moves
    from the nearest real figure the way the real figures move (never the other way), and
    never by more per year than they do; between two real figures it lies between them."""
    session, _ = demo
    checked = 0
    for figures in _annual(session).values():
        real = [(y, v) for y, v, generated in figures if not generated]
        if len(real) < 2:
            continue
        for year, value, generated in figures:
            if not generated:
                continue
            checked += 1
            before = [r for r in real if r[0] < year]
            after = [r for r in real if r[0] > year]
            if before and after:
                low, high = sorted((before[-1][1], after[0][1]))
                assert low - 1e-6 <= value <= high + 1e-6
                continue
            (y0, v0), (y1, v1) = (real[0], real[1]) if after else (real[-2], real[-1])
            nearest_year, nearest = (y0, v0) if after else (y1, v1)
            assert (value - nearest) * (v1 - v0) * (year - nearest_year) >= -1e-9, (
                year, value, real)  # the same direction as the real figures
            years = abs(year - nearest_year)
            carried = (nearest * (v1 / v0) ** (years / (y1 - y0) * (1 if before else -1))
                       if v0 > 0 and v1 > 0 else
                       nearest + (v1 - v0) / (y1 - y0) * (year - nearest_year))
            assert abs(value - nearest) <= abs(carried - nearest) + 1.0, (year, value, real)
    assert checked > 0


def test_luliangs_forest_cover_for_2015_agrees_with_the_published_2020_figure(
        demo: tuple[Session, DemoReport]) -> None:
    session, _ = demo
    forest = [f for f in _annual(session).values()
              if (2020, 28.6, False) in f]
    assert len(forest) == 1
    by_year = {y: v for y, v, _ in forest[0]}
    assert 27.0 <= by_year[2015] <= 28.6  # 28.6% in 2020 and 28.8% in 2021: rising slowly

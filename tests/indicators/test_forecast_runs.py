"""Forecast runs over the database: which series, as known when, what is stored, and that a
failed run leaves nothing behind."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from indicators.data import queries, stored_runs
from indicators.runs import forecast as runs
from indicators.runs.assessment import run_assessment
from indicators.tables.forecasts import ForecastPoint, ForecastRun, ForecastSeriesModel
from indicators.tables.observations import Series
from tests.factories import add_annual_figures
from tests.seed import seed_catalogues

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
DONGYANG = "330783"  # document 001: four targets, deadline 2018
GDP_GROWTH = {2010: "12.1", 2011: "11.0", 2012: "9.6", 2013: "9.1", 2014: "8.4", 2015: "7.9",
              2016: "7.6"}
URBANISATION = {2011: "60.1", 2012: "61.0", 2013: "61.8", 2014: "62.5", 2015: "63.3"}
FAI_GROWTH = {2015: "14.0", 2016: "12.5"}  # too few to forecast


def _add(session: Session, indicator: str, values: dict[int, str], *,
         at: datetime | None = None) -> Series:
    return add_annual_figures(session, indicator_code=indicator, region_code=DONGYANG,
                              values=values, at=at)


@pytest.fixture
def dongyang(session: Session) -> dict[str, Series]:
    """The seed catalogue, with figures for three of 东阳市's four target series."""
    for loaded in seed_catalogues():
        catalogue.load_catalogue(session, loaded)
    return {"gdp": _add(session, "gdp_growth", GDP_GROWTH),
            "urban": _add(session, "urbanization_rate", URBANISATION),
            "fai": _add(session, "fixed_asset_investment_growth", FAI_GROWTH)}


def _models(run: ForecastRun) -> dict[int, ForecastSeriesModel]:
    return {m.series_id: m for m in run.models}


def test_a_run_continues_each_history_with_nested_intervals(
        session: Session, dongyang: dict[str, Series]) -> None:
    run = runs.run_forecast(session, as_of=NOW)
    models = _models(run)
    assert {s.id for s in dongyang.values()} <= set(models)
    assert run.series_count == len(models) and run.finished_at is not None
    assert run.levels == [80, 95]
    for key, last, first_ahead, last_ahead in (("gdp", "2016", "2017", "2019"),
                                              ("urban", "2015", "2016", "2018")):
        series = dongyang[key]
        assert models[series.id].model != runs.INSUFFICIENT_DATA and models[series.id].reason
        assert models[series.id].last_period == last
        points = stored_runs.points_of(session, run_id=run.id, series_id=series.id)
        # To the 2018 deadline, and at least three years ahead.
        assert (points[0].period_code, points[-1].period_code) == (first_ahead, last_ahead)
        assert [p.step for p in points] == list(range(1, len(points) + 1))
        for p in points:
            assert p.lo_95 <= p.lo_80 <= p.hi_80 <= p.hi_95
            assert list(p.quantiles) == ["0.05", "0.1", "0.25", "0.5", "0.75", "0.9", "0.95"]
            assert list(p.quantiles.values()) == sorted(p.quantiles.values())
            assert p.lo_95 <= p.mean <= p.hi_95


def test_a_series_of_two_figures_gets_a_random_walk_with_wider_intervals(
        session: Session, dongyang: dict[str, Series]) -> None:
    run = runs.run_forecast(session, as_of=NOW)
    fai = _models(run)[dongyang["fai"].id]
    assert (fai.model, fai.n_obs, fai.last_period) == ("random_walk_short", 2, "2016")
    points = stored_runs.points_of(session, run_id=run.id, series_id=dongyang["fai"].id)
    gdp = stored_runs.points_of(session, run_id=run.id, series_id=dongyang["gdp"].id)
    assert points and points[0].mean == pytest.approx(12.5, abs=3)  # a walk from 12.5

    def relative_width(point: ForecastPoint) -> float:
        return (point.hi_80 - point.lo_80) / abs(point.mean)

    assert relative_width(points[0]) > relative_width(gdp[0])
    assert all(p.lo_95 <= p.lo_80 <= p.mean <= p.hi_80 <= p.hi_95 for p in points)


def test_a_series_without_figures_in_a_run_is_recorded_without_a_forecast(
        session: Session, dongyang: dict[str, Series]) -> None:
    run = runs.run_forecast(session, as_of=datetime(2016, 1, 1, tzinfo=UTC))
    fai = _models(run)[dongyang["fai"].id]
    assert (fai.model, fai.n_obs) == (runs.INSUFFICIENT_DATA, 0)
    assert stored_runs.points_of(session, run_id=run.id, series_id=dongyang["fai"].id) == []


def test_the_assessment_and_the_stored_forecast_give_the_same_numbers(
        session: Session, dongyang: dict[str, Series]) -> None:
    """The assessment's forecast at the deadline of 东阳's urbanisation target (average
    growth from levels) is the stored run's 2018 point and interval carried through the
    target's arithmetic, not another estimate of the same thing."""
    as_of = datetime(2016, 6, 30, tzinfo=UTC)
    stored = runs.run_forecast(session, as_of=as_of)
    assessed = run_assessment(session, as_of=as_of)
    result = next(r for r in assessed.results
                  if r.target.key == "001-urbanization-growth-avg-2016-2018")
    points = {p.period_code: p for p in stored_runs.points_of(
        session, run_id=stored.id, series_id=dongyang["urban"].id)}
    base = float(URBANISATION[2015])

    def growth(value: float) -> float:
        return ((value / base) ** (1 / 3) - 1) * 100

    at_deadline = points["2018"]
    assert result.forecast_model != "actual"
    assert result.forecast_mean == pytest.approx(growth(at_deadline.mean), rel=1e-9)
    assert result.forecast_lo_80 == pytest.approx(growth(at_deadline.lo_80), rel=1e-9)
    assert result.forecast_hi_95 == pytest.approx(growth(at_deadline.hi_95), rel=1e-9)
    # The probability agrees with the point's side of the target (1% a year).
    meets = result.forecast_mean >= 1.0
    assert not (result.probability > 0.5 and not meets)
    assert not (result.probability < 0.5 and meets)


def test_the_forecast_uses_the_data_as_known_at_as_of(
        session: Session, dongyang: dict[str, Series]) -> None:
    _add(session, "gdp_growth", {2017: "7.3"}, at=datetime(2018, 2, 1, tzinfo=UTC))
    before = runs.run_forecast(session, as_of=datetime(2018, 1, 1, tzinfo=UTC),
                               series_ids={dongyang["gdp"].id})
    after = runs.run_forecast(session, as_of=NOW, series_ids={dongyang["gdp"].id})
    assert _models(before)[dongyang["gdp"].id].last_period == "2016"
    assert _models(after)[dongyang["gdp"].id].last_period == "2017"
    assert stored_runs.points_of(session, run_id=after.id, series_id=dongyang["gdp"].id)[0] \
        .period_code == "2018"


def test_the_stored_forecast_is_reproducible_and_follows_the_trend(
        session: Session, dongyang: dict[str, Series]) -> None:
    first, second = (runs.run_forecast(session, as_of=NOW, seed=7) for _ in range(2))

    def means(run: ForecastRun) -> list[tuple[float, dict[str, float]]]:
        return [(p.mean, p.quantiles) for p in stored_runs.points_of(
            session, run_id=run.id, series_id=dongyang["gdp"].id)]

    assert first.seed == 7 and means(first) == means(second)
    # 东阳市 GDP growth fell every year, 12.1% (2010) to 7.6% (2016): the forecast keeps
    # falling from there, and the median is the mean.
    trajectory = [mean for mean, _ in means(first)]
    assert 5 < trajectory[2] < trajectory[1] < trajectory[0] < 7.6
    assert all(quantiles["0.5"] == pytest.approx(mean) for mean, quantiles in means(first))
    # Pinned as computed (tolerance as the golden file's, tests/golden/seed_assessments.py).
    assert trajectory == pytest.approx([7.2346, 6.9876, 6.7584], abs=0.01)


def test_a_run_for_one_series_gives_it_the_forecast_of_the_full_run(
        session: Session, dongyang: dict[str, Series]) -> None:
    """The intervals are calibrated on the whole panel of approved targets' series, so the
    re-forecast after an upload matches what the nightly run gives the same series."""
    full = runs.run_forecast(session, as_of=NOW)
    one = runs.run_forecast(session, as_of=NOW, series_ids={dongyang["gdp"].id})

    def trajectory(run: ForecastRun) -> list[tuple[object, ...]]:
        return [(p.period_code, p.mean, p.lo_80, p.hi_80, p.lo_95, p.hi_95, p.quantiles)
                for p in stored_runs.points_of(session, run_id=run.id,
                                               series_id=dongyang["gdp"].id)]

    assert trajectory(one) == trajectory(full) and trajectory(one)


def test_only_the_series_asked_for_and_only_those_targets_read(
        session: Session, dongyang: dict[str, Series]) -> None:
    run = runs.run_forecast(session, as_of=NOW, series_ids={dongyang["urban"].id})
    assert set(_models(run)) == {dongyang["urban"].id} and run.series_count == 1
    nobody_reads = queries.get_or_add_series(
        session, indicator=queries.get_indicator_or_raise(session, code="gdp"),
        region_code="370300")  # 淄博市 GDP: document 004 reports it, no target reads it
    assert runs.forecastable_series(session, {nobody_reads.id, dongyang["gdp"].id}) == {
        dongyang["gdp"].id}
    with pytest.raises(runs.NotForecastableError):
        runs.run_forecast(session, as_of=NOW, series_ids={nobody_reads.id})


def test_the_newest_run_that_covered_a_series_is_its_latest_forecast(
        session: Session, dongyang: dict[str, Series]) -> None:
    everything = runs.run_forecast(session, as_of=NOW)
    gdp_only = runs.run_forecast(session, as_of=NOW, series_ids={dongyang["gdp"].id})
    assert stored_runs.latest_forecast_run(session) is gdp_only
    assert {p.run_id for p in stored_runs.latest_points(session, dongyang["gdp"].id)} == {
        gdp_only.id}
    assert {p.run_id for p in stored_runs.latest_points(session, dongyang["urban"].id)} == {
        everything.id}
    assert {p.run_id for p in stored_runs.latest_points(session, dongyang["fai"].id)} == {
        everything.id}  # two figures: the short-series walk


def _count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_a_run_that_fails_half_way_leaves_nothing(
        session_factory: sessionmaker[Session], monkeypatch: pytest.MonkeyPatch) -> None:
    with session_factory() as session, session.begin():
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
        _add(session, "gdp_growth", GDP_GROWTH)
        _add(session, "urbanization_rate", URBANISATION)
    stored = runs._store_series
    flushed_before_the_crash: list[int] = []

    def fail_on_the_second_series(session: Session, *args: object) -> None:
        if flushed_before_the_crash:
            raise RuntimeError("disk full")
        stored(session, *args)  # type: ignore[arg-type]
        flushed_before_the_crash.append(_count(session, ForecastPoint))

    monkeypatch.setattr(runs, "_store_series", fail_on_the_second_series)
    with session_factory() as session, pytest.raises(RuntimeError, match="disk full"), \
            session.begin():
        runs.run_forecast(session, as_of=NOW)
    assert flushed_before_the_crash and flushed_before_the_crash[0] > 0
    with session_factory() as session:
        assert [_count(session, m) for m in (ForecastRun, ForecastSeriesModel,
                                             ForecastPoint)] == [0, 0, 0]

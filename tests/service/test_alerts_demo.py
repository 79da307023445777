"""The alerts a planning officer would expect on the demo as known on 30 June 2015 (the day
it opens on), and a second run that raises nothing new.

One demo build per backend for the module, replayed on the opening day and the half-year
before it (what the status and probability changes are measured against)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from indicators.alerts.evaluation import Evaluation, run_alerts
from indicators.alerts.listing import list_alerts
from indicators.alerts.views import AlertView
from indicators.runs.replay import day_end
from indicators.vocab import Audience, Severity, Status
from service.demo import actuals as demo_actuals
from service.demo.loader import OPEN_AS_OF, load_demo

# One pytest-xdist worker builds this module's demo once (`make test` runs two).
pytestmark = pytest.mark.xdist_group("alerts-demo")

NOW = datetime(2026, 12, 4, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(engine: Engine) -> Iterator[tuple[Session, Evaluation, Evaluation]]:
    with engine.connect() as connection:
        outer = connection.begin()
        session = Session(bind=connection, join_transaction_mode="create_savepoint",
                          expire_on_commit=False)
        load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW,
                  replay_on=[date(2014, 12, 31), OPEN_AS_OF])
        first = run_alerts(session, as_of=day_end(OPEN_AS_OF), now=NOW, trigger="cli")
        second = run_alerts(session, as_of=day_end(OPEN_AS_OF), now=NOW + timedelta(hours=1),
                            trigger="cli")
        yield session, first, second
        session.close()
        outer.rollback()


def _alerts(session: Session) -> dict[tuple[str, str], AlertView]:
    views, _ = list_alerts(session, limit=None)
    return {(v.rule, v.target_key or f"{v.indicator_code}@{v.region_code}"): v for v in views}


def test_a_second_run_raises_nothing_new(
        demo: tuple[Session, Evaluation, Evaluation]) -> None:
    session, first, second = demo
    assert len(first.transitions) == len(_alerts(session)) >= 20
    assert {kind for _, kind in first.transitions} == {"fired"}
    assert second.transitions == []
    assert second.counts["open"] == first.counts["open"]


def test_the_real_data_alerts(demo: tuple[Session, Evaluation, Evaluation]) -> None:
    """The ones that rest on published statistics, not on illustrative series."""
    alerts = _alerts(demo[0])
    taiyuan = alerts["status_worsened", "000-taiyuan-urban-villages-2015-2016"]
    assert (taiyuan.status, taiyuan.severity, taiyuan.illustrative) == (
        Status.OFF_TRACK, Severity.SEVERE, False)
    assert taiyuan.quote and taiyuan.document_code == "000"
    urbanization = alerts["status_worsened", "002-urbanization-rate-annual-rise-2013-2015"]
    assert urbanization.severity is Severity.SEVERE and not urbanization.illustrative
    # Lüliang's urbanization rate: no figure since 2012, and 2014's was due by 30 May 2015.
    overdue = alerts["data_overdue", "urbanization_rate@141100"]
    assert (overdue.audience, overdue.latest_period) == (Audience.STATISTICS, "2012")
    assert "2014" in overdue.headline_zh


def test_the_illustrative_alerts_a_planner_would_expect(
        demo: tuple[Session, Evaluation, Evaluation]) -> None:
    alerts = _alerts(demo[0])
    assert alerts["achieved_early", "002-urban-large-welfare-home-2015"].severity is \
        Severity.INFO
    worse = alerts["status_worsened", "002-water-supply-pipelines-2015"]
    assert (worse.previous_status, worse.status) == (Status.AT_RISK, Status.OFF_TRACK)
    assert alerts["outside_interval", "baijiu_output@141100"].audience is Audience.STATISTICS
    assert ("probability_drop", "002-high-standard-new-villages-yearly") in alerts
    low = [v for (rule, _), v in alerts.items() if rule == "probability_low"]
    assert low and all(v.status is Status.AT_RISK and (v.probability or 1) < 0.5 for v in low)
    # one alert per target about its standing: a probability alert never doubles a status one
    status_targets = {key for rule, key in alerts if rule == "status_worsened"}
    assert not status_targets & {key for rule, key in alerts
                                 if rule in ("probability_low", "probability_drop")}
    assert all(v.status in (Status.OFF_TRACK, Status.MISSED) for (rule, _), v in alerts.items()
               if rule == "status_worsened")

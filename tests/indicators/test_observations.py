"""Figures are never overwritten: revisions are vintages, readable as of any time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.vocab import ObservationStatus, SourceKind
from tests.factories import add_series, decimal

FIRST = datetime(2016, 1, 20, tzinfo=UTC)
LATER = datetime(2016, 9, 1, tzinfo=UTC)


def _figure(value: str, *, at: datetime, status: ObservationStatus = ObservationStatus.FINAL,
            source: str = "吕梁市统计局") -> indicator_queries.NewFigure:
    return indicator_queries.NewFigure(period_code="2015", value=decimal(value), status=status,
                                       source_kind=SourceKind.UPLOAD, source=source,
                                       vintage_at=at)


def test_a_revision_adds_a_vintage_and_keeps_the_first(session: Session) -> None:
    series = add_series(session)
    indicator_queries.add_figure(session, series=series, figure=_figure(
        "960", at=FIRST, status=ObservationStatus.PRELIMINARY))
    indicator_queries.add_figure(session, series=series, figure=_figure("955.8", at=LATER))
    vintages = indicator_queries.list_vintages(session, series_id=series.id, period_code="2015")
    assert [(float(v.value), v.status) for v in vintages] == [
        (960.0, ObservationStatus.PRELIMINARY), (955.8, ObservationStatus.FINAL)]


def test_the_data_read_as_they_stood_at_a_past_time(session: Session) -> None:
    series = add_series(session)
    indicator_queries.add_figure(session, series=series, figure=_figure("960", at=FIRST))
    indicator_queries.add_figure(session, series=series, figure=_figure("955.8", at=LATER))
    then = indicator_queries.ObservationFilter(as_of=FIRST + timedelta(days=1))
    now = indicator_queries.ObservationFilter()
    assert [float(o.value) for o in
            indicator_queries.list_latest_observations(session, where=then)] == [960.0]
    assert [float(o.value) for o in
            indicator_queries.list_latest_observations(session, where=now)] == [955.8]
    before = indicator_queries.ObservationFilter(as_of=FIRST - timedelta(days=1))
    assert indicator_queries.count_latest_observations(session, where=before) == 0


def test_the_same_figure_again_is_not_stored_twice(session: Session) -> None:
    series = add_series(session)
    assert indicator_queries.add_figure(session, series=series, figure=_figure("7.5", at=FIRST))
    assert indicator_queries.add_figure(session, series=series,
                                        figure=_figure("7.5", at=LATER)) is None
    assert indicator_queries.add_figure(session, series=series, figure=_figure(
        "7.5", at=LATER, source="another bureau")) is None
    assert len(indicator_queries.list_vintages(session, series_id=series.id,
                                               period_code="2015")) == 1


def test_an_older_vintage_loaded_late_does_not_hide_the_revision(session: Session) -> None:
    series = add_series(session)
    indicator_queries.add_figure(session, series=series, figure=_figure("955.8", at=LATER))
    indicator_queries.add_figure(session, series=series, figure=_figure(
        "960", at=FIRST, status=ObservationStatus.PRELIMINARY, source="政府工作报告"))
    latest = indicator_queries.latest_vintage(session, series_id=series.id, period_code="2015")
    assert latest is not None and float(latest.value) == 955.8
    first = indicator_queries.latest_vintage(session, series_id=series.id, period_code="2015",
                                             as_of=FIRST)
    assert first is not None and first.status is ObservationStatus.PRELIMINARY


def test_vintage_times_come_back_timezone_aware(session: Session) -> None:
    series = add_series(session)
    indicator_queries.add_figure(session, series=series, figure=_figure("1", at=FIRST))
    session.expire_all()
    stored = indicator_queries.latest_vintage(session, series_id=series.id, period_code="2015")
    assert stored is not None and stored.vintage_at == FIRST
    assert stored.vintage_at.utcoffset() == timedelta(0)

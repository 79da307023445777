"""A revised figure is shown as a revision: the API says what it replaced and when."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from indicators.data import queries as indicator_queries
from indicators.vocab import ObservationStatus, SourceKind


def test_a_revised_figure_says_what_it_revised(client: TestClient,
                                              session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session, session.begin():
        series = indicator_queries.get_or_add_series(
            session, indicator=indicator_queries.get_indicator_or_raise(session, code="gdp"),
            region_code="370300")
        for value, status, at in (("5068.35", ObservationStatus.FINAL, datetime(2019, 3, 1)),
                                  ("5100", ObservationStatus.REVISED, datetime(2020, 3, 1))):
            indicator_queries.add_figure(session, series=series, figure=indicator_queries.NewFigure(
                period_code="2018", value=Decimal(value), status=status,
                source_kind=SourceKind.UPLOAD, source="淄博市统计局",
                vintage_at=at.replace(tzinfo=UTC)))
    params = {"indicator": "gdp", "region": "370300", "limit": 100}
    (now,) = [i for i in client.get("/api/observations", params=params).json()["items"]
              if i["period"] == "2018"]
    assert (now["value"], now["revised"], now["previous_value"]) == ("5100", True, "5068.35")
    assert now["revised_at"].startswith("2020-03-01")
    assert now["revision_zh"] == "修订：原为5068.35（2019-03-01公布），2020-03-01修订"
    assert now["revision_en"].startswith("revised: was 5068.35")
    (then,) = [i for i in client.get("/api/observations", params={
        **params, "as_of": "2019-06-30T00:00:00+08:00"}).json()["items"] if i["period"] == "2018"]
    assert (then["value"], then["revised"], then["previous_value"]) == ("5068.35", False, None)

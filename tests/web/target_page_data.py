"""A target with a story for the target page's tests: the small catalogue's 森林覆盖率 2020
target (≥ 33%, plan from 2011), six years of figures, a revision of 2015 and a preliminary
2016 (published 2017), forecasts, and assessments as of 2016 and 2017 (retrospective) and
now (current). The source of the revision holds markup, to test escaping."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.data import queries
from indicators.runs.assessment import run_assessment
from indicators.runs.forecast import run_forecast
from indicators.vocab import ObservationStatus, SourceKind
from tests.factories import add_annual_figures, write_small_catalogue

KEY = "T1-forest-2020"
HOSTILE = "<img src=x onerror=alert(1)>"
FOREST = {2010: "26.0", 2011: "26.8", 2012: "27.5", 2013: "28.1", 2014: "28.9", 2015: "29.6"}
FIRST_RUN = datetime(2016, 6, 1, tzinfo=UTC)
REVISED_AT = datetime(2017, 1, 10, tzinfo=UTC)
PRELIMINARY_AT = datetime(2017, 2, 1, tzinfo=UTC)
SECOND_RUN = datetime(2017, 6, 1, tzinfo=UTC)
NOW_RUN = datetime(2019, 6, 1, tzinfo=UTC)


def _figure(session: Session, period: str, value: str, status: ObservationStatus,
            at: datetime, source: str) -> None:
    series = queries.get_or_add_series(
        session, indicator=queries.get_indicator_or_raise(session, code="forest_coverage"),
        region_code="141100")
    queries.add_figure(session, series=series, figure=queries.NewFigure(
        period_code=period, value=Decimal(value), status=status,
        source_kind=SourceKind.UPLOAD, source=source, vintage_at=at))


def load_forest(session: Session, folder: Path, *, quote: str = "地区生产总值年均增长10%") -> None:
    """Load the catalogue, the figures, two forecasts and three assessment runs."""
    for loaded in catalogue.read_catalogues([write_small_catalogue(folder, quote=quote)]):
        catalogue.load_catalogue(session, loaded)
    add_annual_figures(session, indicator_code="forest_coverage", region_code="141100",
                       values=FOREST)
    run_forecast(session, as_of=FIRST_RUN).retrospective = True
    run_assessment(session, as_of=FIRST_RUN, retrospective=True)
    _figure(session, "2015", "29.9", ObservationStatus.REVISED, REVISED_AT, f"统计公报 {HOSTILE}")
    _figure(session, "2016", "30.5", ObservationStatus.PRELIMINARY, PRELIMINARY_AT, "统计局")
    run_forecast(session, as_of=SECOND_RUN).retrospective = True
    run_assessment(session, as_of=SECOND_RUN, retrospective=True)
    run_forecast(session, as_of=NOW_RUN)
    run_assessment(session, as_of=NOW_RUN)
    session.flush()

"""The demo's published figures (`published_figures.csv`): each stored as known from its
publication day, rows that do not map reported with their reason, and the illustrative
series pinned to what they give."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.clock import china_midnight
from indicators.data import queries as indicator_queries
from indicators.tables.observations import Observation
from indicators.vocab import ObservationStatus, SourceKind
from service.demo import actuals as demo_actuals
from service.demo import published as demo_published
from service.demo.loader import load_demo
from service.demo.pinning import LOWER_BOUND_NOTE
from tests.seed import seed_catalogues

NOW = datetime(2026, 11, 22, tzinfo=UTC)
HEADER = ",".join(demo_published.HEADER)
ROWS = [
    # line 2: a figure for an entity-less series, published on a known day
    "003-gazelle-firms-2022,gazelle_firms,370000,2020,1200,家,final,2021-02-07,"
    "山东省政府工作报告 http://example.gov.cn/a,超过1200家",
    # line 3: the same figure repeated for another target: stored once
    ",gazelle_firms,370000,2020,1200,家,final,2021-02-07,山东省政府工作报告 http://example.gov.cn/a,",
    # line 4: a preliminary figure in 亿元 given in 万元
    ",gdp,370300,2025,50000000,万元,preliminary,2026-01-20,淄博市政府工作报告,预计",
    "x,no_such_indicator,370000,2020,1,家,final,2021-02-07,s,",  # line 5
    "x,gazelle_firms,999999,2020,1,家,final,2021-02-07,s,",  # line 6
    "x,gazelle_firms,370000/no-such-entity,2020,1,家,final,2021-02-07,s,",  # line 7
    "x,gazelle_firms,370000,20X0,1,家,final,2021-02-07,s,",  # line 8
    "x,gazelle_firms,370000,2020,many,家,final,2021-02-07,s,",  # line 9
    "x,gazelle_firms,370000,2020,1,公里,final,2021-02-07,s,",  # line 10
    "x,gazelle_firms,370000,2020,1,家,guessed,2021-02-07,s,",  # line 11
    "x,gazelle_firms,370000,2020,1,家,final,7 Feb 2021,s,",  # line 12
    "x,gazelle_firms,370000,2020,1,家,final,2027-01-01,s,",  # line 13
    "x,gazelle_firms,370000,2020,1,家,final,2021-02-07,,",  # line 14
]


def _csv(folder: Path, rows: list[str]) -> Path:
    path = folder / "published_figures.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def _load_catalogue(session: Session) -> None:
    for loaded in seed_catalogues():
        catalogue.load_catalogue(session, loaded)


def _figures(session: Session, indicator: str, region: str) -> list[Observation]:
    series = indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session, code=indicator),
        region_code=region)
    return list(session.scalars(select(Observation).where(Observation.series_id == series.id)
                                .order_by(Observation.period_code)))


def test_rows_are_stored_as_known_from_their_publication_day(session: Session,
                                                            tmp_path: Path) -> None:
    _load_catalogue(session)
    report = demo_published.import_published(
        session, demo_published.read_published(_csv(tmp_path, ROWS)), imported_at=NOW)
    assert (report.rows, report.stored, report.unchanged) == (len(ROWS), 2, 1)
    gazelles = _figures(session, "gazelle_firms", "370000")
    assert [(g.period_code, int(g.value)) for g in gazelles] == [("2020", 1200)]
    assert gazelles[0].vintage_at == china_midnight(date(2021, 2, 7))
    assert gazelles[0].source_kind is SourceKind.IMPORT
    assert "example.gov.cn" in gazelles[0].source
    assert LOWER_BOUND_NOTE in (gazelles[0].note or "")  # "超过1200家" is a lower bound
    gdp = [g for g in _figures(session, "gdp", "370300") if g.period_code == "2025"]
    assert [(g.period_code, float(g.value), g.status) for g in gdp] == [
        ("2025", 5000.0, ObservationStatus.PRELIMINARY)]  # 50,000,000万元 = 5,000亿元


def test_each_row_that_does_not_map_is_reported_with_its_reason(session: Session,
                                                                 tmp_path: Path) -> None:
    _load_catalogue(session)
    report = demo_published.import_published(
        session, demo_published.read_published(_csv(tmp_path, ROWS)), imported_at=NOW)
    assert [(line, key) for line, key, _ in report.skipped] == [
        (5, "demo.row_unknown_indicator"), (6, "demo.row_unknown_subject"),
        (7, "demo.row_unknown_subject"), (8, "demo.row_bad_period"),
        (9, "demo.row_bad_value"), (10, "demo.row_bad_unit"), (11, "demo.row_bad_status"),
        (12, "demo.row_bad_date"), (13, "demo.row_future_date"), (14, "demo.row_no_source")]
    assert report.skipped[5][2] == {"unit": "公里", "expected": "家"}


def test_a_missing_file_reads_as_no_rows(tmp_path: Path) -> None:
    assert demo_published.read_published(tmp_path / "absent.csv") == []


def test_the_demo_pins_illustrative_figures_to_published_ones(session: Session,
                                                              tmp_path: Path) -> None:
    """With 1,200 gazelle firms published for 2020 (a lower bound) the generated years
    around it agree: nothing generated for 2020, 2021–2022 at least 1,200, and the years
    before it on the same trajectory scaled to it (not the 151–302 of a series that
    knows no real figure)."""
    report = load_demo(session, actuals_csv=demo_actuals.BUNDLED_ACTUALS, now=NOW,
                       published_csv=_csv(tmp_path, ROWS[:1]))
    assert report.published.stored == 1
    figures = {g.period_code: g for g in _figures(session, "gazelle_firms", "370000")}
    assert figures["2020"].source_kind is SourceKind.IMPORT
    generated = {p: int(g.value) for p, g in figures.items()
                 if g.source_kind is SourceKind.ILLUSTRATIVE}
    assert set(generated) == {"2017", "2018", "2019", "2021", "2022"}
    assert generated["2021"] >= 1200 and generated["2022"] >= 1200
    assert 600 < generated["2017"] < generated["2019"] < 1200

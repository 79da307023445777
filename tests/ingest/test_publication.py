"""Publication dates and census revisions in uploads: each figure carries when it became
known, a date that cannot be right rejects the file, and a census revision is recorded as a
break rather than read as a fall."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.arithmetic.definitions import series_history
from indicators.catalogue import loader as catalogue
from indicators.clock import china_midnight
from indicators.data import queries as indicator_queries
from indicators.data.figures import figures_as_of, observed_annual
from indicators.tables.observations import Observation, Series, SeriesBreak
from indicators.vocab import BreakKind, ObservationStatus
from ingest.checks.permissions import WritePermission
from ingest.checks.publication import read_published_day
from ingest.pipeline import IngestOptions, IngestReport, ingest_file
from ingest.template import TemplateIndicator, TemplateRegion, build_template
from tests.ingest.files import csv_bytes

NOW = datetime(2021, 3, 15, 4, tzinfo=UTC)  # the upload: 2021-03-15, noon in Beijing
HEADER = ("指标", "地区", "时期", "数值", "单位", "状态", "公布日期")


@pytest.fixture
def seeded(session: Session) -> Session:
    base = catalogue.read_catalogue(catalogue.SEED_DIR / catalogue.BASE_FILE)
    catalogue.load_catalogue(session, base)
    return session


def _ingest(session: Session, rows: list[tuple[object, ...]], *, name: str = "zibo.csv",
            header: tuple[str, ...] = HEADER, now: datetime = NOW,
            **options: object) -> IngestReport:
    return ingest_file(session, content=csv_bytes(rows, header=header), file_name=name,
                       uploader="淄博市统计局", permission=WritePermission.everything(), now=now,
                       options=IngestOptions(**options))  # type: ignore[arg-type]


def _vintages(session: Session, period: str, indicator: str = "gdp") -> list[Observation]:
    series = indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session, code=indicator),
        region_code="370300")
    return list(indicator_queries.list_vintages(session, series_id=series.id,
                                                period_code=period))


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
       st.sampled_from(["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}年{m}月{d}日",
                        "{y}-{m:02d}-{d:02d} 00:00:00", " {y}.{m}.{d} "]))
def test_a_published_date_reads_back_in_every_way_a_clerk_writes_it(day: date,
                                                                   style: str) -> None:
    text = style.format(y=day.year, m=day.month, d=day.day)
    assert read_published_day(text) == day


@pytest.mark.parametrize("text", ["2020-02-30", "28/02/2020", "去年", "2020-13-01"])
def test_a_published_date_that_is_no_date_is_unreadable(text: str) -> None:
    assert read_published_day(text) == "unreadable"
    assert read_published_day("  ") is None


def test_each_row_is_stored_as_published_and_recorded_at_the_upload(seeded: Session) -> None:
    report = _ingest(seeded, [
        ("地区生产总值", "淄博市", "2019", "3642.4", "亿元", "", "2020-09-14"),
        ("地区生产总值", "淄博市", "2020", "3673.5", "亿元", "", "")])
    assert report.status == "accepted", report.issues
    (y2019,), (y2020,) = _vintages(seeded, "2019"), _vintages(seeded, "2020")
    assert y2019.vintage_at == china_midnight(date(2020, 9, 14))
    assert y2019.recorded_at == NOW
    assert y2020.vintage_at == NOW  # no date of its own: the upload time


def test_the_command_s_date_applies_to_rows_without_their_own(seeded: Session) -> None:
    report = _ingest(seeded, [("地区生产总值", "淄博市", "2019", "3642.4", "亿元", "", ""),
                              ("地区生产总值", "淄博市", "2020", "3673.5", "亿元", "", "2021/3/1")],
                     published=date(2020, 9, 14))
    assert report.status == "accepted", report.issues
    assert _vintages(seeded, "2019")[0].vintage_at == china_midnight(date(2020, 9, 14))
    assert _vintages(seeded, "2020")[0].vintage_at == china_midnight(date(2021, 3, 1))


def test_a_date_in_the_future_or_before_the_period_ended_rejects_the_file(
        seeded: Session) -> None:
    rows = [("地区生产总值", "淄博市", "2019", "3642.4", "亿元", "", "2021-03-16"),
            ("地区生产总值", "淄博市", "2020", "3673.5", "亿元", "", "2020-12-31"),
            ("地区生产总值", "淄博市", "2018", "3600", "亿元", "", "2019-02-30")]
    report = _ingest(seeded, rows)
    assert report.status == "rejected"
    found = {i["code"]: i for i in report.issues}
    assert set(found) == {"ingest.published_future", "ingest.published_early",
                          "ingest.published_unreadable"}
    early = found["ingest.published_early"]
    assert early["reason_zh"] == ("公布日期 2020-12-31 早于时期 2020 结束（2020-12-31），"
                                  "数据不可能在所报时期结束前公布")
    assert "before period 2020 ended" in early["reason_en"] and early["column"] == "G"
    assert "晚于今天" in found["ingest.published_future"]["reason_zh"]
    assert seeded.scalar(select(Observation.id).limit(1)) is None  # nothing landed
    future = _ingest(seeded, [rows[0][:6]], header=HEADER[:6], published=date(2021, 3, 16))
    assert [i["code"] for i in future.issues] == ["ingest.published_future"]


def test_a_figure_published_earlier_takes_its_place_in_history(seeded: Session) -> None:
    """An old bulletin sent after a revision: it lands as the earlier vintage and does not
    hide the revision; sending the same figure for the same day again changes nothing."""
    _ingest(seeded, [("地区生产总值", "淄博市", "2018", "5068.35", "亿元", "", "2019-03-01")],
            name="a.csv")
    _ingest(seeded, [("地区生产总值", "淄博市", "2018", "5100", "亿元", "", "2020-03-01")],
            name="b.csv")
    again = _ingest(seeded, [("地区生产总值", "淄博市", "2018", "5068.35", "亿元", "修订",
                              "2019-03-01")], name="c.csv")
    assert again.status == "accepted", again.issues
    values = [(str(o.vintage_at.date()), float(o.value)) for o in _vintages(seeded, "2018")]
    # the status differs (修订), so it is a correction of 2019-03-01, dated by the upload
    assert values == [("2019-02-28", 5068.35), ("2020-02-29", 5100.0), ("2021-03-15", 5068.35)]


def _zibo_gdp(session: Session) -> Series:
    return indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session, code="gdp"),
        region_code="370300")


def test_a_census_revision_records_a_linked_break_not_a_fall(seeded: Session) -> None:
    """Zibo GDP: 5,068.35 for 2018 on the old basis; after the 4th economic census the
    2019 figure is 3,642.4, and the revised 2018 (here 3,500) gives the linking factor."""
    _ingest(seeded, [("地区生产总值", "淄博市", "2017", "4771.36", "亿元", "", "2018-03-01"),
                     ("地区生产总值", "淄博市", "2018", "5068.35", "亿元", "", "2019-03-01")],
            name="old.csv")
    report = _ingest(seeded, [
        ("地区生产总值", "淄博市", "2018", "3500", "亿元", "普查修订", "2020-09-14"),
        ("地区生产总值", "淄博市", "2019", "3642.4", "亿元", "普查修订", "2020-09-14")],
        name="census.csv")
    assert report.status == "accepted" and report.breaks_recorded == 1, report.issues
    (found,) = _zibo_gdp(seeded).breaks
    assert (found.period_code, found.kind) == ("2018", BreakKind.CENSUS)
    assert float(found.linking_factor) == pytest.approx(3500 / 5068.35)
    assert found.known_from == china_midnight(date(2020, 9, 14))
    assert "普查修订" in found.description and "census revision" in found.description.lower()
    assert _vintages(seeded, "2019")[0].status is ObservationStatus.REVISED
    # Read as of a day after: 2017 is linked to the new basis, so 2019 is growth, not a fall.
    series = _zibo_gdp(seeded)
    after = datetime(2020, 10, 1, tzinfo=UTC)
    observed = observed_annual(figures_as_of(seeded, series=series, as_of=after), series,
                               as_of=after)
    assert [(b.year, b.linking_factor) for b in observed.breaks] == [
        (2018, pytest.approx(3500 / 5068.35))]
    history = series_history(observed)  # on the latest figure's (the new) basis
    assert history[2017] == pytest.approx(4771.36 * 3500 / 5068.35)
    assert history[2017] < history[2018] < history[2019]
    # Read as of a day before the census figures: no break, the old basis throughout.
    before = datetime(2020, 6, 30, tzinfo=UTC)
    assert observed_annual(figures_as_of(seeded, series=series, as_of=before), series,
                           as_of=before).breaks == []


def test_a_marked_census_revision_passes_the_jump_check(seeded: Session) -> None:
    """A change of basis three times the old level is refused as a jump unless it is
    marked; marked (here for the whole file), it lands with an unlinked break."""
    _ingest(seeded, [("地区生产总值", "淄博市", "2018", "1000", "亿元", "", "2019-03-01")],
            name="old.csv")
    rows = [("地区生产总值", "淄博市", "2019", "3642.4", "亿元", "", "2020-09-14")]
    refused = _ingest(seeded, rows, name="new.csv")
    assert [i["code"] for i in refused.issues] == ["ingest.jump"]
    marked = _ingest(seeded, rows, name="new.csv", census_revision=True)
    assert marked.status == "accepted", marked.issues
    (found,) = seeded.scalars(select(SeriesBreak)).all()
    assert (found.period_code, found.linking_factor) == ("2019", None)
    assert "无重叠年份" in found.description


def test_a_corrected_break_is_kept_beside_the_one_known_before(seeded: Session) -> None:
    series = _zibo_gdp(seeded)
    first = datetime(2020, 9, 14, tzinfo=UTC)
    indicator_queries.add_series_break(session=seeded, series=series, period_code="2019",
                                       kind=BreakKind.CENSUS, description="普查修订",
                                       known_from=first)
    indicator_queries.add_series_break(session=seeded, series=series, period_code="2019",
                                       kind=BreakKind.CENSUS, description="普查修订",
                                       known_from=datetime(2021, 1, 1, tzinfo=UTC))
    assert len(series.breaks) == 1  # the same break again: nothing new
    indicator_queries.add_series_break(session=seeded, series=series, period_code="2019",
                                       kind=BreakKind.CENSUS, description="衔接",
                                       linking_factor=Decimal("0.7"),
                                       known_from=datetime(2021, 6, 1, tzinfo=UTC))
    seeded.refresh(series)
    as_known = [observed_annual([], series, as_of=moment).breaks for moment in (
        datetime(2020, 1, 1, tzinfo=UTC), datetime(2021, 3, 1, tzinfo=UTC), None)]
    assert [[(b.year, b.linking_factor) for b in found] for found in as_known] == [
        [], [(2019, None)], [(2019, pytest.approx(0.7))]]


def test_the_template_has_the_published_column_and_explains_it(seeded: Session) -> None:
    content = build_template([TemplateIndicator(name="地区生产总值", unit="亿元")],
                             [TemplateRegion(name="淄博市")], ["2019"])
    book = load_workbook(io.BytesIO(content))
    sheet = book["数据"]
    assert [c.value for c in sheet[1]][7] == "公布日期"
    assert "普查修订" in [c.value for c in book["lists"]["D"]]
    explained = " ".join(str(row[0].value) for row in book["说明"].iter_rows() if row[0].value)
    assert "公布日期" in explained and "published date" in explained and "普查修订" in explained
    sheet["D2"], sheet["H2"] = 3642.4, "2020-09-14"
    filled = io.BytesIO()
    book.save(filled)
    report = ingest_file(seeded, content=filled.getvalue(), file_name="t.xlsx",
                         uploader="淄博市统计局", permission=WritePermission.everything(),
                         now=NOW)
    assert report.status == "accepted", report.issues
    assert _vintages(seeded, "2019")[0].vintage_at == china_midnight(date(2020, 9, 14))

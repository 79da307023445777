"""Uploads end to end over a real database: what lands, what is refused, and that a
refused file changes no figure at all."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.tables.observations import Observation
from indicators.vocab import ObservationStatus, UploadStatus
from ingest.checks.permissions import WritePermission
from ingest.pipeline import IngestOptions, IngestReport, ingest_file
from ingest.tables import Upload
from tests.ingest.files import csv_bytes, xlsx_bytes

FIRST = datetime(2018, 3, 1, tzinfo=UTC)
LATER = datetime(2018, 9, 1, tzinfo=UTC)
ZIBO_2016 = [("地区生产总值", "淄博市", "2016年", "4,412.01", "亿元", ""),
             ("地区生产总值增长率", "淄博市", "2016年", "7.7", "%", ""),
             ("一般公共预算收入", "淄博市", "2016年", "3454000", "万元", "初步"),
             ("固定资产投资", "淄博市", "2016年1-9月", "2345.6*", "亿元", "")]


@pytest.fixture
def seeded(session: Session) -> Session:
    base = catalogue.read_catalogue(catalogue.SEED_DIR / catalogue.BASE_FILE)
    catalogue.load_catalogue(session, base)  # regions and indicators, no figures
    gdp = indicator_queries.get_indicator_or_raise(session, code="gdp_growth")
    gdp.plausible_min, gdp.plausible_max = Decimal(-30), Decimal(50)
    session.flush()
    return session


def _ingest(session: Session, content: bytes, name: str = "zibo.csv", *,
            now: datetime = FIRST, permission: WritePermission | None = None,
            **options: object) -> IngestReport:
    return ingest_file(session, content=content, file_name=name, uploader="淄博市统计局",
                       permission=permission or WritePermission.everything(), now=now,
                       options=IngestOptions(**options))  # type: ignore[arg-type]


def _observations(session: Session) -> list[tuple[object, ...]]:
    """Every stored observation row, for byte-for-byte comparisons."""
    session.expire_all()
    rows = session.execute(select(Observation).order_by(Observation.id)).scalars()
    return [(o.id, o.series_id, o.period_code, str(o.value), o.status, o.vintage_at, o.source)
            for o in rows]


def _value(session: Session, indicator: str, period: str,
           as_of: datetime | None = None) -> tuple[float, ObservationStatus]:
    series = indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session, code=indicator),
        region_code="370300")
    latest = indicator_queries.latest_vintage(session, series_id=series.id, period_code=period,
                                              as_of=as_of)
    assert latest is not None
    return float(latest.value), latest.status


def test_a_gbk_csv_written_by_excel_lands_whole(seeded: Session) -> None:
    report = _ingest(seeded, csv_bytes(ZIBO_2016))
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert (report.figures_new, report.figures_revised) == (4, 0)
    assert _value(seeded, "gdp", "2016") == (4412.01, ObservationStatus.FINAL)
    assert _value(seeded, "general_budget_revenue", "2016") == (345.4,
                                                                ObservationStatus.PRELIMINARY)
    assert _value(seeded, "fixed_asset_investment", "2016YTD09")[0] == 2345.6
    upload = seeded.get(Upload, report.upload_id)
    assert upload is not None and upload.uploader == "淄博市统计局"
    assert upload.checksum_sha256 == report.checksum and upload.rows_accepted == 4


def test_a_wide_xlsx_with_chinese_periods_and_a_titled_year(seeded: Session) -> None:
    rows = [("指标", "地区", "单位", "2015年", "2016年（初步）", "1-9月"),
            ("地区生产总值", "淄博市", "亿元", 4130.24, 4412.0, None),
            ("固定资产投资", "淄博市", "亿元", "—", 3099.8, 2345.6)]
    report = _ingest(seeded, xlsx_bytes(rows, title="淄博市2017年主要经济指标"), "wide.xlsx")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert report.figures_new == 4 and report.empty_cells == 2
    assert _value(seeded, "gdp", "2016") == (4412.0, ObservationStatus.PRELIMINARY)
    assert _value(seeded, "fixed_asset_investment", "2017YTD09")[0] == 2345.6


def test_sending_the_same_file_again_changes_nothing_and_says_so(seeded: Session) -> None:
    _ingest(seeded, csv_bytes(ZIBO_2016))
    before = _observations(seeded)
    again = _ingest(seeded, csv_bytes(ZIBO_2016), now=LATER)
    assert again.status == UploadStatus.DUPLICATE
    assert "未作任何更改" in again.summary()
    assert _observations(seeded) == before


def test_a_changed_figure_lands_as_a_revision_with_history(seeded: Session) -> None:
    _ingest(seeded, csv_bytes(ZIBO_2016))
    revised = [*ZIBO_2016[:2], ("一般公共预算收入", "淄博市", "2016年", "345.6", "亿元", "最终"),
               ZIBO_2016[3]]
    report = _ingest(seeded, csv_bytes(revised), "zibo-final.csv", now=LATER)
    assert (report.figures_new, report.figures_revised, report.figures_unchanged) == (0, 1, 3)
    assert _value(seeded, "general_budget_revenue", "2016") == (345.6, ObservationStatus.FINAL)
    assert _value(seeded, "general_budget_revenue", "2016", as_of=FIRST) == (
        345.4, ObservationStatus.PRELIMINARY)


def test_a_dry_run_writes_nothing(seeded: Session) -> None:
    before = _observations(seeded)
    uploads = seeded.scalar(select(Upload.id).limit(1))
    report = _ingest(seeded, csv_bytes(ZIBO_2016), dry_run=True)
    assert report.accepted and report.figures_new == 4
    assert _observations(seeded) == before
    assert seeded.scalar(select(Upload.id).limit(1)) == uploads


def _zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    return buffer.getvalue()


def _truncated_xlsx() -> bytes:
    whole = xlsx_bytes([("指标", "地区", "时期", "数值"), ("地区生产总值", "淄博市", "2016", 1)])
    return whole[: len(whole) // 2]


BAD_FILES = {
    "unknown indicator": (csv_bytes([("地区生产总值X", "淄博市", "2016", "1", "亿元", "")]),
                          "zibo.csv", "ingest.unknown_indicator", 2, "A"),
    "unknown region": (csv_bytes([("地区生产总值", "淄川市", "2016", "1", "亿元", "")]),
                       "zibo.csv", "ingest.unknown_region", 2, "B"),
    "unit that does not convert": (csv_bytes([("地区生产总值", "淄博市", "2016", "1", "公里", "")]),
                                   "zibo.csv", "ingest.unit_mismatch", 2, "E"),
    "not a number": (csv_bytes([("地区生产总值", "淄博市", "2016", "约4400", "亿元", "")]),
                     "zibo.csv", "cell.not_a_number", 2, "D"),
    "outside the plausible range": (csv_bytes([("地区生产总值增长率", "淄博市", "2016", "77", "%",
                                                "")]), "zibo.csv", "ingest.out_of_range", 2, "D"),
    "a jump from last year": (csv_bytes([("地区生产总值", "淄博市", "2015", "4130", "亿元", ""),
                                         ("地区生产总值", "淄博市", "2016", "14120", "亿元", "")]),
                              "zibo.csv", "ingest.jump", 3, "D"),
    "conflicting duplicates": (
        csv_bytes([("地区生产总值", "淄博市", "2016", "4412", "亿元", ""),
                   ("地区生产总值", "淄博市", "2016年", "4413", "亿元", "")]),
        "zibo.csv", "ingest.conflict", 2, "D"),
    "period off the frequency": (csv_bytes([("森林覆盖率", "淄博市", "2016年3月", "37", "%",
                                             "")]), "zibo.csv", "ingest.period_frequency", 2, "C"),
    "unreadable period": (csv_bytes([("地区生产总值", "淄博市", "2016年第5季度", "1", "亿元", "")]),
                          "zibo.csv", "period.unrecognised", 2, "C"),
    "period without a year": (csv_bytes([("固定资产投资", "淄博市", "1-9月", "1", "亿元", "")]),
                              "zibo.csv", "period.needs_year", 2, "C"),
    "no header": (csv_bytes([("a", "b")], header=("x", "y")), "zibo.csv", "layout.no_header",
                  None, None),
    "truncated xlsx": (_truncated_xlsx(), "zibo.xlsx", "file.not_xlsx", None, None),
    "a csv renamed .xlsx": (csv_bytes(ZIBO_2016), "zibo.xlsx", "file.not_xlsx", None, None),
    "a pdf renamed .xlsx": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "zibo.xlsx",
                            "file.not_xlsx", None, None),
    "binary renamed .csv": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "zibo.csv", "file.not_text",
                            None, None),
    "zip bomb": (_zip_bomb(), "bomb.xlsx", "file.zip_bomb", None, None),
    "a year that has not begun": (csv_bytes([("地区生产总值", "淄博市", "2030年", "9000", "亿元",
                                              "")]), "zibo.csv", "period.future", 2, "C"),
    "a header and no data rows": (csv_bytes([]), "zibo.csv", "file.no_figures", None, None),
    "an xlsx header and no data rows": (xlsx_bytes([]), "zibo.xlsx", "file.empty", None, None),
    "every value cell empty": (csv_bytes([("地区生产总值", "淄博市", "2016", "", "亿元", "")]),
                               "zibo.csv", "file.no_figures", None, None),
    "a path in the file name": (csv_bytes(ZIBO_2016), "../../etc/zibo.csv", "file.unsafe_name",
                                None, None),
    "a windows path in the file name": (csv_bytes(ZIBO_2016), "C:\\data\\zibo.csv",
                                        "file.unsafe_name", None, None),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_gets_a_precise_report_and_changes_no_figure(seeded: Session,
                                                                case: str) -> None:
    _ingest(seeded, csv_bytes(ZIBO_2016[:2]))  # figures already there must stay untouched
    content, name, code, row, column = BAD_FILES[case]
    before = _observations(seeded)
    report = _ingest(seeded, content, name, now=LATER)
    assert report.status == UploadStatus.REJECTED
    assert _observations(seeded) == before
    issue = next(i for i in report.issues if i["code"] == code)
    assert (issue["row"], issue["column"]) == (row, column)
    assert issue["reason_zh"] and issue["reason_en"] and issue["reason_zh"] != issue["reason_en"]
    upload = seeded.get(Upload, report.upload_id)
    assert upload is not None and upload.status is UploadStatus.REJECTED
    assert upload.error_report is not None
    assert upload.error_report["issues"] == report.issues  # the stored report is the one returned


def test_an_unsafe_name_is_recorded_as_its_last_part_and_quoted_as_sent(seeded: Session
                                                                         ) -> None:
    report = _ingest(seeded, csv_bytes(ZIBO_2016), "../../etc/zibo.csv")
    upload = seeded.get(Upload, report.upload_id)
    assert upload is not None and upload.file_name == "zibo.csv"
    assert report.issues[0]["raw"] == "../../etc/zibo.csv"
    assert "zibo.csv" in str(report.issues[0]["suggestion_zh"])


def test_a_year_under_way_is_still_accepted_as_a_preliminary_figure(seeded: Session) -> None:
    report = _ingest(seeded, csv_bytes([("地区生产总值", "淄博市", "2018年", "4800", "亿元",
                                         "预计")]), now=LATER)
    assert report.status == UploadStatus.ACCEPTED


def test_unknown_names_come_with_the_closest_known_ones(seeded: Session) -> None:
    report = _ingest(seeded, csv_bytes([("地区生产总值增长", "淄博", "2016", "7.7", "%", "")]))
    (issue,) = report.issues
    assert issue["code"] == "ingest.unknown_indicator"
    assert "地区生产总值增长率" in issue["suggestion_zh"]


def test_convertible_units_are_converted_exactly(seeded: Session) -> None:
    report = _ingest(seeded, csv_bytes([("地区生产总值", "淄博市", "2016", "44120100", "万元",
                                         "")]))
    assert report.status == UploadStatus.ACCEPTED
    assert _value(seeded, "gdp", "2016")[0] == 4412.01


def test_a_region_the_uploader_may_not_write_rejects_the_whole_file(seeded: Session) -> None:
    rows = [("地区生产总值", "淄博市", "2016", "4412", "亿元", ""),
            ("地区生产总值", "吕梁市", "2016", "995.31", "亿元", "")]
    before = _observations(seeded)
    report = _ingest(seeded, csv_bytes(rows), permission=WritePermission(
        regions=frozenset({"370300"})))
    assert report.status == UploadStatus.REJECTED
    assert [(i["row"], i["raw"]) for i in report.issues] == [(3, "吕梁市")]
    assert _observations(seeded) == before


def test_allowing_jumps_accepts_a_census_revision(seeded: Session) -> None:
    _ingest(seeded, csv_bytes([("地区生产总值", "淄博市", "2018", "5068.35", "亿元", "")]))
    census = csv_bytes([("地区生产总值", "淄博市", "2019", "1642.42", "亿元", "")])
    published = datetime(2020, 3, 1, tzinfo=UTC)  # after 2019 has begun (and ended)
    assert _ingest(seeded, census, "c.csv", now=published).status == UploadStatus.REJECTED
    assert _ingest(seeded, census, "c.csv", now=published,
                   allow_jumps=True).status == UploadStatus.ACCEPTED


def test_a_revision_however_small_lands_and_a_repeat_never_does(seeded: Session) -> None:
    first = [("地区生产总值", "淄博市", "2016", "123456789012.345", "亿元", ""),
             ("地区生产总值增长率", "淄博市", "2016", "7.123456789012", "%", "")]
    _ingest(seeded, csv_bytes(first), "a.csv", allow_jumps=True)
    repeat = _ingest(seeded, csv_bytes([*first, ("森林覆盖率", "淄博市", "2016", "37", "%", "")]),
                     "b.csv", now=LATER, allow_jumps=True)
    assert (repeat.figures_new, repeat.figures_revised, repeat.figures_unchanged) == (1, 0, 2)
    tiny = [("地区生产总值", "淄博市", "2016", "123456789012.346", "亿元", "")]
    report = _ingest(seeded, csv_bytes(tiny), "c.csv", now=LATER, allow_jumps=True)
    assert report.figures_revised == 1

"""Awkward files as bureau software writes them, uploaded end to end over a real database:
Excel's "Unicode text" (UTF-16), a GBK wide year-to-date sheet headed "1—9月" with the year
only in the file name, two 数值 columns, formulas with and without saved results, notes and
totals rows, and a title and header merged across the table (issue 12)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.tables.observations import Observation
from indicators.vocab import UploadStatus
from ingest.checks.permissions import WritePermission
from ingest.pipeline import IngestOptions, IngestReport, ingest_file
from ingest.reading.header import classify_header
from ingest.reading.layout import sheet_records
from ingest.reading.readers import read_table_file
from tests.ingest.files import bureau_xlsx, csv_bytes, text_bytes, with_cached_values

NOW = datetime(2025, 2, 1, tzinfo=UTC)  # 2024 has ended: its figures may be uploaded
LONG = [("指标", "地区", "时期", "数值", "单位"),
        ("地区生产总值", "淄博市", "2024年", "4,561.78", "亿元"),
        ("固定资产投资", "淄博市", "2024年1-9月", "2345.6", "亿元")]


@pytest.fixture
def seeded(session: Session) -> Session:
    base = catalogue.read_catalogue(catalogue.SEED_DIR / catalogue.BASE_FILE)
    catalogue.load_catalogue(session, base)  # regions and indicators, no figures
    return session


def _ingest(session: Session, content: bytes, name: str) -> IngestReport:
    return ingest_file(session, content=content, file_name=name, uploader="淄博市统计局",
                       permission=WritePermission.everything(), now=NOW,
                       options=IngestOptions())


def _stored(session: Session, indicator: str, period: str) -> float | None:
    series = indicator_queries.get_or_add_series(
        session, indicator=indicator_queries.get_indicator_or_raise(session, code=indicator),
        region_code="370300")
    latest = indicator_queries.latest_vintage(session, series_id=series.id, period_code=period)
    return None if latest is None else float(latest.value)


def _observation_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(Observation)) or 0)


def _only(report: IngestReport, code: str) -> list[dict[str, Any]]:
    """The report's issues, all of which must carry `code`."""
    assert report.issues and {i["code"] for i in report.issues} == {code}, report.issues
    return report.issues


# --- 1. encodings ---------------------------------------------------------------------------


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-16", "\t"),  # Excel: 另存为 "Unicode 文本"
    ("utf-16", ","),
    ("gb18030", ","),  # Excel on Chinese Windows: "CSV (逗号分隔)"
    ("utf-8-sig", ","),  # Excel: "CSV UTF-8 (逗号分隔)"
], ids=["utf16-tab", "utf16-comma", "gb18030", "utf8-bom"])
def test_every_text_encoding_excel_saves_lands_whole(seeded: Session, encoding: str,
                                                     delimiter: str) -> None:
    content = text_bytes(LONG, encoding=encoding, delimiter=delimiter)
    report = _ingest(seeded, content, "淄博.txt" if delimiter == "\t" else "淄博.csv")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert report.figures_new == 2
    assert _stored(seeded, "gdp", "2024") == 4561.78
    assert _stored(seeded, "fixed_asset_investment", "2024YTD09") == 2345.6


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                                 max_size=6), min_size=3, max_size=3), min_size=1, max_size=5))
def test_utf16_text_reads_cell_for_cell_as_utf8_does(rows: list[list[str]]) -> None:
    grid = [["指标", "地区", "数值"], *rows]
    wide = read_table_file(text_bytes(grid, encoding="utf-16", delimiter="\t"), "x.txt")
    narrow = read_table_file(text_bytes(grid, encoding="utf-8-sig", delimiter="\t"), "x.txt")
    assert wide[0].frame.equals(narrow[0].frame)


# --- 2. a wide year-to-date sheet headed without a year -------------------------------------


YTD_HEADERS = {"1—9月": "2024YTD09", "1-9月": "2024YTD09", "1～9月": "2024YTD09",
               "前三季度": "2024YTD09", "上半年": "2024H1"}


@pytest.mark.parametrize("label", list(YTD_HEADERS))
def test_a_gbk_wide_sheet_takes_its_year_from_the_file_name(seeded: Session,
                                                            label: str) -> None:
    content = csv_bytes([("固定资产投资", "淄博市", "亿元", "2345.6", "7.2")],
                        header=("指标", "地区", "单位", label, "比上年同期增长（%）"))
    report = _ingest(seeded, content, "2024年1-9月主要经济指标.csv")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert _stored(seeded, "fixed_asset_investment", YTD_HEADERS[label]) == 2345.6


@pytest.mark.parametrize(("title", "sheet", "name"), [
    ("淄博市2024年主要经济指标", "Sheet1", "a.xlsx"),
    (None, "2024年", "b.xlsx"),
    ("主要经济指标", "Sheet1", "2024年1-9月主要经济指标.xlsx"),
], ids=["title", "sheet", "file"])
def test_an_xlsx_takes_the_year_from_its_title_its_sheet_or_its_file(
        seeded: Session, title: str | None, sheet: str, name: str) -> None:
    content = bureau_xlsx(("指标", "地区", "单位", "1—9月"),
                          [("固定资产投资", "淄博市", "亿元", 2345.6)], title=title, sheet=sheet)
    report = _ingest(seeded, content, name)
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert _stored(seeded, "fixed_asset_investment", "2024YTD09") == 2345.6


def test_without_a_year_anywhere_each_figure_is_refused_for_want_of_one(seeded: Session
                                                                        ) -> None:
    content = csv_bytes([("固定资产投资", "淄博市", "2345.6", "1456.2"),
                         ("地区生产总值", "淄博市", "3512.6", "2301.4")],
                        header=("指标", "地区", "1—9月", "上半年"))
    before = _observation_count(seeded)
    report = _ingest(seeded, content, "主要经济指标.csv")
    assert report.status == UploadStatus.REJECTED
    issues = _only(report, "period.needs_year")  # not "找不到表头"
    assert len(issues) == 1, "one problem of the sheet, said once"
    assert issues[0]["columns"] == ["C", "D"] and issues[0]["rows"] == [2, 3]
    assert issues[0]["raw"] == "1—9月、上半年"
    assert "年份" in issues[0]["reason_zh"] and "year" in issues[0]["reason_en"]
    assert "文件名" in issues[0]["suggestion_zh"]
    assert _observation_count(seeded) == before


@given(st.sampled_from(["-", "—", "–", "～", "~", "至"]), st.integers(1, 12),
       st.sampled_from(["", "累计"]))
def test_a_year_to_date_header_without_a_year_is_a_period_column(dash: str, month: int,
                                                                 suffix: str) -> None:
    label = f"1{dash}{month}月{suffix}"
    assert classify_header(label, year=None).field == "period_column"
    assert classify_header(f"同比增长{label}", year=None).field is None


# --- 3. a field named twice -----------------------------------------------------------------


@pytest.mark.parametrize(("header", "code", "columns"), [
    (("指标", "地区", "时期", "数值", "数值（亿元）"), "layout.ambiguous_value",
     ("D", "数值", "E", "数值（亿元）")),
    (("指标", "地区", "时期", "本期", "数值"), "layout.ambiguous_value",
     ("D", "本期", "E", "数值")),
    (("指标", "地区", "时期", "数值", "地区名称"), "layout.ambiguous_column",
     ("B", "地区", "E", "地区名称")),
    (("指标", "时期", "地区", "时间", "数值"), "layout.ambiguous_column",
     ("B", "时期", "D", "时间")),
])
def test_a_field_named_twice_refuses_the_file_naming_both_columns(
        seeded: Session, header: tuple[str, ...], code: str,
        columns: tuple[str, str, str, str]) -> None:
    content = csv_bytes([("地区生产总值", "淄博市", "2024", "4561.78", "4561.78")], header=header)
    before = _observation_count(seeded)
    report = _ingest(seeded, content, "two.csv")
    assert report.status == UploadStatus.REJECTED
    (issue,) = _only(report, code)
    first, first_header, second, second_header = columns
    for language in ("zh", "en"):
        reason = issue[f"reason_{language}"]
        assert f"{first} " in reason and f"{second} " in reason
        assert first_header in reason and second_header in reason
    assert issue["suggestion_zh"] and issue["suggestion_en"]
    if code == "layout.ambiguous_value":
        assert "上年同期" in issue["suggestion_zh"]
    assert _observation_count(seeded) == before


def test_a_code_column_beside_the_name_column_is_no_second_column(seeded: Session) -> None:
    content = csv_bytes([("地区生产总值", "gdp", "淄博市", "2024", "4561.78")],
                        header=("指标", "指标代码", "地区", "时期", "数值"))
    report = _ingest(seeded, content, "codes.csv")
    assert report.status == UploadStatus.ACCEPTED, report.issues


# --- 4. formulas ----------------------------------------------------------------------------


def _openpyxl_formulas() -> bytes:
    """A workbook a program wrote with formulas and nobody opened in Excel."""
    return bureau_xlsx(("指标", "地区", "单位", "2023年", "2024年"), [
        ("地区生产总值", "淄博市", "亿元", 4402.6, "=D3*1.036"),
        ("固定资产投资", "淄博市", "亿元", 3000.5, 3120.4),
    ], title="淄博市主要经济指标")


def test_formulas_without_saved_results_are_each_reported(seeded: Session) -> None:
    before = _observation_count(seeded)
    report = _ingest(seeded, _openpyxl_formulas(), "formulas.xlsx")
    assert report.status == UploadStatus.REJECTED  # not a 2024 GDP silently missing
    (issue,) = report.errors
    assert (issue["row"], issue["column"], issue["raw"]) == (3, "E", "=D3*1.036")
    assert issue["code"] == "cell.formula_no_value"
    assert _observation_count(seeded) == before


def test_the_formula_flag_marks_exactly_the_cells_without_results() -> None:
    [sheet] = read_table_file(_openpyxl_formulas(), "formulas.xlsx")
    records = sheet_records(sheet)
    flagged = records[records["formula"]]
    assert flagged[["row", "column", "value"]].values.tolist() == [[3, "E", "=D3*1.036"]]
    assert records["formula"].sum() == 1


def test_formulas_with_results_saved_are_read_as_their_results(seeded: Session) -> None:
    content = with_cached_values(_openpyxl_formulas(), {"E3": "4561.0936"})
    report = _ingest(seeded, content, "saved.xlsx")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert _stored(seeded, "gdp", "2024") == 4561.0936


def _xlsxwriter_book(value: float | None) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("主要指标")
    sheet.write_row(0, 0, ["指标", "地区", "单位", "2023年", "2024年"])
    sheet.write_row(1, 0, ["地区生产总值", "淄博市", "亿元", 4402.6])
    if value is None:  # xlsxwriter then stores 0 and asks Excel to recalculate on opening
        sheet.write_formula(1, 4, "=D2*1.036")
    else:
        sheet.write_formula(1, 4, "=D2*1.036", None, value)
    book.close()
    return buffer.getvalue()


def test_xlsxwriter_formulas_are_read_with_a_result_and_reported_without(seeded: Session
                                                                         ) -> None:
    report = _ingest(seeded, _xlsxwriter_book(None), "w.xlsx")
    assert report.status == UploadStatus.REJECTED  # its placeholder 0 is no figure
    assert [(i["row"], i["column"], i["raw"]) for i in report.errors] == [(2, "E", "=D2*1.036")]
    report = _ingest(seeded, _xlsxwriter_book(4561.0936), "w2.xlsx")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert _stored(seeded, "gdp", "2024") == 4561.0936


# --- 5. notes and totals rows ---------------------------------------------------------------


def test_notes_rows_under_the_table_are_neither_read_nor_reported(seeded: Session) -> None:
    content = csv_bytes([
        ("地区生产总值", "淄博市", "4561.78", "3512.6"),
        ("固定资产投资", "淄博市", "", "2345.6"),
        ("注：1.本表地区生产总值为快报数，增速按可比价格计算。", "", "", ""),
        ("2.固定资产投资不含农户。", "", "", ""),
        ("资料来源：淄博市统计局", "", "", ""),
    ], header=("指标", "地区", "2024年", "2024年1-9月"))
    report = _ingest(seeded, content, "notes.csv")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert report.issues == [] and report.figures_new == 3
    assert report.empty_cells == 1  # the one blank figure cell; the notes are not cells


def test_a_figure_below_a_note_is_still_read() -> None:
    grid = [["指标", "地区", "2024年"], ["地区生产总值", "淄博市", "4561.78"],
            ["注：快报数", "", ""], ["固定资产投资", "淄博市", "3120.4"]]
    [sheet] = read_table_file(text_bytes(grid, encoding="utf-8"), "x.csv")
    assert sheet_records(sheet)["value"].tolist() == ["4561.78", "3120.4"]


def test_a_totals_row_is_the_city_the_title_names(seeded: Session) -> None:
    rows = [("地区生产总值", "全市", "亿元", 4561.78)]
    header = ("指标", "地区", "单位", "2024年")
    report = _ingest(seeded, bureau_xlsx(header, rows, title="淄博市2024年主要经济指标"),
                     "totals.xlsx")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert _stored(seeded, "gdp", "2024") == 4561.78
    untitled = _ingest(seeded, bureau_xlsx(header, rows, title="2024年主要经济指标"), "t2.xlsx")
    assert untitled.status == UploadStatus.REJECTED
    assert [(i["code"], i["raw"]) for i in untitled.issues] == [("ingest.unknown_region", "全市")]


# --- merged title and two-row header --------------------------------------------------------


def test_a_merged_title_and_a_two_row_merged_header_are_read(seeded: Session) -> None:
    content = bureau_xlsx(
        ("指标", "地区", "1-9月", "同比增长%", "1-9月", "同比增长%"),
        [("固定资产投资", "淄博市", 2345.6, 7.2, 2188.1, 5.1)],
        title="淄博市主要经济指标（2023—2024年）",
        top=[("2024年", 3, 4), ("2023年", 5, 6)])
    report = _ingest(seeded, content, "merged.xlsx")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert report.figures_new == 2  # the growth columns are not figures of this indicator
    assert _stored(seeded, "fixed_asset_investment", "2024YTD09") == 2345.6
    assert _stored(seeded, "fixed_asset_investment", "2023YTD09") == 2188.1


def test_a_year_row_merged_over_periods_under_the_indicator_header(seeded: Session) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标", "地区", "2024年", None, "2023年", None])
    sheet.append([None, None, "1-9月", "同比增长%", "1-9月", "同比增长%"])
    sheet.append(["固定资产投资", "淄博市", 2345.6, 7.2, 2188.1, 5.1])
    for cells in ("A1:A2", "B1:B2", "C1:D1", "E1:F1"):
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    report = _ingest(seeded, buffer.getvalue(), "two-rows.xlsx")
    assert report.status == UploadStatus.ACCEPTED, report.issues
    assert _stored(seeded, "fixed_asset_investment", "2023YTD09") == 2188.1

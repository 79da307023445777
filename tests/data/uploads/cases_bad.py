"""Corpus files that must be refused, each with the problems the report must name.

Every refusal leaves the figures untouched; the test proves it. The mistakes are the ones
clerks make: rows for indicators the catalogue does not hold (a 统计月报 copied whole),
near-miss names, words in number cells, periods that cannot be read or have not begun,
files of the wrong kind, names holding a path.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from cases_good import ANNUAL, Z
from corpus_writers import LONG, Case, csv, openpyxl_book, table_book


def no(*errors: str, **extra: object) -> dict[str, object]:
    return {"status": "rejected", "errors": sorted(set(errors)), **extra}


def _names() -> list[Case]:
    return [
        Case("bad_unknown_indicator_monthly_report.xlsx", table_book(
            [("指标名称", "计量单位", "1-9月", "比上年同期增长(%)"),
             ("规模以上工业增加值", "%", "—", 4.8), ("固定资产投资", "亿元", 1512.7, -1.2),
             ("社会消费品零售总额", "亿元", 1298.4, 5.1)],
            title="淄博市2024年1-9月主要经济指标"), no("ingest.unknown_indicator"),
            note="a 统计月报 sent whole: rows the catalogue does not hold are named"),
        Case("bad_near_miss_indicator_names.csv", csv(
            [LONG, ("地区生产总值增速", Z, "2023年", "5.1", "%"),
             ("城镇居民可支配收入", Z, "2023年", "53011", "元"),
             ("一般公共预算收入（亿元）", Z, "2023年", "405.6", "亿元")]),
            no("ingest.unknown_indicator", suggests=["地区生产总值增长率", "城镇居民人均可支配收入",
                                                      "一般公共预算收入"]),
            finding="near_miss_names"),
        Case("bad_abbreviated_indicator_gdp.csv", csv(
            [LONG, ("GDP增速", Z, "2023年", "4.9", "%")]),
            no("ingest.unknown_indicator", suggests=["地区生产总值增长率"]),
            finding="near_miss_names"),
        Case("bad_near_miss_region.csv", csv(
            [LONG, ("地区生产总值", "淄搏市", "2023年", "4561.8", "亿元"),
             ("地区生产总值", "吕粱市", "2023年", "2103.2", "亿元")]),
            no("ingest.unknown_region", suggests=["淄博市", "吕梁市"]),
            finding="near_miss_names"),
        Case("bad_section_layout_no_name_column.xlsx", table_book(
            [("1、地区生产总值",), ("", "9月", "1-9月累计", "累计增长%"),
             ("地区生产总值(亿元)", "——", 3419.6, 5.6), ("第一产业", "——", 160.2, 3.9),
             ("注：绝对数按现行价计算，相对数按可比价格计算。",)],
            title="淄博市2024年1-9月进度数据"),
            no("layout.no_header"),
            note="a city 进度数据 page pasted as is: the name column has no header"),
        Case("bad_units_inside_names.xlsx", table_book(
            [("指标名称", "9月", "1-9月累计", "累计增长%"),
             ("地区生产总值(亿元)", "——", 3419.6, 5.6),
             ("固定资产投资(亿元)", 190.3, 1512.7, -1.2)], title="淄博市2024年1-9月进度数据"),
            no("ingest.unknown_indicator", suggests=["地区生产总值", "固定资产投资"]),
            finding="near_miss_names"),
        Case("bad_unknown_county.csv", csv(
            [LONG, ("地区生产总值", "淄川区", "2023年", "505.6", "亿元")]),
            no("ingest.unknown_region")),
        Case("bad_totals_row.xlsx", table_book(
            [("地区", "指标", "单位", "2023年"), ("吕梁市", "地区生产总值", "亿元", 2103.2),
             (Z, "地区生产总值", "亿元", 4561.8), ("合计", "地区生产总值", "亿元", 6665.0)]),
            no("ingest.unknown_region"),
            note="a totals row names no region: the clerk deletes it (decision, issue 12)"),
        Case("bad_wide_unknown_region_every_column.xlsx", table_book(
            [("指标", "地区", "单位", "2019年", "2020年", "2021年", "2022年", "2023年"),
             ("地区生产总值", "淄川区", "亿元", 470.1, 480.2, 490.3, 500.4, 505.6)]),
            no("ingest.unknown_region", lines={"ingest.unknown_region": 1}),
            finding="one_error_per_column"),
    ]


def _cells() -> list[Case]:
    huge = "4" * 100_000
    return [
        Case("bad_words_in_numbers.csv", csv(
            [LONG, ("地区生产总值", Z, "2023年", "约4560", "亿元"),
             ("地区生产总值", Z, "2022年", "4400左右", "亿元")]), no("cell.not_a_number")),
        Case("bad_triangle_minus.csv", csv(
            [LONG, ("固定资产投资增长率", Z, "2024年1-9月", "△1.2", "%")]),
            no("cell.not_a_number"), note="△ is not guessed to be a minus sign"),
        Case("bad_huge_cell.csv", csv([LONG, ("地区生产总值", Z, "2023年", huge + "x", "亿元")]),
             no("cell.not_a_number", report_max_bytes=20_000), finding="huge_cell_report",
            ),
        Case("bad_growth_out_of_range.csv", csv(
            [LONG, ("地区生产总值增长率", Z, "2023年", "510", "%")]), no("ingest.out_of_range")),
        Case("bad_share_over_100.csv", csv(
            [LONG, ("常住人口城镇化率", Z, "2023年", "174.16", "%")]), no("ingest.out_of_range")),
        Case("bad_unit_does_not_convert.csv", csv(
            [LONG, ("地区生产总值", Z, "2023年", "4561.8", "公里")]), no("ingest.unit_mismatch")),
        Case("bad_threefold_jump.csv", csv(
            [LONG, ("地区生产总值", Z, "2022年", "4402.6", "亿元"),
             ("地区生产总值", Z, "2023年", "14561.8", "亿元")]), no("ingest.jump"),
            note="3.3 times the year before, not a power of ten: a jump, not a unit mistake"),
        Case("bad_conflicting_duplicates.csv", csv(
            [LONG, ("地区生产总值", Z, "2023年", "4561.8", "亿元"),
             ("地区生产总值", Z, "2023", "4561.9", "亿元")]), no("ingest.conflict")),
    ]


def _periods() -> list[Case]:
    return [
        Case("bad_period_off_frequency.csv", csv(
            [LONG, ("森林覆盖率", Z, "2023年3月", "37.5", "%")]), no("ingest.period_frequency")),
        Case("bad_unreadable_periods.csv", csv(
            [LONG, ("地区生产总值", Z, "2023年第5季度", "1", "亿元"),
             ("固定资产投资", Z, "2024年3-5月", "300", "亿元")]), no("period.unrecognised")),
        Case("bad_period_without_year.csv", csv(
            [LONG, ("固定资产投资", Z, "1-9月", "1512.7", "亿元")]), no("period.needs_year")),
        Case("bad_future_year.csv", csv(
            [LONG, ("地区生产总值", Z, "2030年", "9000", "亿元")]), no("period.future"),
            finding="future_period"),
        Case("bad_next_year_plan_figure.csv", csv(
            [LONG, ("地区生产总值", Z, "2024年", "4800", "亿元"),
             ("地区生产总值", Z, "2025年", "5000", "亿元")]), no("period.future"),
            finding="future_period"),
        Case("bad_future_month.xlsx", table_book(
            [("指标", "地区", "单位", "2024年1-11月", "2025年1-2月"),
             ("固定资产投资", Z, "亿元", 1838.6, 265.0)]), no("period.future"),
            finding="future_period"),
        Case("bad_dates_as_periods.xlsx", table_book(
            [LONG, ("固定资产投资", Z, datetime(2024, 9, 30), 1512.7, "亿元")]),
            no("period.unrecognised"),
            note="a date cell could mean the month or the year; refused, not guessed"),
        Case("bad_published_in_future.csv", csv(
            [(*LONG, "公布日期"), (*ANNUAL[1], "2025-02-26")]), no("ingest.published_future")),
        Case("bad_published_unreadable.csv", csv(
            [(*LONG, "公布日期"), (*ANNUAL[1], "二月底")]), no("ingest.published_unreadable")),
    ]


def _zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 10, 21, 9, 0, 0))
            archive.writestr(info, data)
    return buffer.getvalue()


def _files() -> list[Case]:
    whole = table_book([LONG, *ANNUAL[:2]])
    empty_header = table_book([LONG])
    return [
        Case("bad_header_only.csv", csv([LONG]), no("file.no_figures"),
             finding="header_no_data"),
        Case("bad_header_only.xlsx", empty_header, no("file.no_figures"),
             finding="header_no_data"),
        Case("bad_every_value_empty.csv", csv(
            [LONG, ("地区生产总值", Z, "2023年", "", "亿元"),
             ("森林覆盖率", Z, "2023年", "—", "%")]),
            no("file.no_figures"), finding="header_no_data"),
        Case("bad_no_header.csv", csv([("a", "b"), ("1", "2")]), no("layout.no_header")),
        Case("bad_prose_not_a_table.csv", csv(
            [("前三季度，全市地区生产总值3419.6亿元，同比增长5.6%。",)]), no("layout.no_header")),
        Case("bad_empty_file.csv", b"", no("file.empty")),
        Case("bad_truncated.xlsx", whole[: len(whole) // 2], no("file.not_xlsx")),
        Case("bad_csv_renamed.xlsx", csv([LONG, *ANNUAL]), no("file.not_xlsx")),
        Case("bad_pdf_renamed.xlsx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
             no("file.not_xlsx")),
        Case("bad_png_renamed.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
             no("file.not_text")),
        Case("bad_zip_without_workbook.xlsx", _zip_of({"readme.txt": b"hello"}),
             no("file.not_xlsx")),
        Case("bad_old_excel_97.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
             no("file.unknown_type"), note="Excel 97-2003: ask for .xlsx or .csv"),
        Case("bad_wps_table.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
             no("file.unknown_type")),
        Case("bad_unsafe_name.csv", csv([LONG, *ANNUAL[:2]]),
             no("file.unsafe_name", upload_as="../../etc/zibo.csv"), finding="unsafe_name"),
        Case("bad_windows_path_name.csv", csv([LONG, *ANNUAL[:2]]),
             no("file.unsafe_name", upload_as="C:\\统计\\zibo.csv"), finding="unsafe_name"),
        Case("bad_all_sheets_hidden.xlsx", openpyxl_book(lambda book: _hidden_only(book)),
             no("file.empty")),
    ]


def _hidden_only(book: object) -> None:
    ws = book.active  # type: ignore[attr-defined]
    ws.append(list(LONG))
    ws.append(list(ANNUAL[0]))
    book.create_sheet("空白")  # type: ignore[attr-defined]
    ws.sheet_state = "hidden"


def cases() -> list[Case]:
    return [*_names(), *_cells(), *_periods(), *_files()]

"""Corpus files for the findings of issue 12: the reading and layout ones (encodings,
yearless headers, two value columns, formulas) and the checks and reports (unit mistakes,
year-to-date totals, a missing region column), each with the outcome the issue asks for."""

from __future__ import annotations

from cases_bad import no
from cases_good import ANNUAL, YTD, Z, ok
from corpus_writers import LONG, Case, csv, table_book, write_rows, xlsxwriter_book

# Codes the other parts introduce (as named on their branches when this corpus was built).
UNIT_CODE = "ingest.unit_suspect"
YTD_CODE = "ingest.ytd_falls"

WIDE_YTD = [("指标名称", "计量单位", "1—3月", "1—6月", "1—9月"),
            ("固定资产投资", "亿元", "452.1", "1004.2", "1512.7"),
            ("固定资产投资增长率", "%", "4.1", "3.6", "-1.2")]


def _readers() -> list[Case]:
    """Reading: encodings, yearless wide headers, ambiguous value columns, formulas."""
    rows = [LONG, *ANNUAL]
    a = {"finding": "utf16_csv"}
    # Read as period columns; reported once for the whole sheet.
    yearless = {"finding": "gbk_wide_yearless"}
    two = {"finding": "two_value_columns"}
    return [
        Case("find_utf16_unicode_text.txt", csv(rows, encoding="utf-16", sep="\t"), ok(8, **a)),
        Case("find_utf16_unicode_text.csv", csv(rows, encoding="utf-16", sep="\t"), ok(8, **a)),
        Case("find_utf16_commas.csv", csv(rows, encoding="utf-16"), ok(8, **a)),
        Case("find_utf16_be.csv", csv(rows, encoding="utf-16-be"), ok(8, **a)),
        Case("find_gb18030_and_utf8_bom_alike.csv", csv(rows, encoding="gb18030"), ok(8),
             finding="utf16_csv"),
        Case("find_gbk_wide_yearless_title_year.csv", csv(
            [("淄博市2024年1-9月固定资产投资",), ("地区", *WIDE_YTD[0]),
             *[(Z, *r) for r in WIDE_YTD[1:]]]), ok(6, finding="gbk_wide_yearless")),
        Case("2024年1-9月淄博市固定资产投资.csv", csv(
            [("地区", *WIDE_YTD[0]), *[(Z, *r) for r in WIDE_YTD[1:]]]),
            ok(6, finding="gbk_wide_yearless"),
            note="the year is in the file name only"),
        Case("find_gbk_wide_yearless_no_year.csv", csv(
            [("地区", *WIDE_YTD[0]), *[(Z, *r) for r in WIDE_YTD[1:]]]),
            no("period.needs_year", lines={"period.needs_year": 1}, **yearless)),
        Case("find_gbk_wide_quarters_no_year.csv", csv(
            [("指标", "地区", "单位", "上半年", "前三季度"),
             ("地区生产总值增长率", Z, "%", "5.9", "5.6")]),
            no("period.needs_year", lines={"period.needs_year": 1}, **yearless)),
        Case("find_gbk_wide_tilde_title_year.csv", csv(
            [("淄博市2024年统计月报",), ("指标", "地区", "单位", "1～6月", "1～9月"),
             ("固定资产投资", Z, "亿元", "1004.2", "1512.7")]), ok(2, finding="gbk_wide_yearless")),
        Case("find_two_value_columns.csv", csv(
            [("指标", "地区", "时期", "数值", "数值（亿元）"),
             ("地区生产总值", Z, "2023年", "4561.8", "4402.6")]),
            no("layout.ambiguous_value", **two)),
        Case("find_two_value_columns_benqi.xlsx", table_book(
            [("指标", "地区", "时期", "本期", "数值", "单位"),
             ("地区生产总值", Z, "2023年", 4561.8, 4402.6, "亿元")]),
            no("layout.ambiguous_value", **two)),
        Case("find_two_region_columns.csv", csv(
            [("指标", "地区", "时期", "数值", "单位", "地区"),
             ("地区生产总值", Z, "2023年", "4561.8", "亿元", "吕梁市")]),
            no("layout.ambiguous_column", **two), note="any long-layout field named twice"),
        Case("find_formula_without_value_openpyxl.xlsx", table_book(
            [("指标", "地区", "单位", "2022年", "2023年"),
             ("地区生产总值", Z, "亿元", 4402.6, "=D2*1.0362"),
             ("一般公共预算收入", Z, "亿元", 388.8, 405.6)]),
            no("cell.formula_no_value", finding="formula_no_cached_value")),
        Case("find_formula_without_value_xlsxwriter.xlsx", xlsxwriter_book(lambda book: write_rows(
            book.add_worksheet(), [("指标", "地区", "单位", "2022年", "2023年"),
                                   ("地区生产总值", Z, "亿元", 4402.6, ("=D2*1.0362", None))])),
            no("cell.formula_no_value", finding="formula_no_cached_value"),
            note="xlsxwriter stores 0 as the result of a formula it was given none for, and "
                 "sets fullCalcOnLoad: that 0 is not a figure"),
        Case("find_only_formulas_without_values.xlsx", table_book(
            [LONG, ("地区生产总值", Z, "2023年", "=4402.6*1.0362", "亿元")]),
            no("cell.formula_no_value", finding="formula_no_cached_value")),
    ]


def _checks() -> list[Case]:
    """Checks: unit mistakes, year-to-date consistency, missing region column."""
    unit = {"finding": "unit_mistake"}
    ytd = {"finding": "ytd_falls"}
    return [
        Case("find_unit_wan_in_yi_column.csv", csv(
            [LONG, ("地区生产总值", Z, "2022年", "4402.6", "亿元"),
             ("地区生产总值", Z, "2023年", "45618000", "亿元")]), no(UNIT_CODE, **unit),
            note="万元 figure typed in a 亿元 column: 10^4 times last year, not a jump"),
        Case("find_unit_yuan_in_yi_column.xlsx", table_book(
            [("指标", "地区", "单位", "2022年", "2023年"),
             ("一般公共预算收入", Z, "亿元", 388.8, 40560000000)]), no(UNIT_CODE, **unit)),
        Case("find_unit_wan_in_yuan_column.csv", csv(
            [LONG, ("城镇居民人均可支配收入", Z, "2022年", "50978", "元"),
             ("城镇居民人均可支配收入", Z, "2023年", "5.3011", "元")]), no(UNIT_CODE, **unit)),
        Case("find_unit_wide_gbk.csv", csv(
            [("指标", "地区", "单位", "2021年", "2022年", "2023年"),
             ("地区生产总值", Z, "亿元", "4200.7", "4402.6", "45618000")]),
            no(UNIT_CODE, **unit)),
        Case("find_ytd_falls_long.csv", csv(
            [LONG, ("固定资产投资", Z, "2024年1-6月", "1004.2", "亿元"),
             ("固定资产投资", Z, "2024年1-9月", "951.3", "亿元")]), no(YTD_CODE, **ytd)),
        Case("find_ytd_falls_wide.xlsx", table_book(
            [("指标名称", "计量单位", "1-3月", "1-6月", "1-9月"),
             ("固定资产投资", "亿元", 452.1, 1004.2, 951.3)],
            title="淄博市2024年1-9月主要经济指标"), no(YTD_CODE, **ytd)),
        Case("find_ytd_growth_rate_may_fall.csv", csv(
            [LONG, ("固定资产投资增长率", Z, "2024年1-6月", "3.6", "%"),
             ("固定资产投资增长率", Z, "2024年1-9月", "-1.2", "%")]), ok(2, finding="ytd_falls"),
            note="a cumulative growth rate is not an amount: it may fall"),
        Case("find_ytd_month_disagrees.csv", csv(
            [("指标", "地区", "单位", "2024年1-8月", "2024年9月", "2024年1-9月"),
             ("固定资产投资", Z, "亿元", "1500.0", "250.0", "1700.2")]),
            ok(3, finding="ytd_falls", warnings=["ingest.ytd_mismatch"]),
            note="9月 should be 1-9月 less 1-8月 (200.2): said as a warning, bureaus revise"),
        Case("find_ytd_month_agrees.csv", csv(
            [("指标", "地区", "单位", "2024年1-8月", "2024年9月", "2024年1-9月"),
             ("固定资产投资", Z, "亿元", "1500.0", "200.2", "1700.2")]),
            ok(3, finding="ytd_falls")),
        Case("find_ytd_new_year_starts_low.csv", csv(
            [LONG, YTD[-1], ("固定资产投资", Z, "2023年1-12月", "2010.4", "亿元"),
             ("固定资产投资", Z, "2024年1-2月", "265.3", "亿元")]), ok(3, finding="ytd_falls"),
            note="a new year starts again from January"),
        Case("find_no_region_column.csv", csv(
            [("指标", "时期", "数值", "单位"), ("地区生产总值", "2023年", "4561.8", "亿元"),
             ("森林覆盖率", "2023年", "37.5", "%")]),
            no("layout.no_region", lines={"layout.no_region": 1},
               finding="missing_region_column")),
        Case("find_no_region_column_wide.xlsx", table_book(
            [("指标名称", "计量单位", "2022年", "2023年"),
             ("地区生产总值", "亿元", 4402.6, 4561.8)],
            title="主要经济指标"),
            no("layout.no_region", lines={"layout.no_region": 1},
               finding="missing_region_column")),
        Case("find_header_only_with_title.xlsx", table_book(
            [("指标名称", "地区", "计量单位", "2023年")], title="淄博市主要经济指标"),
            no("file.no_figures"), finding="header_no_data"),
    ]


def cases() -> list[Case]:
    return [*_readers(), *_checks()]




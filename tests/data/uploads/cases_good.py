"""Corpus files a bureau sends that must be read and accepted, however awkwardly written.

Layouts imitate published tables: city 统计月报 and 进度数据 pages (a section title, then
指标名称 / 计量单位 / 9月 / 1-9月累计 / 累计增长%, "——" for no figure, units inside the
names, a 注： row under the table, as city bureaus such as Zhongshan's publish them),
yearbook-style wide sheets by year, long exports from a database, and the template's own
layout. Figures are Zibo's (淄博市) and its neighbours', roughly as
published, so that every check reads plausible values.
"""

from __future__ import annotations

from corpus_writers import (
    LONG,
    Case,
    csv,
    openpyxl_book,
    sheet,
    table_book,
    write_rows,
    xlsxwriter_book,
)

Z = "淄博市"
ANNUAL = [("地区生产总值", Z, "2022年", "4402.6", "亿元"),
          ("地区生产总值", Z, "2023年", "4561.8", "亿元"),
          ("一般公共预算收入", Z, "2023年", "405.6", "亿元"),
          ("常住人口城镇化率", Z, "2023年", "74.16", "%"),
          ("森林覆盖率", Z, "2023年", "37.5", "%"),
          ("城镇登记失业率", Z, "2023年", "2.9", "%"),
          ("城镇居民人均可支配收入", Z, "2023年", "53011", "元"),
          ("农村居民人均可支配收入", Z, "2023年", "25230", "元")]
YTD = [("固定资产投资", Z, f"2024年1-{m}月", f"{v}", "亿元")
       for m, v in ((2, "265.3"), (3, "452.1"), (4, "601.8"), (5, "788.0"), (6, "1004.2"),
                    (7, "1150.9"), (8, "1322.4"), (9, "1512.7"), (10, "1660.3"),
                    (11, "1838.6"))]
GROWTH = [("固定资产投资增长率", Z, f"2024年1-{m}月", v, "%")
          for m, v in ((3, "4.1"), (6, "3.6"), (9, "－1.2"), (11, "-0.8"))]


def ok(figures: int, **extra: object) -> dict[str, object]:
    return {"status": "accepted", "figures": figures, **extra}


def _encodings() -> list[Case]:
    """The same long table as each program saves it."""
    rows = [LONG, *ANNUAL]
    return [
        Case("good_long_gbk.csv", csv(rows), ok(8)),
        # A region named without its suffix (淄博 for 淄博市) is the region, not a near miss.
        Case("good_region_without_suffix.csv", csv(
            [LONG, ("地区生产总值", "淄博", "2023年", "4561.8", "亿元")]), ok(1)),
        Case("good_long_utf8.csv", csv(rows, encoding="utf-8"), ok(8)),
        Case("good_long_utf8_bom.csv", csv(rows, encoding="utf-8", bom=True), ok(8)),
        Case("good_long_gb18030_rare_char.csv", csv(
            [(*LONG, "备注"), *[(*r, "数据来源：𠮷林统计") for r in ANNUAL]],
            encoding="gb18030"), ok(8)),
        Case("good_long_gbk_tabs.txt", csv(rows, sep="\t"), ok(8)),
        Case("good_long_utf8_lf.csv", csv(rows, encoding="utf-8", eol="\n"), ok(8)),
        Case("good_long_gbk_semicolons.csv", csv(rows, sep=";"), ok(8)),
        Case("good_long_utf8_bom_quoted.csv", csv(
            [LONG, ("地区生产总值", Z, "2023年", "4,561.80", "亿元"),
             ("城镇居民人均可支配收入", Z, "2023年", "53,011", "元")], encoding="utf-8",
            bom=True), ok(2)),
        Case("good_long_gbk_trailing_commas.csv", csv(
            [(*LONG, "", "", ""), *[(*r, "", "", "") for r in ANNUAL[:3]], ("",) * 8,
             ("",) * 8]), ok(3)),
        Case("good_long_gbk_blank_lines.csv", csv(
            [LONG, ANNUAL[0], ("", "", "", "", ""), ANNUAL[1], ("", "", "", "", ""),
             ANNUAL[2]]), ok(3)),
    ]


def _cells() -> list[Case]:
    """Numbers and periods as clerks type them."""
    return [
        Case("good_fullwidth_digits.csv", csv(
            [LONG, ("地区生产总值", Z, "２０２３年", "４５６１．８", "亿元"),
             ("城镇登记失业率", Z, "２０２３年", "２．９", "％")]), ok(2)),
        Case("good_footnote_marks.csv", csv(
            [LONG, ("地区生产总值", Z, "2023年", "4561.8*", "亿元"),
             ("常住人口城镇化率", Z, "2023年", "74.16①", "%"),
             ("一般公共预算收入", Z, "2023年", "405.6（注1）", "亿元")]), ok(3)),
        Case("good_missing_placeholders.csv", csv(
            [LONG, ("地区生产总值", Z, "2022年", "—", "亿元"),
             ("地区生产总值", Z, "2023年", "4561.8", "亿元"),
             ("森林覆盖率", Z, "2022年", "…", "%"), ("森林覆盖率", Z, "2023年", "37.5", "%"),
             ("城镇登记失业率", Z, "2022年", "－", "%"), ("城镇登记失业率", Z, "2023年", "", "%"),
             ("一般公共预算收入", Z, "2022年", "——", "亿元"),
             ("一般公共预算收入", Z, "2023年", "405.6", "亿元")]), ok(3)),
        Case("good_scale_words_wan_yi.csv", csv(
            [LONG, ("城镇居民人均可支配收入", Z, "2023年", "5.3011万", "元"),
             ("农村居民人均可支配收入", Z, "2023年", "2.523万", "元"),
             ("一般公共预算收入", Z, "2023年", "4.056亿", "万元")]), ok(3)),
        Case("good_units_that_convert.csv", csv(
            [LONG, ("一般公共预算收入", Z, "2023年", "4056000", "万元"),
             ("地区生产总值", Z, "2023年", "456180000", "万元"),
             ("城镇登记失业率", Z, "2023年", "29", "‰")]), ok(3)),
        Case("good_percent_signs_in_cells.csv", csv(
            [LONG, ("常住人口城镇化率", Z, "2023年", "74.16%", "%"),
             ("森林覆盖率", Z, "2023年", "37.5％", "%")]), ok(2)),
        Case("good_negative_growth_signs.csv", csv([LONG, *GROWTH]), ok(4)),
        Case("good_chinese_numeral_years.csv", csv(
            [LONG, ("地区生产总值", Z, "二〇二二年", "4402.6", "亿元"),
             ("地区生产总值", Z, "二〇二三年", "4561.8", "亿元"),
             ("固定资产投资", Z, "二〇二四年1-9月", "1512.7", "亿元")]), ok(3)),
        Case("good_period_codes.csv", csv(
            [LONG, ("gdp", "370300", "2023", "4561.8", "亿元"),
             ("gdp", "370300", "2024Q1", "1085.2", "亿元"),
             ("fixed_asset_investment", "370300", "2024YTD09", "1512.7", "亿元"),
             ("fixed_asset_investment", "370300", "2024M09", "190.3", "亿元")]), ok(4)),
        Case("good_quarters_in_words.csv", csv(
            [LONG, ("地区生产总值", Z, "2024年第一季度", "1085.2", "亿元"),
             ("地区生产总值", Z, "2024年二季度", "1150.4", "亿元"),
             ("地区生产总值增长率", Z, "2024年前三季度", "5.6", "%"),
             ("地区生产总值增长率", Z, "2024年上半年", "5.9", "%")]), ok(4)),
        Case("good_ytd_dash_styles.csv", csv(
            [LONG, ("固定资产投资", Z, "2024年1—3月", "452.1", "亿元"),
             ("固定资产投资", Z, "2024年1～6月", "1004.2", "亿元"),
             ("固定资产投资", Z, "2024年1至9月", "1512.7", "亿元"),
             ("固定资产投资", Z, "2024年1-11月份", "1838.6", "亿元")]), ok(4)),
        Case("good_ytd_series_rising.csv", csv([LONG, *YTD]), ok(10),
             finding="ytd_falls"),
        Case("good_status_column.csv", csv(
            [(*LONG, "状态"), (*ANNUAL[1], "最终"), ("地区生产总值", Z, "2024年", "4800", "亿元",
                                                   "预计"), (*ANNUAL[2], "初步")]), ok(3)),
        Case("good_published_dates.csv", csv(
            [(*LONG, "公布日期"), (*ANNUAL[0], "2023-02-20"), (*ANNUAL[1], "2024-02-26"),
             (*YTD[7], "2024/10/22")]), ok(3)),
        Case("good_year_column_and_months.csv", csv(
            [("指标", "地区", "年份", "时期", "数值", "单位"),
             ("固定资产投资", Z, "2024", "1-6月", "1004.2", "亿元"),
             ("固定资产投资", Z, "2024", "1-9月", "1512.7", "亿元"),
             ("地区生产总值", Z, "2023", "全年", "4561.8", "亿元")]), ok(3)),
        Case("good_december_of_the_current_year.csv", csv(
            [LONG, ("固定资产投资", Z, "2024年12月", "200.0", "亿元"),
             ("地区生产总值", Z, "2024年", "4800", "亿元")]), ok(2),
             note="the upload is on 2024-12-20: December and the year have begun"),
        Case("good_long_notes_rows.csv", csv(
            [LONG, *ANNUAL[:3], ("注：1.地区生产总值为初步核算数。",),
             ("2.一般公共预算收入来自财政局。",)]), ok(3),
             note="notes under a long table have no figure and are not problems"),
        Case("good_duplicate_identical_rows.csv", csv([LONG, ANNUAL[1], ANNUAL[1]]),
             ok(1, warnings=["ingest.repeated"])),
    ]


def _headers() -> list[Case]:
    """Header spellings and field orders."""
    return [
        Case("good_english_headers_codes.csv", csv(
            [("indicator", "region", "period", "value", "unit"),
             ("gdp", "370300", "2023", "4561.8", "亿元"),
             ("general_budget_revenue", "Zibo", "2023", "405.6", "亿元")], encoding="utf-8"),
            ok(2)),
        Case("good_code_columns.csv", csv(
            [("指标代码", "地区代码", "统计时期", "数据", "计量单位"),
             ("gdp", "370300", "2023年", "4561.8", "亿元"),
             ("forest_coverage", "370300", "2023年", "37.5", "%")]), ok(2)),
        Case("good_spaced_headers.csv", csv(
            [("指 标", "地\u3000区", " 时期 ", "数值", "单位"), *ANNUAL[:2]]), ok(2)),
        Case("good_reordered_columns.csv", csv(
            [("单位", "数值", "时期", "地区", "指标"),
             *[tuple(reversed(r)) for r in ANNUAL[:4]]]), ok(4)),
        Case("good_value_header_with_unit.csv", csv(
            [("指标", "地区", "时期", "数值（亿元）"), ("地区生产总值", Z, "2023年", "4561.8"),
             ("一般公共预算收入", Z, "2023年", "405.6")]), ok(2)),
        Case("good_several_regions.csv", csv(
            [LONG, ("地区生产总值", "山东省", "2023年", "92068.7", "亿元"),
             ("地区生产总值", Z, "2023年", "4561.8", "亿元"),
             ("地区生产总值", "吕梁市", "2023年", "2103.2", "亿元"),
             ("地区生产总值", "东阳市", "2023年", "783.5", "亿元"),
             ("地区生产总值", "金华市", "2023年", "6011.3", "亿元")]), ok(5)),
        Case("good_title_row_gives_year.csv", csv(
            [("淄博市2024年1-11月固定资产投资",), ("指标", "地区", "时期", "数值", "单位"),
             ("固定资产投资", Z, "1-3月", "452.1", "亿元"),
             ("固定资产投资", Z, "1—6月", "1004.2", "亿元"),
             ("固定资产投资", Z, "前三季度", "1512.7", "亿元")]), ok(3)),
        Case("good_title_names_region.csv", csv(
            [("淄博市主要经济指标（2023年）",), ("指标", "时期", "数值", "单位"),
             ("地区生产总值", "2023年", "4561.8", "亿元"),
             ("森林覆盖率", "2023年", "37.5", "%")]), ok(2), finding="missing_region_column"),
    ]


def _workbooks() -> list[Case]:
    """XLSX as bureaus save them."""
    wide = [("指标", "地区", "单位", "2021年", "2022年", "2023年"),
            ("地区生产总值", Z, "亿元", 4200.7, 4402.6, 4561.8),
            ("一般公共预算收入", Z, "亿元", 389.3, 388.8, 405.6),
            ("常住人口城镇化率", Z, "%", 72.9, 73.5, 74.16)]
    monthly = [("指标名称", "计量单位", "1-3月", "1-6月", "1-9月"),
               ("固定资产投资", "亿元", 452.1, 1004.2, 1512.7),
               ("固定资产投资增长率", "%", 4.1, 3.6, -1.2),
               ("注：绝对数按现行价计算，相对数按可比价格计算。",)]

    def two_row_header(book: object) -> None:
        ws = book.active  # type: ignore[attr-defined]
        ws.title = "月报"
        ws.append(["淄博市统计月报"])
        ws.merge_cells("A1:E1")
        ws.append(["", "", "2024年", "", ""])
        ws.merge_cells("C2:E2")
        ws.append(["指标名称", "计量单位", "1-9月", "比上年同期增长(%)", "9月"])
        ws.append(["固定资产投资", "亿元", 1512.7, -1.2, 190.3])
        ws.append(["地区生产总值", "亿元", 3419.6, 5.6, "—"])
        ws.append(["注：地区生产总值为季度数据。"])

    def two_sheets(book: object) -> None:
        sheet(book, [LONG, *ANNUAL[:3]], name="淄博")  # type: ignore[arg-type]
        sheet(book, [LONG, ("地区生产总值", "吕梁市", "2023年", 2103.2, "亿元")],  # type: ignore[arg-type]
              name="吕梁", first=False)

    def hidden_junk(book: object) -> None:
        sheet(book, [LONG, *ANNUAL[:2]], name="数据")  # type: ignore[arg-type]
        sheet(book, [("草稿",), ("随便写的", "约4400")], name="草稿", first=False,  # type: ignore[arg-type]
              hidden=True)

    def cached_formulas(book: object) -> None:
        ws = book.add_worksheet("主要指标")  # type: ignore[attr-defined]
        write_rows(ws, [("淄博市主要经济指标",), ("指标", "地区", "单位", "2022年", "2023年"),
                        ("地区生产总值", Z, "亿元", 4402.6, ("=D3*1.0362", 4561.8)),
                        ("一般公共预算收入", Z, "亿元", ("=388.8", 388.8), 405.6)])
        ws.merge_range(0, 0, 0, 4, "淄博市主要经济指标")

    def number_formats(book: object) -> None:
        ws = book.add_worksheet()  # type: ignore[attr-defined]
        money = book.add_format({"num_format": "#,##0.00"})  # type: ignore[attr-defined]
        write_rows(ws, [LONG])
        for r, row in enumerate(ANNUAL[:3], start=1):
            ws.write_row(r, 0, row[:3])
            ws.write_number(r, 3, float(row[3]), money)
            ws.write(r, 4, row[4])

    return [
        Case("good_wide_by_year.xlsx", table_book(wide, title="淄博市主要经济指标"), ok(9)),
        Case("good_wide_unmerged_title.xlsx", table_book(wide, title="淄博市主要经济指标",
                                                         merge_title=False), ok(9)),
        Case("good_wide_years_as_numbers.xlsx", table_book(
            [("指标", "地区", "单位", 2022, 2023), *[(*r[:3], *r[4:]) for r in wide[1:]]]),
            ok(6)),
        Case("good_wide_monthly_report_title_year.xlsx", table_book(
            monthly, title="淄博市2024年1-9月主要经济指标"), ok(6),
            note="统计月报 layout: region and year from the merged title; a notes row below"),
        Case("good_two_row_header_merged.xlsx", openpyxl_book(two_row_header), ok(3),
             note="比上年同期增长(%) is not a period column and is left out; 9月 of a "
                  "quarterly indicator is — (no figure)"),
        Case("good_two_sheets.xlsx", openpyxl_book(two_sheets), ok(4)),
        Case("good_hidden_sheet_ignored.xlsx", openpyxl_book(hidden_junk), ok(2)),
        Case("good_xlsxwriter_cached_formulas.xlsx", xlsxwriter_book(cached_formulas), ok(4),
             finding="formula_no_cached_value"),
        Case("good_xlsxwriter_number_formats.xlsx", xlsxwriter_book(number_formats), ok(3)),
        Case("good_numbers_stored_as_text.xlsx", table_book(
            [LONG, *ANNUAL[:4]]), ok(4)),
        Case("good_float_artefacts.xlsx", table_book(
            [LONG, ("地区生产总值", Z, "2023年", 4561.799999999999, "亿元"),
             ("常住人口城镇化率", Z, "2023年", 0.1 + 74.06, "%")]), ok(2)),
        Case("good_wide_preliminary_header.xlsx", table_book(
            [("指标", "地区", "单位", "2023年", "2024年（预计）"),
             ("地区生产总值", Z, "亿元", 4561.8, 4800.0)]), ok(2)),
        Case("good_wide_regions_as_rows.xlsx", table_book(
            [("地区", "指标", "单位", "2023年"),
             ("山东省", "地区生产总值", "亿元", 92068.7), (Z, "地区生产总值", "亿元", 4561.8),
             ("吕梁市", "地区生产总值", "亿元", 2103.2), ("东阳市", "地区生产总值", "亿元", 783.5)],
            title="2023年各地区生产总值"), ok(4)),
    ]


def cases() -> list[Case]:
    return [*_encodings(), *_cells(), *_headers(), *_workbooks()]

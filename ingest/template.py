"""The upload template: an XLSX in the long layout that the ingest reads back unchanged.

One row per (indicator, region, period) asked for, with the indicator's unit filled in,
and Excel data validation on every column a bureau fills: lists for 指标, 地区, 单位 and
状态 (kept on a hidden sheet, since inline lists are capped at 255 characters), and a
decimal check on 数值; 公布日期 (the publication day, optional) and the status 普查修订 (a
census revision) date and mark figures (`ingest.checks.publication`). Indicators and regions are
named in Chinese, as the ingest matches them; their codes sit in two last columns for
reference only (headers that the ingest does not read). A sheet 说明 explains the columns and
a sheet 目录 lists the whole catalogue: every indicator with its code, unit, frequency and
aliases, every region with its code.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from indicators.text.messages import Language, message

HEADERS = ("指标", "地区", "时期", "数值", "单位", "状态", "备注", "公布日期")
# Reference columns: no header alias of `ingest.reading.layout`, so an upload never reads them.
CODE_HEADERS = ("指标编码", "地区编码")
CATALOGUE_SHEET = "目录"
STATUSES = ("最终", "初步", "修订", "普查修订")


@dataclass(frozen=True)
class TemplateIndicator:
    name: str
    unit: str
    definition: str | None = None
    code: str = ""


@dataclass(frozen=True)
class TemplateRegion:
    name: str
    code: str = ""


@dataclass(frozen=True)
class CatalogueEntry:
    """One line of the catalogue sheet: an indicator (with unit and frequency) or a region."""

    name: str
    code: str
    unit: str = ""
    frequency: str = ""
    aliases: tuple[str, ...] = ()


def build_template(indicators: Sequence[TemplateIndicator], regions: Sequence[TemplateRegion],
                   periods: Sequence[str],
                   catalogue: tuple[Sequence[CatalogueEntry], Sequence[CatalogueEntry]] = ((), ())
                   ) -> bytes:
    """Return the XLSX bytes of a template for these indicators, regions and periods, with
    the catalogue (indicators, regions) listed on a sheet of its own."""
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append((*HEADERS, *CODE_HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2EC")
    for cell in sheet[1][len(HEADERS):]:
        cell.font = Font(bold=True, italic=True, color="808080")
    for indicator in indicators:
        for region in regions:
            for period in periods:
                sheet.append((indicator.name, region.name, period, None, indicator.unit, "最终",
                              None, None, indicator.code, region.code))
    sheet.freeze_panes = "A2"
    last = max(sheet.max_row, 2) + 500  # room for rows the bureau adds
    lists = book.create_sheet("lists")
    lists.sheet_state = "hidden"
    columns = {"A": [i.name for i in indicators], "B": [r.name for r in regions],
               "C": sorted({i.unit for i in indicators}), "D": list(STATUSES)}
    for letter, values in columns.items():
        for row, value in enumerate(values, start=1):
            lists[f"{letter}{row}"] = value
    for target, letter in (("A", "A"), ("B", "B"), ("E", "C"), ("F", "D")):
        count = max(len(columns[letter]), 1)
        rule = DataValidation(type="list", formula1=f"=lists!${letter}$1:${letter}${count}",
                              allow_blank=True, showErrorMessage=True,
                              error=message("template.pick_from_list", Language.ZH))
        rule.add(f"{target}2:{target}{last}")
        sheet.add_data_validation(rule)
    number = DataValidation(type="decimal", operator="between", formula1="-1E+15",
                            formula2="1E+15", allow_blank=True, showErrorMessage=True,
                            error=message("cell.suggest_number", Language.ZH))
    number.add(f"D2:D{last}")
    sheet.add_data_validation(number)
    for letter, width in zip("ABCDEFGHIJ", (34, 12, 14, 14, 12, 10, 24, 14, 20, 10),
                             strict=True):
        sheet.column_dimensions[letter].width = width
    _instructions(book.create_sheet("说明"), indicators)
    _catalogue(book.create_sheet(CATALOGUE_SHEET), *catalogue)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions(sheet, indicators: Sequence[TemplateIndicator]) -> None:  # type: ignore[no-untyped-def]
    sheet.append([message("template.instructions", Language.ZH)])
    sheet.append([message("template.instructions", Language.EN)])
    sheet.append([message("template.published_instructions", Language.ZH)])
    sheet.append([message("template.published_instructions", Language.EN)])
    sheet.append([message("template.codes_note", Language.ZH)])
    sheet.append([message("template.codes_note", Language.EN)])
    sheet.append([])
    sheet.append(["指标 / indicator", "单位 / unit", "口径 / definition"])
    for indicator in indicators:
        sheet.append([indicator.name, indicator.unit, indicator.definition or ""])
    sheet.column_dimensions["A"].width = 60


def _catalogue(sheet, indicators: Sequence[CatalogueEntry],  # type: ignore[no-untyped-def]
               regions: Sequence[CatalogueEntry]) -> None:
    """List the indicators (A–E) and, beside them, the regions (G–H)."""
    def header(key: str) -> str:
        return message(key, Language.ZH)

    heads = [header("catalog.indicator_name"), header("catalog.code"), header("catalog.unit"),
             header("catalog.frequency"), header("catalog.aliases"), None,
             header("catalog.region_name"), header("catalog.code")]
    sheet.append(heads)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in range(max(len(indicators), len(regions))):
        line: list[str | None] = [None] * 8
        if row < len(indicators):
            i = indicators[row]
            line[:5] = [i.name, i.code, i.unit, i.frequency, "、".join(i.aliases)]
        if row < len(regions):
            line[6:] = [regions[row].name, regions[row].code]
        sheet.append(line)
    sheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGH", (40, 34, 14, 8, 44, 3, 14, 10), strict=True):
        sheet.column_dimensions[letter].width = width

"""The upload template: an XLSX in the long layout that the ingest reads back unchanged.

One row per (indicator, region, period) asked for, with the indicator's unit filled in,
and Excel data validation on every column a bureau fills: lists for 指标, 地区, 单位 and
状态 (kept on a hidden sheet, since inline lists are capped at 255 characters), and a
decimal check on 数值; 公布日期 (the publication day, optional) and the status 普查修订 (a
census revision) date and mark figures (`ingest.publication`). A second sheet explains the
columns.
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
STATUSES = ("最终", "初步", "修订", "普查修订")


@dataclass(frozen=True)
class TemplateIndicator:
    name: str
    unit: str
    definition: str | None = None


def build_template(indicators: Sequence[TemplateIndicator], regions: Sequence[str],
                   periods: Sequence[str]) -> bytes:
    """Return the XLSX bytes of a template for these indicators, regions and periods."""
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2EC")
    for indicator in indicators:
        for region in regions:
            for period in periods:
                sheet.append((indicator.name, region, period, None, indicator.unit, "最终", None,
                              None))
    last = max(sheet.max_row, 2) + 500  # room for rows the bureau adds
    lists = book.create_sheet("lists")
    lists.sheet_state = "hidden"
    columns = {"A": [i.name for i in indicators], "B": list(regions),
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
    for letter, width in zip("ABCDEFGH", (34, 12, 14, 14, 12, 10, 24, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    _instructions(book.create_sheet("说明"), indicators)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _instructions(sheet, indicators: Sequence[TemplateIndicator]) -> None:  # type: ignore[no-untyped-def]
    sheet.append([message("template.instructions", Language.ZH)])
    sheet.append([message("template.instructions", Language.EN)])
    sheet.append([message("template.published_instructions", Language.ZH)])
    sheet.append([message("template.published_instructions", Language.EN)])
    sheet.append([])
    sheet.append(["指标 / indicator", "单位 / unit", "口径 / definition"])
    for indicator in indicators:
        sheet.append([indicator.name, indicator.unit, indicator.definition or ""])
    sheet.column_dimensions["A"].width = 60

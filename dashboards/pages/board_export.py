"""The board as a file: CSV (UTF-8 with BOM, formula-like cells neutralised) and XLSX (text
stays text), holding exactly the lines the page shows, on all pages at once."""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from dashboards.pages.board_cells import BoardLine, export_cells, export_headers
from indicators.data.records import spreadsheet_safe
from indicators.text.messages import Language

EXPORT_FORMATS = ("csv", "xlsx")


def board_csv(lines: Sequence[BoardLine], language: Language) -> bytes:
    """The lines as CSV: UTF-8 with BOM (spreadsheet programs then read the Chinese), CRLF,
    a header row in the page's language, cells a spreadsheet would run neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(export_headers(language))
    for line in lines:
        writer.writerow([spreadsheet_safe(cell) for cell in export_cells(line, language)])
    return buffer.getvalue().encode("utf-8-sig")


def board_xlsx(lines: Sequence[BoardLine], language: Language) -> bytes:
    """The lines as a workbook: a bold, frozen, filterable header row, one row per target,
    every text cell stored as text (a cell starting with "=" is never a formula)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "board"
    headers = export_headers(language)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    rows = [export_cells(line, language) for line in lines]
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            _put(sheet.cell(row=number, column=column), value)
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"
    for index, header in enumerate(headers):
        widest = max(_width(str(text)) for text in [header, *(r[index] for r in rows[:300])])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(widest + 2, 6), 50)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(cell: Any, value: object) -> None:
    """Store a value; text stays text even when it starts with "=" (never a formula)."""
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.value = value


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

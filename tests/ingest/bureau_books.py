"""Workbooks laid out the way bureau software saves them, for the checks' tests."""

from __future__ import annotations

import io

from openpyxl import Workbook


def wide_book(title: str, header: list[str], rows: list[list[object]], *,
              group: str = "") -> bytes:
    """A wide XLSX as a bureau lays it out: a merged title row, a merged group header
    over the period columns (e.g. "累计"), then the header and the rows."""
    book = Workbook()
    sheet = book.active
    sheet.title = "主要指标"
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    if group:
        sheet.append(["", "", "", group])
        sheet.merge_cells(start_row=2, start_column=4, end_row=2, end_column=len(header))
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

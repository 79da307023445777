"""Build upload files the way bureaus make them: GBK CSV from Excel, wide XLSX."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook

LONG_HEADER = ("指标", "地区", "时期", "数值", "单位", "状态")


def csv_bytes(rows: Sequence[Sequence[object]], *, header: Sequence[str] = LONG_HEADER,
              encoding: str = "gbk") -> bytes:
    """A CSV as Excel saves it in a Chinese locale: GBK, CRLF, quotes where needed."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return f'"{text}"' if any(c in text for c in ',"\n') else text

    lines = [",".join(cell(v) for v in row) for row in [header, *rows]]
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def xlsx_bytes(rows: Sequence[Sequence[object]], *, title: str | None = None,
               sheet: str = "Sheet1") -> bytes:
    """An XLSX with an optional title row above the table."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    if title:
        ws.append([title])
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

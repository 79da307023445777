"""Build upload files the way bureaus make them: GBK CSV from Excel, wide XLSX."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
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


# --- awkward files as bureau software writes them -----------------------------------------


def text_bytes(rows: Sequence[Sequence[object]], *, encoding: str,
               delimiter: str = ",") -> bytes:
    """A text table as Excel saves it: "Unicode text" is UTF-16 LE with its byte-order mark
    and TAB between cells (``encoding="utf-16"``); "CSV UTF-8" starts with a UTF-8 mark
    (``"utf-8-sig"``); Chinese Windows writes GBK/GB18030. CRLF line ends throughout."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(
        [["" if value is None else str(value) for value in row] for row in rows])
    text = buffer.getvalue()
    if encoding == "utf-16":  # Excel writes little-endian with a mark, whatever the platform
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode(encoding)


def bureau_xlsx(header: Sequence[object], rows: Sequence[Sequence[object]], *,
                title: str | None = None, top: Sequence[tuple[str, int, int]] = (),
                sheet: str = "Sheet1") -> bytes:
    """An XLSX in the common bureau shape: a title merged across the table, an optional
    upper header row whose cells (text, first column, last column; 1-based) are merged
    across the columns below them ("2024年" over "1-9月" and "同比增长%"), the header row,
    then the data."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    width = len(header)
    row = 1
    if title:
        ws.cell(row=1, column=1, value=title)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        row = 2
    if top:
        for text, first, last in top:
            ws.cell(row=row, column=first, value=text)
            if last > first:
                ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        row += 1
    for values in [header, *rows]:
        for column, value in enumerate(values, start=1):
            ws.cell(row=row, column=column, value=value)
        row += 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_cached_values(content: bytes, values: dict[str, str],
                       member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The workbook with results saved for some formula cells ({"D3": "2345.6"}), as Excel
    writes them when it saves: openpyxl writes a formula with an empty ``<v />``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == member:
                for cell, value in values.items():
                    data, count = re.subn(
                        rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>'.encode(),
                        rb"\1<v>" + value.encode() + b"</v>", data)
                    assert count == 1, cell
            target.writestr(info, data)
    return buffer.getvalue()

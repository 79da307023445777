"""Write upload files the way bureau software writes them, byte for byte reproducibly.

CSV as Excel and WPS save it (GBK/GB18030 "CSV (逗号分隔)", UTF-8 with or without BOM,
UTF-16 "Unicode 文本" with tabs), XLSX from openpyxl and from xlsxwriter (merged titles,
two-row headers, formulas with or without a cached result, hidden sheets). Zip archives are
rewritten with fixed timestamps and the workbooks' properties fixed, so that running
build_corpus.py twice gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

import openpyxl
import xlsxwriter
from openpyxl.workbook.workbook import Workbook

Row = Sequence[object]
FIXED = datetime(2024, 10, 21, 9, 0, 0)  # the day the corpus' bureaus "saved" their files
LONG = ("指标", "地区", "时期", "数值", "单位")
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


class Case:
    """One corpus file and what an upload of it must give (`expect`, plus any keyword
    given: finding, note ...)."""

    def __init__(self, name: str, content: bytes, expect: dict[str, Any] | None = None,
                 **extra: Any) -> None:
        self.name, self.content = name, content
        self.expect: dict[str, Any] = {**(expect or {}), **extra}


def csv(rows: Sequence[Row], *, encoding: str = "gbk", sep: str = ",", bom: bool = False,
        eol: str = "\r\n") -> bytes:
    """A CSV as a spreadsheet program saves it: quotes only where needed."""
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return f'"{text.replace(chr(34), chr(34) * 2)}"' if any(
            c in text for c in (sep, '"', "\n")) else text

    text = "".join(sep.join(cell(v) for v in row) + eol for row in rows)
    if encoding == "utf-16":  # Excel's "Unicode 文本": UTF-16 LE with a BOM
        return b"\xff\xfe" + text.encode("utf-16-le")
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def _fixed_zip(content: bytes) -> bytes:
    """The same archive with every member dated FIXED, in a stable order."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the saving moment
                data = _MODIFIED.sub(rf"\g<1>{FIXED:%Y-%m-%dT%H:%M:%S}Z\g<2>".encode(), data)
            target.writestr(fixed, data)
    return out.getvalue()


def openpyxl_book(fill: Callable[[Workbook], None]) -> bytes:
    """An XLSX written by openpyxl (as many in-house tools do): formulas have no cached
    result, since openpyxl never calculates."""
    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = FIXED
    book.properties.creator = "统计局"
    fill(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def sheet(book: Workbook, rows: Sequence[Row], *, name: str = "Sheet1",
          title: str | None = None, merge_title: bool = True, first: bool = True,
          hidden: bool = False) -> None:
    """Put a table (with an optional title row merged across it) in an openpyxl book."""
    ws = book.active if first else book.create_sheet()
    assert ws is not None
    ws.title = name
    if title is not None:
        ws.append([title])
        if merge_title and rows:
            ws.merge_cells(start_row=1, start_column=1, end_row=1,
                           end_column=max(2, max(len(r) for r in rows)))
    for row in rows:
        ws.append(list(row))
    if hidden:
        ws.sheet_state = "hidden"


def table_book(rows: Sequence[Row], **options: Any) -> bytes:
    """One openpyxl sheet holding `rows` (see `sheet`)."""
    return openpyxl_book(lambda book: sheet(book, rows, **options))


def xlsxwriter_book(fill: Callable[[Any], None]) -> bytes:
    """An XLSX written by xlsxwriter (as report generators and many web exports do)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": FIXED, "author": "统计局"})
    fill(book)
    book.close()
    return _fixed_zip(buffer.getvalue())


def write_rows(ws: Any, rows: Sequence[Row], start: int = 0) -> None:
    """Write rows from row `start`; a cell given as ("=F", value) is a formula with that
    cached result, ("=F", None) one without (xlsxwriter then stores 0 as its result)."""
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row):
            if isinstance(value, tuple):
                formula, cached = value
                if cached is None:
                    ws.write_formula(r, c, formula)
                else:
                    ws.write_formula(r, c, formula, None, cached)
            elif value is not None:
                ws.write(r, c, value)

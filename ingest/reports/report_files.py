"""An upload report as a clerk reads it: a terminal table, a CSV or XLSX to open in a
spreadsheet, or JSON. Pure functions of the report dict (`IngestReport.as_dict()`, or what an
upload record stores); no database.

An issue names its place by `row_span`/`column_span` ("3–9, 12", "C–H") when the same
problem was grouped over several cells, else by `row`/`column`; `occurrences` > 1 is shown.
Raw values are shortened again here, whatever the report holds, so that one huge cell can
never blow up a table or a file.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from indicators.text.messages import Language, message

REPORT_FORMATS = ("csv", "xlsx", "json")
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
               "json": "application/json"}
TABLE_RAW_CHARS = 30  # the terminal shows this much of a raw value
FILE_RAW_CHARS = 200  # a downloaded report this much
TEXT_CHARS = 300  # a reason or suggestion (they may quote the raw value) at most this much
_TABLE_HEADERS = ("issue.sheet", "issue.row", "issue.column", "issue.raw", "report.problem",
                  "issue.suggestion")
_FILE_HEADERS = ("report.severity", *_TABLE_HEADERS, "report.occurrences")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
IssueRecord = Mapping[str, Any]  # one entry of a report's "issues"


def format_of(path: Path) -> str | None:
    """Return the report format a file name asks for (by suffix), or None."""
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in REPORT_FORMATS else None


def shorten(text: str, limit: int) -> str:
    """Cut `text` to `limit` characters, ending with "…" when cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _suffix(language: Language) -> str:
    return "zh" if language is Language.ZH else "en"


def place(issue: IssueRecord) -> tuple[str, str]:
    """Return the rows and the columns an issue is about, as text ("3–9, 12", "C–H")."""
    rows = issue.get("row_span") or issue.get("row")
    columns = issue.get("column_span") or issue.get("column")
    return ("" if rows is None else str(rows)), ("" if columns is None else str(columns))


def occurrences(issue: IssueRecord) -> int:
    """How many cells the issue stands for (1 when the report does not group)."""
    return int(issue.get("occurrences") or 1)


def _text(issue: IssueRecord, field: str, language: Language, raw_chars: int) -> str:
    """A reason or suggestion, quoting a long raw value only as far as the raw column."""
    text = str(issue.get(f"{field}_{_suffix(language)}") or "")
    raw = str(issue.get("raw") or "")
    if len(raw) > raw_chars and raw in text:
        text = text.replace(raw, shorten(raw, raw_chars))
    return shorten(text, TEXT_CHARS)


def problem_text(issue: IssueRecord, language: Language, raw_chars: int = TABLE_RAW_CHARS) -> str:
    """The reason, marked when it is only a warning, with the count when it repeats."""
    text = _text(issue, "reason", language, raw_chars)
    if issue.get("severity") == "warning":
        text = message("report.warning_mark", language) + text
    count = occurrences(issue)
    return text + (message("report.times", language, count=count) if count > 1 else "")


def _cells(issue: IssueRecord, language: Language, raw_chars: int) -> list[str]:
    rows, columns = place(issue)
    return [str(issue.get("sheet") or ""), rows, columns,
            shorten(str(issue.get("raw") or ""), raw_chars),
            problem_text(issue, language, raw_chars),
            _text(issue, "suggestion", language, raw_chars)]


def table_rows(report: Mapping[str, Any],
               language: Language) -> tuple[list[str], list[list[str]]]:
    """Return the headers and rows of the terminal table: 工作表/行/列/原值/问题/建议."""
    headers = [message(key, language) for key in _TABLE_HEADERS]
    return headers, [_cells(i, language, TABLE_RAW_CHARS) for i in report.get("issues", [])]


def _file_rows(report: Mapping[str, Any], language: Language) -> list[list[object]]:
    """One row per issue for CSV/XLSX: the table's cells between severity and count."""
    rows: list[list[object]] = []
    for issue in report.get("issues", []):
        severity = message(f"severity.{issue.get('severity') or 'error'}", language)
        cells: list[object] = [severity, *_cells(issue, language, FILE_RAW_CHARS)]
        cells[5] = _text(issue, "reason", language, FILE_RAW_CHARS)  # the count: a column
        if str(cells[2]).isdigit():
            cells[2] = int(str(cells[2]))  # one row: a number, to sort as one in a spreadsheet
        rows.append([*cells, occurrences(issue)])
    return rows


def summary(report: Mapping[str, Any], language: Language) -> str:
    return str(report.get(f"summary_{_suffix(language)}") or report.get("file_name") or "")


def report_csv(report: Mapping[str, Any], language: Language) -> bytes:
    """The issues as CSV: UTF-8 with BOM (so spreadsheet programs read the Chinese), CRLF,
    a header row, and cells a spreadsheet would run as a formula neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([message(key, language) for key in _FILE_HEADERS])
    for row in _file_rows(report, language):
        writer.writerow([_csv_safe(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_safe(cell: object) -> object:
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell


def report_xlsx(report: Mapping[str, Any], language: Language) -> bytes:
    """The issues as a workbook: the summary in the first line, then a bold, frozen,
    filterable header row and one row per issue, every text cell stored as text."""
    book = Workbook()
    sheet = book.active
    sheet.title = "report"
    sheet.append([_xlsx_text(summary(report, language))])
    sheet["A1"].font = Font(bold=True)
    headers = [message(key, language) for key in _FILE_HEADERS]
    sheet.append(headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    rows = _file_rows(report, language)
    for number, row in enumerate(rows, start=3):
        for column, value in enumerate(row, start=1):
            _put(sheet.cell(row=number, column=column), value)
    sheet.freeze_panes = "A3"
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(headers))}{max(len(rows) + 2, 2)}"
    _widths(sheet, headers, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_text(text: str) -> str:
    """Text a workbook can hold: no control characters (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _put(cell: Any, value: object) -> None:
    """Store a value; text stays text even when it starts with "=" (never a formula)."""
    if isinstance(value, str):
        cell.value = _xlsx_text(value)
        cell.data_type = "s"
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    else:
        cell.value = value
        cell.alignment = Alignment(vertical="top")


def _widths(sheet: Any, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """Fit each column to its text, between 6 and 60 characters (longer text wraps)."""
    for index, header in enumerate(headers):
        texts = [header, *(str(r[index]) for r in rows[:500])]
        widest = max(_width(t) for t in texts)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(widest + 2, 6), 60)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def report_json(report: Mapping[str, Any]) -> bytes:
    """The report as `targetwatch ingest --json` prints it."""
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render_report(report: Mapping[str, Any], format: str, language: Language) -> bytes:
    """Return the report in one of REPORT_FORMATS."""
    if format == "csv":
        return report_csv(report, language)
    if format == "xlsx":
        return report_xlsx(report, language)
    if format == "json":
        return report_json(report)
    raise ValueError(f"unknown report format: {format}")


def first_problem(report: Mapping[str, Any], language: Language) -> str:
    """Where the first error is and what it is, in one line (for a log or a notice)."""
    issues = report.get("issues") or []
    first = next((i for i in issues if i.get("severity") != "warning"), None)
    if first is None:
        return summary(report, language)
    rows, columns = place(first)
    sheet = str(first.get("sheet") or "")
    where = message("report.where", language, sheet=sheet, row=rows, column=columns or "—") \
        if rows else message("report.where_file", language, sheet=sheet)
    return message("report.first_problem", language, where=where,
                   reason=problem_text(first, language))

"""Turn a sheet's table into one record per figure.

Two layouts are read. *Long*: one figure a row, with columns 指标 / 地区 / 时期 / 数值
(and optionally 单位, 状态, 备注, 年份, 公布日期), or their English names. *Wide*: 指标 and 地区
(and optionally 单位), then one column per period ("2015年", "2017Q1", "2017年1-9月").
The header is found by `ingest.reading.header`; rows above it are the title, which may give the year
("淄博市2017年1-9月主要经济指标") and the region.

Below the table, bureaus write notes ("注：1.本表为快报数", "资料来源：…"): from the first
notes row on, rows that hold no number in a figure column are notes, not figures, and are
neither read nor reported. A totals row naming the whole area ("全市", "全省", "合计") is read
as the region the title names when it names one of that kind ("淄博市…" for 全市); otherwise
it stays as written and is reported as an unknown region.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np
import pandas as pd
from openpyxl.utils import get_column_letter

from ingest.reading.header import (
    HEADER_ALIASES,
    HEADER_SCAN_ROWS,
    Header,
    HeaderCell,
    LayoutError,
    classify_header,
    find_header,
)
from ingest.reading.sheets import Sheet

__all__ = ["FIELD_COLUMNS", "HEADER_ALIASES", "HEADER_SCAN_ROWS", "RECORD_COLUMNS",
           "HeaderCell", "LayoutError", "classify_header", "find_header", "sheet_records",
           "title_texts"]

# Each raw field, and (col_*) the spreadsheet column it came from, for precise reports.
FIELD_COLUMNS = ("col_indicator", "col_region", "col_period", "col_value", "col_unit",
                 "col_published")
# `formula`: the value cell holds a formula whose result the file does not store; its value
# is then the formula's text.
RECORD_COLUMNS = ("sheet", "row", "column", "indicator", "region", "period", "year",
                  "value", "unit", "status", "note", "header_status", "published", "formula",
                  *FIELD_COLUMNS)
# A notes row starts with one of these words and a colon or a note number ("注1：", "注：").
_NOTES = re.compile(r"^[*※\s]*(?:注|附注|说明|备注|资料来源|数据来源|来源)\s*"
                    r"[0-9０-９一二三四五六七八九十①-⑩]*\s*[：:、.．]")
_NUMBER = re.compile(r"[0-9０-９]")
# Totals rows, and the ending of the region name in the title each stands for.
_TOTALS = {"全市": "市", "全省": "省", "全县": "县", "全区": "区", "全州": "州", "全盟": "盟",
           "全旗": "旗", "合计": "", "总计": "", "全部": ""}
_AREA = re.compile(r"[\u4e00-\u9fff]{1,12}?(?:自治州|市|省|县|区|州|盟|旗)")


def sheet_records(sheet: Sheet, file_name: str = "") -> pd.DataFrame:
    """Return one row per figure cell: where it is and its raw texts.

    `file_name` may give the year when neither the title nor the sheet's name does.
    """
    header = find_header(sheet, file_name)
    body = sheet.frame.iloc[header.position + 1:]
    figures = _figure_columns(header)
    keep = (body != "").any(axis=1).to_numpy() & ~_notes(body, figures)
    if not keep.all():  # copy the grid only when there are rows to drop
        body = body[keep]
    fields = header.fields
    if "region" in fields:
        body = _totals_named(body, fields["region"], title_texts(sheet, file_name))
    context_year = "" if header.year is None else str(header.year)

    def column(field: str) -> pd.Series:
        """A field's column as categories (a million cells, a few hundred distinct texts)."""
        if field not in fields:
            return pd.Series("", index=body.index, dtype="category")
        return body[fields[field]].astype("category")

    def letter(field: str) -> str:
        return get_column_letter(fields[field] + 1) if field in fields else ""

    common = {"sheet": sheet.name, "indicator": column("indicator"), "region": column("region"),
              "note": column("note"), "published": column("published"),
              "col_indicator": letter("indicator"), "col_region": letter("region"),
              "col_unit": letter("unit"), "col_published": letter("published")}
    value_unit = next((c.unit for c in header.cells if c.field == "value" and c.unit), "")
    if "value" in fields:  # long
        value, formula = _values(sheet, body, fields["value"])
        records = pd.DataFrame({
            **common, "row": body.index, "column": get_column_letter(fields["value"] + 1),
            "period": column("period"), "year": _filled(column("year"), context_year),
            "value": value, "unit": _filled(column("unit"), value_unit),
            "status": column("status"), "header_status": "", "formula": formula,
            "col_period": letter("period") or letter("year"), "col_value": letter("value")})
        return _compact(records.reindex(columns=RECORD_COLUMNS).reset_index(drop=True))
    parts = []
    for index, cell in enumerate(header.cells):
        if cell.field != "period_column":
            continue
        value, formula = _values(sheet, body, index)
        parts.append(pd.DataFrame({
            **common, "row": body.index, "column": get_column_letter(index + 1),
            "period": cell.period_text, "year": context_year, "value": value,
            "unit": column("unit"), "status": "", "header_status": cell.status or "",
            "formula": formula, "col_period": get_column_letter(index + 1),
            "col_value": get_column_letter(index + 1)}))
    return _compact(pd.concat(parts, ignore_index=True).reindex(columns=RECORD_COLUMNS))


def _figure_columns(header: Header) -> list[int]:
    """The columns that hold figures: the value column (long) or every period column."""
    if "value" in header.fields:
        return [header.fields["value"]]
    return [i for i, cell in enumerate(header.cells) if cell.field == "period_column"]


def _notes(body: pd.DataFrame, figures: list[int]) -> np.ndarray:
    """Which rows are notes: from the first row whose first filled cell opens a note
    ("注：", "资料来源：") on, every row without a digit in a figure column."""
    flags = np.zeros(len(body), dtype=bool)
    if body.empty:
        return flags
    first = body.iloc[:, 0].to_numpy(dtype=object)
    indented = np.flatnonzero(first == "")  # few rows: their first filled cell is further
    if indented.size:
        first = first.copy()
        rows = body.iloc[indented].to_numpy(dtype=object)
        first[indented] = rows[np.arange(len(rows)), (rows != "").argmax(axis=1)]
    opens = _per_distinct(first, lambda text: bool(_NOTES.match(text)))
    if not opens.any():
        return flags
    start = int(np.flatnonzero(opens)[0])
    tail = body.iloc[start:, figures].to_numpy(dtype=object)
    has_digit = np.zeros(len(tail), dtype=bool)
    for column in tail.T:
        has_digit |= _per_distinct(column, lambda text: bool(_NUMBER.search(text)))
    flags[start:] = ~has_digit
    flags[start] = True
    return flags


def _per_distinct(cells: np.ndarray, test: Callable[[str], bool]) -> np.ndarray:
    """`test` of each cell's text, run once per distinct text."""
    codes, distinct = pd.factorize(cells)
    return np.array([test(str(text)) for text in distinct], dtype=bool)[codes]


def _totals_named(body: pd.DataFrame, region: int, title: str) -> pd.DataFrame:
    """Read a totals row's region ("全市") as the region the title names, when it names one
    of that kind; blank stands for the title's region in the checks that follow."""
    totals = _per_distinct(body[region].to_numpy(dtype=object),
                           lambda text: text.strip() in _TOTALS)
    if not totals.any():
        return body
    areas = _AREA.findall(title)
    named = [word for word, ending in _TOTALS.items()
             if any(area.endswith(ending) and area not in _TOTALS for area in areas)]
    replace = totals & body[region].astype(str).str.strip().isin(named).to_numpy()
    if not replace.any():
        return body
    body = body.copy()
    body.loc[replace, region] = ""
    return body


def _values(sheet: Sheet, body: pd.DataFrame, index: int) -> tuple[pd.Series, np.ndarray]:
    """A figure column's cells, a formula without a saved result as its text, and which
    cells those are."""
    value = body[index]
    formula = np.zeros(len(body), dtype=bool)
    found = {row: text for (row, column), text in sheet.formulas.items() if column == index}
    if not found:
        return value, formula
    at = body.index.get_indexer(list(found))
    kept = at >= 0
    value = value.copy()
    value.iloc[at[kept]] = np.array(list(found.values()), dtype=object)[kept]
    formula[at[kept]] = True
    return value, formula


# Columns that repeat a few values over many rows: stored as categories, a file of a
# million rows takes a fraction of the memory.
_REPEATING = ("sheet", "column", "indicator", "region", "period", "year", "unit", "status",
              "note", "header_status", "published", *FIELD_COLUMNS)


def _filled(column: pd.Series, default: str) -> pd.Series:
    """Put `default` in the column's empty cells."""
    if not default:
        return column
    if default not in column.cat.categories:
        column = column.cat.add_categories([default])
    return column.mask(column == "", default)


def _compact(records: pd.DataFrame) -> pd.DataFrame:
    return records.astype({name: "category" for name in _REPEATING})


def title_texts(sheet: Sheet, file_name: str = "") -> str:
    """Return the text above the table (title rows), where a region may be named."""
    try:
        start = find_header(sheet, file_name).start
    except LayoutError:
        return sheet.title or ""
    above = sheet.frame.iloc[:start]
    return " ".join([sheet.title or "", *(" ".join(r) for r in above.itertuples(index=False))])

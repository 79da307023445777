"""Find a table's header row in a sheet and say what each of its columns holds.

The header is the first of the sheet's top rows that names an indicator column and either a
value and period column (long layout) or at least one period column (wide layout). Rows above
it are the title, which may give the year ("淄博市2017年1-9月主要经济指标"); so may the sheet's
name and the file's name ("2024年1-9月主要经济指标.xlsx"). A period header without a year
("1—9月", "前三季度") is still a period column: without a year anywhere its figures are
refused later, each with ``period.needs_year``, instead of the whole sheet being "headerless".

Bureaus often write a two-row header: "2024年" merged over "1-9月" and "同比增长%". Merged
cells are read as their top-left cell, so the year is carried right over the empty cells it
spans and joined to the period below it ("2024年1-9月"). A column named twice (two 数值
columns, two 时期 columns) is refused with the letters and texts of both, since reading
either one silently could store the wrong figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from indicators.periods import PeriodKind
from ingest.cells.period_text import PeriodTextError, parse_period_text, year_in_text
from ingest.reading.sheets import Sheet, looks_numeric

__all__ = ["HEADER_ALIASES", "HEADER_SCAN_ROWS", "Header", "HeaderCell", "LayoutError",
           "classify_header", "find_header"]

HEADER_SCAN_ROWS = 20
# Each field of a record, and the header texts that name its column.
HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "indicator": ("指标", "指标名称", "项目", "指标代码", "indicator", "indicator code"),
    "region": ("地区", "地区名称", "区域", "行政区划", "地区代码", "region", "region code"),
    "period": ("时期", "时间", "期别", "统计时期", "报告期", "period"),
    "value": ("数值", "数据", "值", "本期", "value"),
    "unit": ("单位", "计量单位", "unit"),
    "status": ("状态", "数据状态", "status"),
    "note": ("备注", "说明", "note"),
    "year": ("年份", "年度", "year"),
    "published": ("公布日期", "发布日期", "公布时间", "published", "published date",
                  "publication date"),
}
# Code columns that may stand beside a name column of the same field (a template's optional
# 指标代码 next to 指标): the name column, which the clerk reads and edits, is the one read.
_CODE_HEADERS = frozenset({"指标代码", "indicator code", "地区代码", "region code"})
# Fields whose column may not appear twice; the message names each in both languages.
_FIELD_NAMES = {"indicator": ("指标", "indicator"), "region": ("地区", "region"),
                "period": ("时期", "period"), "year": ("年份", "year"),
                "unit": ("单位", "unit"), "status": ("状态", "status"),
                "published": ("公布日期", "published date")}
_BRACKETED = re.compile(r"[（(]([^）)]*)[）)]\s*$")
_SPACES = re.compile(r"[\s\u3000]+")
_STATUS_WORDS = ("初步", "预计", "快报", "修订", "最终", "终核", "正式")
_STAND_IN_YEAR = 2000  # only to recognise a period header that names no year


class LayoutError(ValueError):
    """No table could be read; `key`/`values` name a message, `suggestion` a hint (or None)."""

    def __init__(self, key: str, *, suggestion: str | None = None, **values: object) -> None:
        super().__init__(key)
        self.key, self.values, self.suggestion = key, values, suggestion


@dataclass(frozen=True)
class HeaderCell:
    field: str | None  # a field of HEADER_ALIASES, "period_column", or None (ignored)
    unit: str | None = None  # from "数值（亿元）"
    status: str | None = None  # from "2016年（初步）"
    period_text: str | None = None  # a wide layout's period header


@dataclass(frozen=True)
class Header:
    """Where the header is and what it says: `position` is the frame position of its last
    row (data follow it), `cells` one per column, `texts` the header texts as read (a
    two-row header's joined), `year` the year of the title, sheet or file name, and
    `fields` the column each field is read from; `start` is the position of its first row
    (rows above it are the title)."""

    start: int
    position: int
    cells: list[HeaderCell]
    texts: list[str]
    year: int | None
    fields: dict[str, int]


def _normal(text: str) -> str:
    return _SPACES.sub("", text).strip("：:").casefold()


_ALIAS_FIELD = {_normal(alias): field for field, aliases in HEADER_ALIASES.items()
                for alias in aliases}


def classify_header(text: str, *, year: int | None) -> HeaderCell:
    """Say what a header cell names: a field, a period column, or nothing we read.

    A period that lacks only its year ("1—9月" under a title without a year) is a period
    column all the same: the figures below it are refused later for want of a year.
    """
    bracket = _BRACKETED.search(text)
    inner = bracket.group(1).strip() if bracket else None
    bare = text[:bracket.start()] if bracket else text
    field = _ALIAS_FIELD.get(_normal(bare))
    if field is not None:
        return HeaderCell(field=field, unit=inner if field == "value" else None)
    status = inner if inner in _STATUS_WORDS else None
    candidate = bare if status else text
    if not candidate.strip():
        return HeaderCell(field=None)
    try:
        parse_period_text(candidate, year=_STAND_IN_YEAR if year is None else year)
    except PeriodTextError:
        return HeaderCell(field=None)
    return HeaderCell(field="period_column", status=status, period_text=candidate.strip())


def _context_year(sheet: Sheet, above: Sequence[Sequence[str]], file_name: str) -> int | None:
    """The year of the rows above the header, the title, the sheet name or the file name."""
    texts = [sheet.title or "", *(" ".join(row) for row in above), sheet.name, file_name]
    for text in texts:
        year = year_in_text(text)
        if year is not None:
            return year
    return None


def find_header(sheet: Sheet, file_name: str = "") -> Header:
    """Find the header among the sheet's top rows; `LayoutError` when there is none, or when
    a field's column appears twice."""
    grid: list[list[str]] = sheet.frame.iloc[:HEADER_SCAN_ROWS + 1].to_numpy(
        dtype=object).tolist()
    for position in range(min(HEADER_SCAN_ROWS, len(grid))):
        year = _context_year(sheet, grid[:position], file_name)
        texts = [str(v) for v in grid[position]]
        cells = [classify_header(text, year=year) for text in texts]
        if not _is_header(cells):
            continue
        start, last, texts = _two_rows(grid, position, texts, year) or (position, position,
                                                                          texts)
        cells = [classify_header(text, year=year) for text in texts]
        return Header(start, last, cells, texts, year, _field_columns(sheet.name, texts, cells))
    raise LayoutError("layout.no_header", sheet=sheet.name)


def _is_header(cells: Sequence[HeaderCell]) -> bool:
    fields = {c.field for c in cells}
    is_long = {"indicator", "value"} <= fields and bool({"period", "year"} & fields)
    is_wide = "indicator" in fields and "period_column" in fields
    return is_long or is_wide


def _two_rows(grid: list[list[str]], position: int, texts: list[str],
              year: int | None) -> tuple[int, int, list[str]] | None:
    """The header joined with the row below it ("2024年" over "1-9月"), or with the row above
    it ("2024年" above the row naming 指标), when that row holds the periods of the years."""
    below = grid[position + 1] if position + 1 < len(grid) else None
    indicator = next((i for i, t in enumerate(texts)
                      if classify_header(t, year=year).field == "indicator"), None)
    if below is not None and indicator is not None and not below[indicator].strip() \
            and not any(looks_numeric(cell) for cell in below if cell.strip()):
        joined = _join(texts, [str(c) for c in below])
        if joined is not None and _reads(joined, year):
            return position, position + 1, joined
    if position > 0:
        joined = _join([str(c) for c in grid[position - 1]], texts)
        if joined is not None and _reads(joined, year):
            return position - 1, position, joined
    return None


def _reads(texts: Sequence[str], year: int | None) -> bool:
    return _is_header([classify_header(text, year=year) for text in texts])


def _join(upper: list[str], lower: list[str]) -> list[str] | None:
    """Put each year of `upper` (carried right over the empty cells a merge leaves) before the
    labels below it; None unless at least one joined text is a part of a year (1-9月)."""
    joined, carried, parts = [], None, 0
    for index, below in enumerate(lower):
        above = upper[index].strip() if index < len(upper) else ""
        if above:
            carried = _year_of(above)
        label = below.strip()
        if not label:
            joined.append(above)
            continue
        if carried is not None and year_in_text(label) is None and _names_no_field(label):
            text = f"{carried}年{label}"
            parts += _is_part_of_year(text)
            joined.append(text)
        else:
            joined.append(below)
    return joined if parts else None


def _names_no_field(label: str) -> bool:
    return classify_header(label, year=_STAND_IN_YEAR).field in (None, "period_column")


def _year_of(text: str) -> int | None:
    """The year a header cell names as a whole ("2024年", "2024"), else None."""
    try:
        period = parse_period_text(text)
    except PeriodTextError:
        return None
    return period.year if period.kind is PeriodKind.YEAR else None


def _is_part_of_year(text: str) -> bool:
    try:
        return parse_period_text(text).kind is not PeriodKind.YEAR
    except PeriodTextError:
        return False


def _field_columns(sheet: str, texts: Sequence[str], cells: Sequence[HeaderCell]
                   ) -> dict[str, int]:
    """Each field's column; `LayoutError` when one field is named in two columns (a name
    column beside a code column of the same field is allowed: the name column is read)."""
    seen: dict[str, int] = {}
    for index, cell in enumerate(cells):
        field = cell.field
        if field is None or field == "period_column":
            continue
        if field not in seen or field == "note":  # two note columns: the last is kept
            seen[field] = index
            continue
        first = seen[field]
        codes = [_normal(texts[i]) in _CODE_HEADERS for i in (first, index)]
        if codes[0] != codes[1]:
            if codes[0]:
                seen[field] = index
            continue
        values = {"sheet": sheet, "first": get_column_letter(first + 1),
                  "first_header": texts[first].strip(), "second": get_column_letter(index + 1),
                  "second_header": texts[index].strip()}
        if field == "value":
            raise LayoutError("layout.ambiguous_value",
                              suggestion="layout.ambiguous_value_hint", **values)
        zh, en = _FIELD_NAMES[field]
        raise LayoutError("layout.ambiguous_column", suggestion="layout.ambiguous_column_hint",
                          field_zh=zh, field_en=en, **values)
    return seen

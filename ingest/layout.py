"""Find the table in a sheet and turn it into one record per figure.

Two layouts are read. *Long*: one figure a row, with columns 指标 / 地区 / 时期 / 数值
(and optionally 单位, 状态, 备注, 年份, 公布日期), or their English names. *Wide*: 指标 and 地区
(and optionally 单位), then one column per period ("2015年", "2017Q1", "2017年1-9月").
The header row is the first of the sheet's top rows that names an indicator column and
either a value and period column (long) or at least one period column (wide); rows above
it are the title, which may give the year ("淄博市2017年1-9月主要经济指标") and the region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
from openpyxl.utils import get_column_letter

from ingest.period_text import PeriodTextError, parse_period_text, year_in_text
from ingest.sheets import Sheet

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
# Each raw field, and (col_*) the spreadsheet column it came from, for precise reports.
FIELD_COLUMNS = ("col_indicator", "col_region", "col_period", "col_value", "col_unit",
                 "col_published")
RECORD_COLUMNS = ("sheet", "row", "column", "indicator", "region", "period", "year",
                  "value", "unit", "status", "note", "header_status", "published",
                  *FIELD_COLUMNS)
_BRACKETED = re.compile(r"[（(]([^）)]*)[）)]\s*$")
_SPACES = re.compile(r"[\s\u3000]+")
_STATUS_WORDS = ("初步", "预计", "快报", "修订", "最终", "终核", "正式")


class LayoutError(ValueError):
    """No table could be found; `key`/`values` name a message."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class HeaderCell:
    field: str | None  # a field of HEADER_ALIASES, "period_column", or None (ignored)
    unit: str | None = None  # from "数值（亿元）"
    status: str | None = None  # from "2016年（初步）"
    period_text: str | None = None  # a wide layout's period header


def _normal(text: str) -> str:
    return _SPACES.sub("", text).strip("：:").casefold()


_ALIAS_FIELD = {_normal(alias): field for field, aliases in HEADER_ALIASES.items()
                for alias in aliases}


def classify_header(text: str, *, year: int | None) -> HeaderCell:
    """Say what a header cell names: a field, a period column, or nothing we read."""
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
        parse_period_text(candidate, year=year)
    except PeriodTextError:
        return HeaderCell(field=None)
    return HeaderCell(field="period_column", status=status, period_text=candidate.strip())


def _title_year(sheet: Sheet, above: pd.DataFrame) -> int | None:
    texts = [sheet.title or "", sheet.name, *(" ".join(r) for r in above.itertuples(index=False))]
    for text in texts:
        year = year_in_text(text)
        if year is not None:
            return year
    return None


def find_header(sheet: Sheet) -> tuple[int, list[HeaderCell], int | None]:
    """Return the header's position in the frame, its cells, and the title's year."""
    frame = sheet.frame
    for position in range(min(HEADER_SCAN_ROWS, len(frame))):
        year = _title_year(sheet, frame.iloc[:position])
        cells = [classify_header(str(v), year=year) for v in frame.iloc[position]]
        fields = {c.field for c in cells}
        is_long = {"indicator", "value"} <= fields and bool({"period", "year"} & fields)
        is_wide = "indicator" in fields and "period_column" in fields
        if is_long or is_wide:
            return position, cells, year
    raise LayoutError("layout.no_header", sheet=sheet.name)


def sheet_records(sheet: Sheet) -> pd.DataFrame:
    """Return one row per figure cell: where it is and its raw texts."""
    position, cells, year = find_header(sheet)
    body = sheet.frame.iloc[position + 1:]
    filled = (body != "").any(axis=1)
    if not filled.all():  # copy the grid only when there are blank rows to drop
        body = body[filled]
    fields = {c.field: i for i, c in enumerate(cells) if c.field and c.field != "period_column"}
    context_year = "" if year is None else str(year)

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
    value_unit = next((c.unit for c in cells if c.field == "value" and c.unit), "")
    if "value" in fields:  # long
        records = pd.DataFrame({
            **common, "row": body.index, "column": get_column_letter(fields["value"] + 1),
            "period": column("period"), "year": _filled(column("year"), context_year),
            "value": body[fields["value"]], "unit": _filled(column("unit"), value_unit),
            "status": column("status"), "header_status": "",
            "col_period": letter("period") or letter("year"), "col_value": letter("value")})
        return _compact(records.reindex(columns=RECORD_COLUMNS).reset_index(drop=True))
    parts = []
    for index, cell in enumerate(cells):
        if cell.field != "period_column":
            continue
        parts.append(pd.DataFrame({
            **common, "row": body.index, "column": get_column_letter(index + 1),
            "period": cell.period_text, "year": context_year, "value": body[index],
            "unit": column("unit"), "status": "", "header_status": cell.status or "",
            "col_period": get_column_letter(index + 1),
            "col_value": get_column_letter(index + 1)}))
    return _compact(pd.concat(parts, ignore_index=True).reindex(columns=RECORD_COLUMNS))


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


def title_texts(sheet: Sheet) -> str:
    """Return the text above the table (title rows), where a region may be named."""
    try:
        position, _, _ = find_header(sheet)
    except LayoutError:
        return sheet.title or ""
    above = sheet.frame.iloc[:position]
    return " ".join([sheet.title or "", *(" ".join(r) for r in above.itertuples(index=False))])

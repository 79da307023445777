"""What the reader tests share: a bureau table, the CSV Excel writes, a file saved and read
back, a sheet's grid, and the check that a refused file names a message exactly."""

from __future__ import annotations

import csv
import io
import string
from pathlib import Path

import pytest

from indicators.text.messages import MESSAGES, Language, message
from ingest.reading.file_limits import FileRejected, ReadLimits
from ingest.reading.readers import read_table_file
from ingest.reading.sheets import Sheet

Grid = list[list[str]]
DEFAULT = ReadLimits()

TABLE: Grid = [
    ["淄博市2017年1-9月主要经济指标", "", ""],
    ["指标", "1-9月", "比上年同期增长（%）"],
    ["地区生产总值（亿元）", "3,512.6", "7.2"],
    ["规模以上工业增加值", "", "-0.5"],
    ["备注", "含“四上”企业, 不含农户", "第一行\n第二行"],
]


def csv_table(rows: Grid, encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    """The file Excel writes: CRLF line ends, cells with separators or breaks quoted."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def saved(tmp_path: Path, name: str, content: bytes) -> bytes:
    path = tmp_path / name
    path.write_bytes(content)
    return path.read_bytes()


def grid(sheet: Sheet) -> Grid:
    return sheet.frame.to_numpy().tolist()


def rejected(content: bytes, name: str, key: str,
              limits: ReadLimits = DEFAULT) -> FileRejected:
    """Assert the file is refused with `key`, and that its values fill exactly that message."""
    with pytest.raises(FileRejected) as caught:
        read_table_file(content, name, limits)
    error = caught.value
    assert error.key == key
    placeholders = {field for template in MESSAGES[key]
                    for _, field, _, _ in string.Formatter().parse(template) if field}
    assert set(error.values) == placeholders
    for language in Language:
        assert message(key, language, **error.values) in str(error)
    return error

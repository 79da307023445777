"""Read an uploaded CSV (or .txt) file into one sheet's raw grid.

The encoding is detected (`ingest.reading.encoding`; UTF-16/32 text, as Excel's "Unicode text"
export writes it, is first transcoded to UTF-8), the delimiter is sniffed from a sample of the
records, and pandas' C engine parses every cell as text. The column count is bounded before
parsing and the row count while parsing, so a hostile file is refused with `FileRejected`
before it can exhaust memory.
"""

from __future__ import annotations

import csv
import io
from collections import Counter

import pandas as pd

from ingest.reading.encoding import detect_encoding, to_utf8, wide_encoding
from ingest.reading.file_limits import FileRejected, ReadLimits
from ingest.reading.sheets import Sheet, table_title, trim

__all__ = ["read_csv"]

_DELIMITERS = (",", "\t", ";")  # in order of preference when the sniffer cannot tell
_SAMPLE_BYTES = 64 * 1024  # the delimiter is sniffed from about this much of the file
_SAMPLE_RECORDS = 200


def read_csv(content: bytes, file_name: str, limits: ReadLimits) -> Sheet:
    """The one sheet of a CSV file, named after the file; `FileRejected` if it is unreadable."""
    wide = wide_encoding(content)
    if wide is not None:
        content = to_utf8(content, wide, file_name=file_name)
    if b"\x00" in content:
        raise FileRejected("file.not_text", name=file_name)
    encoding = detect_encoding(content, file_name=file_name)
    delimiter, sample_width = _sniff(content, encoding)
    width = max(sample_width, 1)
    _check_columns(width, file_name, limits)
    try:
        frame = _parse_csv(content, encoding, delimiter, width, limits)
    except pd.errors.ParserError:
        # A record past the sample is wider than any in it: count properly, then parse again.
        width = _widest_record(content, encoding, delimiter, file_name, limits)
        try:
            frame = _parse_csv(content, encoding, delimiter, width, limits)
        except pd.errors.ParserError as error:  # e.g. a quote opened and never closed
            raise FileRejected("file.not_text", name=file_name) from error
    if len(frame) > limits.max_rows:
        raise FileRejected("file.too_many_rows", sheet=file_name, limit=limits.max_rows)
    frame = trim(frame)
    if frame.empty:
        raise FileRejected("file.empty", name=file_name)
    return Sheet(name=file_name, title=table_title(frame), frame=frame)


def _parse_csv(content: bytes, encoding: str, delimiter: str, width: int,
               limits: ReadLimits) -> pd.DataFrame:
    """Parse with pandas' C engine: every cell text, short records padded with ``""``."""
    try:
        frame = pd.read_csv(io.BytesIO(content), sep=delimiter, header=None,
                            names=range(width), dtype=str, keep_default_na=False,
                            na_filter=False, skip_blank_lines=False, engine="c",
                            encoding=encoding, nrows=limits.max_rows + 1)
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=range(width), dtype=object)
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return frame


def _sniff(content: bytes, encoding: str) -> tuple[str, int]:
    """Pick the delimiter among , tab ; and return it with the widest record in the sample.

    Each candidate splits the first records (quotes respected); the winner is the one under
    which the most records agree on one width of two or more fields. Excel pads every record to
    the sheet's width, and a decimal comma under ``;`` gives ragged widths, so this separates
    real layouts; ties go to the comma. The sample always holds the whole first record, so the
    widest width it reports is never short for the first record.
    """
    size = _SAMPLE_BYTES
    while True:
        complete = size >= len(content)
        text = content[:size].decode(encoding, errors="ignore")
        if complete and not text:
            return _DELIMITERS[0], 1
        best: tuple[tuple[int, int, int], str, int] | None = None
        for rank, delimiter in enumerate(_DELIMITERS):
            records = _sample_records(text, delimiter, complete)
            if not records:
                break
            widths = [len(record) for record in records]
            wide = Counter(width for width in widths if width > 1)
            agreeing, common = (wide.most_common(1)[0][::-1] if wide else (0, 1))
            score = (agreeing, common, -rank)
            if best is None or score > best[0]:
                best = (score, delimiter, max(widths))
        else:
            assert best is not None
            return best[1], best[2]
        size *= 4  # not even one whole record yet: the first record is longer than the sample


def _sample_records(text: str, delimiter: str, complete: bool) -> list[list[str]]:
    records: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            records.append(record)
            if len(records) > _SAMPLE_RECORDS:
                return records[:-1]
    except csv.Error:  # a cell beyond csv's field size limit: judge by what was read
        return records
    return records if complete else records[:-1]


def _widest_record(content: bytes, encoding: str, delimiter: str, file_name: str,
                   limits: ReadLimits) -> int:
    """Count the fields of the widest record, streaming; refuse past ``max_columns``."""
    widest = 1
    stream = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    try:
        for record in csv.reader(stream, delimiter=delimiter):
            if len(record) > widest:
                widest = len(record)
                _check_columns(widest, file_name, limits)
    except csv.Error as error:
        raise FileRejected("file.not_text", name=file_name) from error
    return widest


def _check_columns(width: int, sheet: str, limits: ReadLimits) -> None:
    if width > limits.max_columns:
        raise FileRejected("file.too_many_columns", sheet=sheet, limit=limits.max_columns)

"""Read an uploaded statistics table (CSV or XLSX) into raw grids of text, one per sheet.

This module only turns bytes into cells; it does not decide where a table's header is or what
a cell means (that is the layout step and `ingest.cells`). Every cell comes back as the text
the user sees, every row keeps the number the user sees, and a file that cannot be read as a
whole is refused with a `FileRejected` (`ingest.file_limits`) naming a ``file.*`` message of
`indicators.messages`.

Untrusted input is bounded before it is parsed: the file's size first, then for XLSX the zip
archive's declared sizes (Python's `zipfile` never inflates a member past its declared size,
so checking the declared sizes bounds the real work), then rows and columns while streaming.
"""

from __future__ import annotations

import csv
import io
import math
import warnings
import zipfile
from collections import Counter
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import PurePath
from typing import TYPE_CHECKING

import openpyxl
import pandas as pd

from ingest.encoding import UNREADABLE_BOMS, decodes, detect_encoding
from ingest.file_limits import FileRejected, ReadLimits, size_text
from ingest.sheets import Sheet, last_filled, last_nonempty, table_title, trim

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

__all__ = ["read_table_file"]

_CSV_SUFFIXES = frozenset({".csv", ".txt"})
_XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_DEFAULT_LIMITS = ReadLimits()  # frozen, so one instance serves every call
_DELIMITERS = (",", "\t", ";")  # in order of preference when the sniffer cannot tell
_SAMPLE_BYTES = 64 * 1024  # the delimiter is sniffed from about this much of the file
_SAMPLE_RECORDS = 200
_RATIO_FLOOR = 1024 * 1024  # members up to this size are never judged by their ratio
_MAX_ZIP_MEMBERS = 10_000  # a workbook has dozens; a million tiny members is an attack
_WORKBOOK_PART = "xl/workbook.xml"


def read_table_file(content: bytes, file_name: str,
                    limits: ReadLimits = _DEFAULT_LIMITS) -> list[Sheet]:
    """Read an uploaded CSV or XLSX file into its sheets' raw grids.

    The type comes from the extension (``.csv``/``.txt`` or ``.xlsx``/``.xlsm``) and is then
    verified against the content. A CSV yields one sheet named after the file; an XLSX yields
    every visible sheet that holds something, in workbook order (hidden and empty sheets are
    skipped). Raises `FileRejected` (``file.unknown_type``, ``file.too_large``,
    ``file.empty``, ``file.not_text``, ``file.encoding``, ``file.not_xlsx``, ``file.zip_bomb``,
    ``file.too_many_rows``, ``file.too_many_columns``) when the file cannot be read as a whole.
    """
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in _CSV_SUFFIXES and suffix not in _XLSX_SUFFIXES:
        raise FileRejected("file.unknown_type", name=file_name)
    if len(content) > limits.max_bytes:
        raise FileRejected("file.too_large", name=file_name, size=size_text(len(content)),
                           limit=size_text(limits.max_bytes))
    if not content:
        raise FileRejected("file.empty", name=file_name)
    if suffix in _CSV_SUFFIXES:
        return [_read_csv(content, file_name, limits)]
    return _read_xlsx(content, file_name, limits)


# --- CSV -----------------------------------------------------------------------------------


def _read_csv(content: bytes, file_name: str, limits: ReadLimits) -> Sheet:
    if content.startswith(UNREADABLE_BOMS):
        raise FileRejected("file.encoding", name=file_name)
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


# --- XLSX ----------------------------------------------------------------------------------


def _read_xlsx(content: bytes, file_name: str, limits: ReadLimits) -> list[Sheet]:
    _check_archive(content, file_name, limits)
    sheets: list[Sheet] = []
    with warnings.catch_warnings():
        # openpyxl warns about workbook features it drops (data validation, extensions...);
        # those do not change cell values.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True,
                                              data_only=True, keep_links=False)
        except MemoryError:
            raise
        except Exception as error:  # openpyxl on a damaged file can raise nearly anything
            raise _not_xlsx(file_name, f"damaged workbook ({type(error).__name__})") from error
        try:
            for worksheet in workbook.worksheets:
                if worksheet.sheet_state != "visible":
                    continue
                sheet = _read_worksheet(worksheet, file_name, limits)
                if sheet is not None:
                    sheets.append(sheet)
        finally:
            workbook.close()
    if not sheets:
        raise FileRejected("file.empty", name=file_name)
    return sheets


def _check_archive(content: bytes, file_name: str, limits: ReadLimits) -> None:
    """Refuse what is not an xlsx archive, or would unpack to too much, before openpyxl."""
    if not content.startswith(b"PK"):
        raise _not_xlsx(file_name, _what_it_is(content))
    members = _declared_member_count(content)
    if members is not None and members > _MAX_ZIP_MEMBERS:
        raise _not_xlsx(file_name, f"zip archive with too many members ({members})")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise _not_xlsx(file_name, "truncated or damaged zip archive") from error
    if _WORKBOOK_PART not in {info.filename for info in infos}:
        raise _not_xlsx(file_name, f"zip archive without {_WORKBOOK_PART}")
    total = sum(info.file_size for info in infos)
    if total > limits.max_uncompressed_bytes:
        raise FileRejected("file.zip_bomb", name=file_name, size=size_text(total),
                           limit=size_text(limits.max_uncompressed_bytes))
    for info in infos:
        allowed = info.compress_size * limits.max_compression_ratio
        if info.file_size > _RATIO_FLOOR and info.file_size > allowed:
            raise FileRejected("file.zip_bomb", name=file_name, size=size_text(info.file_size),
                               limit=size_text(max(int(allowed), _RATIO_FLOOR)))


def _declared_member_count(content: bytes) -> int | None:
    """The member count of the end-of-central-directory record, read before `zipfile` builds
    an object per member (``0xFFFF`` means Zip64, i.e. at least that many)."""
    end = content.rfind(b"PK\x05\x06", max(0, len(content) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(content):
        return None
    return int.from_bytes(content[end + 10:end + 12], "little")


def _what_it_is(content: bytes) -> str:
    """A short description of what a file that is not a zip archive seems to be."""
    head = content[:8]
    if head.startswith(b"%PDF"):
        return "a PDF document, not a workbook"
    if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "an Excel 97-2003 (.xls) or password-protected workbook"
    sample = content[:4096]
    if b"\x00" not in sample and any(decodes(sample, encoding, final=False)
                                     for encoding in ("utf-8", "gb18030")):
        return "a text (CSV) file, not a workbook"
    return "not a zip archive"


def _not_xlsx(file_name: str, detail: str) -> FileRejected:
    return FileRejected("file.not_xlsx", name=file_name, detail=detail)


def _read_worksheet(worksheet: ReadOnlyWorksheet, file_name: str,
                    limits: ReadLimits) -> Sheet | None:
    """Stream one sheet's rows; refuse as soon as it passes the row or column limit."""
    name = str(worksheet.title)
    # The <dimension> a writer declares may be wrong; trusting it can cut rows off.
    worksheet.reset_dimensions()
    rows: list[list[str]] = []
    pending: list[list[str]] = []  # blank rows, kept only if something follows them
    width = 0
    try:
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            if number > limits.max_rows:
                raise FileRejected("file.too_many_rows", sheet=name, limit=limits.max_rows)
            cells = [_cell_text(value) for value in values]
            filled = last_filled(cells)
            if filled > limits.max_columns:
                raise FileRejected("file.too_many_columns", sheet=name,
                                   limit=limits.max_columns)
            kept = cells[:last_nonempty(cells)]
            if not filled:
                pending.append(kept)
                continue
            rows.extend(pending)
            pending.clear()
            rows.append(kept)
            width = max(width, filled)
    except (FileRejected, MemoryError):
        raise
    except Exception as error:  # damaged sheet XML, bad shared-string index, bad zip CRC...
        raise _not_xlsx(file_name, f"damaged sheet “{name}” ({type(error).__name__})") from error
    if not rows:
        return None
    grid = [row[:width] + [""] * (width - len(row)) for row in rows]
    frame = pd.DataFrame(grid, index=pd.RangeIndex(1, len(grid) + 1),
                         columns=pd.RangeIndex(width), dtype=object)
    return Sheet(name=name, title=table_title(frame), frame=frame)


def _cell_text(value: object) -> str:
    """A cell value as the text a person reads in Excel's formula bar."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float_text(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    """Excel's 15 significant digits, positional: 0.1+0.2 → "0.3", 1000.0 → "1000".

    Excel computes with doubles but shows (and means) 15 significant digits; the digits past
    that in the file, as in ``13.530000000000001``, are binary artefacts.
    """
    if not math.isfinite(value):
        return repr(value)
    rounded = float(f"{value:.15g}")
    if rounded.is_integer():
        return str(int(rounded))
    text = repr(rounded)
    return format(Decimal(text), "f") if "e" in text else text

"""Read an uploaded statistics table (CSV or XLSX) into raw grids of text, one per sheet.

This is the entry point of reading: `read_table_file` picks the reader from the file's
extension (`csv_reader` or `xlsx_reader`) after the checks every file gets. It
only turns bytes into cells; it does not decide where a table's header is or what a cell means
(that is the layout step and the number-cell modules). Every cell comes back as the text the
user sees, every row keeps the number the user sees, and a file that cannot be read as a whole
is refused with a `FileRejected` (`ingest.reading.file_limits`) naming a ``file.*`` message of
`indicators.messages`.

Untrusted input is bounded before it is parsed: the file's size here, then each reader bounds
what it parses (for XLSX the zip archive's declared sizes, then rows and columns while
streaming).
"""

from __future__ import annotations

from pathlib import PurePath

from ingest.reading.csv_reader import read_csv
from ingest.reading.file_limits import FileRejected, ReadLimits, size_text
from ingest.reading.sheets import Sheet
from ingest.reading.xlsx_reader import read_xlsx

__all__ = ["read_table_file"]

_CSV_SUFFIXES = frozenset({".csv", ".txt"})
_XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
_DEFAULT_LIMITS = ReadLimits()  # frozen, so one instance serves every call


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
        return [read_csv(content, file_name, limits)]
    return read_xlsx(content, file_name, limits)

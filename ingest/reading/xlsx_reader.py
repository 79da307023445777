"""Read an uploaded XLSX (or .xlsm) workbook into its visible sheets' raw grids.

The zip archive is checked before openpyxl sees it: that it is one, that it holds a workbook,
and that its members' declared sizes stay within `ReadLimits` (Python's `zipfile` never
inflates a member past its declared size, so checking the declared sizes bounds the real
work). Sheets are then streamed in read-only mode, formulas as their cached values, and each
cell comes back as the text Excel shows in its formula bar. A formula whose result the file
does not hold (`xlsx_formulas`) reads as a blank but is listed in `Sheet.formulas`, so it
is reported rather than lost.
"""

from __future__ import annotations

import io
import math
import warnings
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

import openpyxl
import pandas as pd

from ingest.reading.encoding import decodes
from ingest.reading.file_limits import FileRejected, ReadLimits, size_text
from ingest.reading.sheets import Sheet, last_filled, last_nonempty, table_title
from ingest.reading.xlsx_formulas import recalculated_on_load, unsaved_formulas

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

__all__ = ["read_xlsx"]

_RATIO_FLOOR = 1024 * 1024  # members up to this size are never judged by their ratio
_MAX_ZIP_MEMBERS = 10_000  # a workbook has dozens; a million tiny members is an attack
_WORKBOOK_PART = "xl/workbook.xml"


def read_xlsx(content: bytes, file_name: str, limits: ReadLimits) -> list[Sheet]:
    """Every visible sheet that holds something, in workbook order; `FileRejected` if none."""
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
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                recalculated = recalculated_on_load(archive)
                for worksheet in workbook.worksheets:
                    if worksheet.sheet_state != "visible":
                        continue
                    sheet = _read_worksheet(worksheet, file_name, limits)
                    if sheet is not None:
                        sheets.append(_with_formulas(sheet, archive, worksheet, recalculated))
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


def _with_formulas(sheet: Sheet, archive: zipfile.ZipFile, worksheet: ReadOnlyWorksheet,
                   recalculated: bool) -> Sheet:
    """The sheet with its formulas that hold no saved result listed, and read as blanks."""
    member = str(worksheet._worksheet_path)  # openpyxl keeps the sheet's part name here
    formulas = unsaved_formulas(archive, member, recalculated=recalculated)
    if not formulas:
        return sheet
    frame = sheet.frame
    height, width = frame.shape
    inside = {key: text for key, text in formulas.items()
              if key[0] <= height and key[1] < width}
    if inside:
        frame = frame.copy()
        for row, column in inside:
            frame.iat[row - 1, column] = ""  # xlsxwriter's placeholder 0 is no figure
    return Sheet(name=sheet.name, title=sheet.title, frame=frame, formulas=inside)


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

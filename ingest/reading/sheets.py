"""One sheet's raw grid (`Sheet`) and the rules both readers apply to it.

The CSV and XLSX readers build a `Sheet` the same way: trailing rows and columns that hold
only white space are dropped (`trim`, or `last_filled` / `last_nonempty` while streaming), and
a single text cell above the table is taken as its title (`table_title`). Keeping these rules
in one place keeps the two readers' grids alike, which the layout step relies on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["Sheet", "last_filled", "last_nonempty", "looks_numeric", "table_title", "trim"]


@dataclass(frozen=True, eq=False)
class Sheet:
    """One sheet's raw grid.

    `frame` has every cell as a `str` (``""`` when empty), columns ``0..n-1`` and as index the
    1-based row numbers the user sees (Excel's row number; for CSV the record number, which is
    the text editor's line number unless a quoted cell holds a line break). Leading empty rows
    are kept so the numbers stay right; trailing empty rows and columns are dropped. `title` is
    the text of the first non-empty row when that row is a single text cell above the table.
    `formulas` holds the cells whose formula has no result saved in the file (a workbook
    written by a program and never opened in Excel): (row number, column position) → the
    formula ("=B2+C2"); their grid text is ``""``, as it would be read, but they are no
    blanks. Sheets compare by identity (a DataFrame has no single truth value).
    """

    name: str
    title: str | None
    frame: pd.DataFrame
    formulas: Mapping[tuple[int, int], str] = field(default_factory=dict)


def _blank(cell: str) -> bool:
    return not cell.strip()


def last_filled(cells: Sequence[str]) -> int:
    """1 + the index of the last cell with something other than white space, else 0."""
    for index in range(len(cells) - 1, -1, -1):
        if not _blank(cells[index]):
            return index + 1
    return 0


def last_nonempty(cells: Sequence[str]) -> int:
    """1 + the index of the last cell that is not ``""``, else 0 (white space counts here)."""
    for index in range(len(cells) - 1, -1, -1):
        if cells[index]:
            return index + 1
    return 0


def trim(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop trailing rows and columns that hold nothing but white space."""
    if frame.empty:
        return frame
    grid = frame.to_numpy(dtype=object)
    nonempty = grid != ""
    rows = _last_kept(np.flatnonzero(nonempty.any(axis=1))[::-1], lambda r: grid[r, :])
    columns = _last_kept(np.flatnonzero(nonempty.any(axis=0))[::-1], lambda c: grid[:, c])
    if rows == len(frame) and columns == frame.shape[1]:
        return frame
    return frame.iloc[:rows, :columns]


def _last_kept(candidates: Iterable[int], line: Callable[[int], Iterable[str]]) -> int:
    """1 + the last candidate (taken last first) whose cells are not all white space."""
    for index in candidates:
        if any(cell and not _blank(cell) for cell in line(index)):
            return int(index) + 1
    return 0


def table_title(frame: pd.DataFrame) -> str | None:
    """The first non-empty row's text, if it is one text cell above a table of 2+ columns."""
    if frame.shape[1] < 2:
        return None
    grid = frame.to_numpy(dtype=object)
    counts = (grid != "").sum(axis=1)
    first: int | None = None
    for index in np.flatnonzero(counts):
        filled = [cell for cell in grid[index] if not _blank(cell)]
        if filled:
            if len(filled) != 1 or looks_numeric(filled[0]):
                return None
            first = int(index)
            text = filled[0].strip()
            break
    if first is None:
        return None
    for index in np.flatnonzero(counts[first + 1:] >= 2):
        if sum(1 for cell in grid[first + 1 + index] if not _blank(cell)) >= 2:
            return text
    return None


def looks_numeric(text: str) -> bool:
    """Whether a cell reads as a plain number ("1,234.5", "7.2%")."""
    try:
        float(text.strip().replace(",", "").removesuffix("%"))
    except ValueError:
        return False
    return True

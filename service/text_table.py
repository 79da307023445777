"""Plain-text tables for the terminal that line up Chinese (double-width) characters and
fit a width (100 columns, or the terminal's when narrower).

A table wider than that shrinks its widest columns first, down to their header's longest
word, and wraps their cells (by display width: CJK characters take two columns), breaking after
a space, a hyphen or a comma, or between Chinese characters, and inside a word only when
it is longer than the column. No character of a cell is dropped. A row may carry a detail
line (a reason, say) printed under it, indented and wrapped to the full width. A table
whose columns cannot fit at all is printed as one block per row, "header: value".
Commands that print a table keep every field in full in their `--json` output.
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence

WIDTH = 100
GAP = "  "
MIN_COLUMN = 2  # one CJK character
DETAIL_INDENT = "    "
# Closing punctuation a Chinese line never starts with (so the break moves before the
# character ahead of it).
_NO_LINE_START = set("，。、；：？！）》」』】…％%,.;:?!)")
_NO_LINE_END = set("（(《「『【[“‘")
_BREAK_AFTER = set(" ,，、；")


def display_width(text: str) -> int:
    """Return how many terminal columns `text` takes (CJK characters take two)."""
    return sum(_char_width(c) for c in text)


def _char_width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def table_width(limit: int = WIDTH) -> int:
    """The width tables fit: `limit`, or the terminal's (or $COLUMNS) when narrower."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return min(limit, int(columns))
    if sys.stdout.isatty():
        return min(limit, shutil.get_terminal_size((limit, 24)).columns)
    return limit


def wrap(text: str, width: int) -> list[str]:
    """Split `text` into lines of at most `width` display columns (width ≥ 2), breaking
    at newlines and at the last break opportunity that fits; joined back (without the
    newlines) the lines are the text."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_line(paragraph, width))
    return lines


def _wrap_line(text: str, width: int) -> list[str]:
    lines, line, used = [], "", 0
    for char in text:
        size = _char_width(char)
        while used + size > width and line:
            cut = _break_point(line, char)
            lines.append(line[:cut])
            line = line[cut:]
            used = display_width(line)
        line += char
        used += size
    return [*lines, line]


def _break_point(line: str, following: str) -> int:
    """Where to end a full line (`following` is the character that did not fit): after
    the last break opportunity, else at its end."""
    text = line + following
    for cut in range(len(line), 0, -1):
        if _may_break(text, cut):
            return cut
    return len(line)


def _may_break(text: str, cut: int) -> bool:
    """Whether a line may end between text[cut - 1] and text[cut]: after a space or
    separator, after a hyphen joining two words, or next to a Chinese character; never
    before closing punctuation nor after an opening bracket."""
    before, after = text[cut - 1], text[cut]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    if before == "-":
        return cut >= 2 and text[cut - 2].isalnum() and after.isalnum()
    return before in _BREAK_AFTER or _char_width(before) == 2 or _char_width(after) == 2


def fit_columns(natural: Sequence[int], floors: Sequence[int], width: int) -> list[int] | None:
    """Column widths that fit `width` with the gaps: the natural ones if they fit, else the
    widest columns capped at one level (never below their floor) and the columns left
    over handed back, widest first. None when even the floors do not fit."""
    available = width - len(GAP) * (len(natural) - 1)
    if sum(natural) <= available:
        return list(natural)
    floors = [min(n, f) for n, f in zip(natural, floors, strict=True)]
    if sum(floors) > available:
        return None
    low, high = 0, max(natural)  # the largest cap that fits
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(natural, floors, strict=True)) <= available:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for n, f in zip(natural, floors, strict=True)]
    spare = available - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: -natural[i]):
        if spare and widths[i] < natural[i]:
            widths[i] += 1
            spare -= 1
    return widths


def render_table(headers: Sequence[str], rows: Sequence[Sequence[str]], *,
                 width: int | None = None, details: Sequence[str] | None = None,
                 whole: Sequence[int] = ()) -> str:
    """Render rows under headers, fitting `width` (default: `table_width()`); `details`,
    one per row, are printed under their row, indented and wrapped. The columns numbered in
    `whole` (codes, say, which a reader copies) are not wrapped while the table can fit
    without wrapping them."""
    width = max(width or table_width(), 2 * MIN_COLUMN)
    columns = list(zip(*[headers, *rows], strict=True))
    natural = [max(display_width(part) for cell in column for part in cell.split("\n"))
               for column in columns]
    floors = [natural[i] if i in whole else _longest_word(h) for i, h in enumerate(headers)]
    widths = fit_columns(natural, floors, width) \
        or fit_columns(natural, [_longest_word(h) for h in headers], width) \
        or fit_columns(natural, [MIN_COLUMN] * len(headers), width)
    if widths is None:
        return _blocks(headers, rows, width, details)
    out = [*_row_lines(headers, widths), GAP.join("-" * w for w in widths)]
    for n, row in enumerate(rows):
        out += _row_lines(row, widths)
        if details is not None and details[n]:
            out += _detail_lines(details[n], width)
    return "\n".join(out) + "\n"


def _longest_word(header: str) -> int:
    """A header's floor: its longest word, so that it wraps between words only."""
    return max([MIN_COLUMN, *(display_width(w) for w in header.split())])


def _row_lines(cells: Sequence[str], widths: Sequence[int]) -> list[str]:
    wrapped = [wrap(cell, w) for cell, w in zip(cells, widths, strict=True)]
    height = max(len(parts) for parts in wrapped)
    lines = []
    for k in range(height):
        parts = [p[k] if k < len(p) else "" for p in wrapped]
        padded = [part + " " * (w - display_width(part)) for part, w in zip(parts, widths,
                                                                             strict=True)]
        lines.append(GAP.join(padded).rstrip())
    return lines


def _detail_lines(text: str, width: int) -> list[str]:
    indent = DETAIL_INDENT if width - len(DETAIL_INDENT) >= MIN_COLUMN else ""
    return [(indent + part).rstrip() for part in wrap(text, width - len(indent))]


def _blocks(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int,
            details: Sequence[str] | None) -> str:
    """The narrow fallback: each row as "header: value" lines, rows apart by a blank (the
    headers alone when there is no row)."""
    out = [] if rows else [part.rstrip() for h in headers for part in wrap(h, width)]
    for n, row in enumerate(rows):
        for header, cell in zip(headers, row, strict=True):
            out += [part.rstrip() for part in wrap(f"{header}: {cell}", width)]
        if details is not None and details[n]:
            out += [part.rstrip() for part in wrap(details[n], width)]
        out.append("")
    return "\n".join(out) + "\n"

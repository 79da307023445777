"""One number cell as found in tables typed by hand at statistics bureaus, read.

A cell is a Python number (read from Excel) or text. Text may carry thousands separators,
full-width characters, a % or ‰ sign, a scale word (万, 亿, 万亿: "1.2万" is 12000, exactly;
the row's unit still applies to the result), a footnote mark, a preliminary mark or a marker
meaning "no figure" (the marks are in `ingest.cells.cell_marks`). A sign is "-" or "+" (full-width
and typographic minus signs too); "△5", the Japanese accounts' minus, is refused rather
than guessed at, and so is "(5)". `parse_number` reads one cell; these
scalar rules are the reference that `ingest.cells.number_column` reads a whole column by, fast.

The canonical text of a number is plain decimal notation without exponent, without a "+"
sign, leading zeros or trailing fractional zeros: "1,234.50" → "1234.5", 1000.0 → "1000",
"-0" → "0". A Python float is first rounded to 15 significant digits (what Excel itself
keeps and shows), so 0.1 + 0.2 reads as "0.3".
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

import numpy as np
import pandas as pd

from indicators.text.messages import bilingual
from ingest.cells.cell_marks import FOOTNOTE, MISSING_MARKERS, PRELIMINARY, clean, footnote_label

__all__ = ["MAX_CELL_LENGTH", "CellError", "ParsedNumber", "float_text", "parse_cell",
           "parse_cell_text", "parse_number"]

# Powers of ten the scale words after a number stand for.
SCALES = {"万": 4, "亿": 8, "万亿": 12}

# Cells longer than this (after trimming) are refused: no figure in a table needs more, and
# the limit keeps every accepted text within the range of a float.
MAX_CELL_LENGTH = 100

_CELL = re.compile(
    r"(?P<sign>[-+])?(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
    r"(?:\s*(?P<scale>万亿|亿|万)|\s*%)?"
    rf"(?:\s*(?P<pre>{PRELIMINARY}))?"
    rf"(?:\s*(?P<foot>{FOOTNOTE}))?"
    rf"(?:\s*(?P<pre_after>{PRELIMINARY}))?")


class CellError(ValueError):
    """A cell that is not a number. key/values name a message in indicators.messages."""

    key: ClassVar[str] = "cell.not_a_number"
    suggestion: ClassVar[str] = "cell.suggest_number"

    def __init__(self, raw: str) -> None:
        self.raw = raw
        self.values: dict[str, object] = {"raw": raw}
        super().__init__(bilingual(self.key, raw=raw))


@dataclass(frozen=True)
class ParsedNumber:
    """One number cell, read."""

    text: str | None  # canonical decimal text; None when the cell means "missing"
    footnote: str | None  # the footnote mark removed from the cell ("*", "①", "注1" ...)
    preliminary: bool  # the cell itself carries 初步 / 预计 / 快报 / "p"


_MISSING = ParsedNumber(text=None, footnote=None, preliminary=False)


def parse_number(raw: object) -> ParsedNumber:
    """Read one table cell as a number; raise `CellError` when it is none.

    Python numbers (from Excel) and text are both accepted; None, NaN and the markers in
    `MISSING_MARKERS` mean the table has no figure there, which is not an error.
    """
    parsed = parse_cell(raw)
    if parsed is None:
        raise CellError(str(raw))
    return parsed


def parse_cell(raw: object) -> ParsedNumber | None:
    """Read one cell; None when it is not a number."""
    if isinstance(raw, str):
        return parse_cell_text(raw)
    if isinstance(raw, bool | np.bool_):
        return None
    if isinstance(raw, Decimal) and raw.is_nan():  # pd.isna raises on a signalling NaN
        return _MISSING
    if pd.api.types.is_scalar(raw) and pd.isna(raw):
        return _MISSING
    if isinstance(raw, int | np.integer):
        text = str(int(raw))
    elif isinstance(raw, float | np.floating):
        if not math.isfinite(raw):
            return None
        text = float_text(float(raw))
    elif isinstance(raw, Decimal) and raw.is_finite():
        text = _plain_text(format(raw, "f"))
    else:
        return None
    if not math.isfinite(float(text)):  # an int or Decimal beyond the range of a float
        return None
    return ParsedNumber(text=text, footnote=None, preliminary=False)


def parse_cell_text(raw: str) -> ParsedNumber | None:
    cell = clean(raw)
    if cell.casefold() in MISSING_MARKERS:
        return _MISSING
    if len(cell) > MAX_CELL_LENGTH:
        return None
    match = _CELL.fullmatch(cell)
    if match is None or (match["pre"] and match["pre_after"]):
        return None
    digits, fraction = match["int"].replace(",", ""), match["frac"] or ""
    if match["scale"]:
        digits, fraction = _shifted(digits, fraction, SCALES[match["scale"]])
    return ParsedNumber(text=_canonical(match["sign"] == "-", digits, fraction),
                        footnote=footnote_label(match["foot"]),
                        preliminary=bool(match["pre"] or match["pre_after"]))


def _shifted(digits: str, fraction: str, places: int) -> tuple[str, str]:
    """Move the decimal point `places` to the right, in text, so that no digit is lost."""
    moved = fraction.ljust(places, "0")
    return digits + moved[:places], moved[places:]


def _canonical(negative: bool, digits: str, fraction: str) -> str:
    """Return the canonical text of a sign, integer digits and fractional digits."""
    whole = digits.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    text = f"{whole}.{fraction}" if fraction else whole
    return "-" + text if negative and text != "0" else text


def _plain_text(plain: str) -> str:
    """Return the canonical text of a number in plain notation such as "-0012.500"."""
    negative = plain.startswith("-")
    whole, _, fraction = plain.lstrip("+-").partition(".")
    return _canonical(negative, whole, fraction)


def float_text(number: float) -> str:
    """Return the canonical text of a finite float rounded to 15 significant digits.

    Rounding can leave a subnormal float with digits its short repr has not; no table
    holds such numbers (Excel itself flushes them to zero), so they are left alone.
    """
    text = f"{number:.15g}"
    if math.isinf(float(text)):  # rounded up past the largest float: keep every digit
        text = repr(number)
    if "e" in text:
        text = format(Decimal(text), "f")
    return _plain_text(text)

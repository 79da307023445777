"""Number cells as they are found in tables typed by hand at statistics bureaus.

A cell is a Python number (read from Excel) or text. Text may carry thousands separators,
full-width characters, a % or ‰ sign, a footnote mark, a preliminary mark (初步, 预计, 快报,
"p") or a marker meaning "no figure" (—, …, x, NA ...). `parse_number` reads one cell and
`parse_numbers` a whole column with the same rules: it handles Python numbers and plain
numeric text with vectorised operations and hands every other cell to the scalar rules (a
property test holds the two to the same results).

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
from itertools import repeat
from typing import ClassVar

import numpy as np
import pandas as pd

from indicators.text.messages import bilingual
from ingest.cell_marks import (
    FOOTNOTE,
    MISSING_MARKERS,
    PRELIMINARY,
    TO_ASCII,
    clean,
    footnote_label,
)

# Cells longer than this (after trimming) are refused: no figure in a table needs more, and
# the limit keeps every accepted text within the range of a float.
MAX_CELL_LENGTH = 100

_STRING = np.dtypes.StringDType()

_CELL = re.compile(
    r"(?P<sign>[-+])?(?P<int>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.(?P<frac>[0-9]+))?"
    r"(?:\s*%)?"
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


@dataclass(frozen=True)
class NumberColumn:
    """A column of number cells, read; every series has the index of the input column."""

    text: pd.Series  # canonical text (object), None where missing or invalid
    value: pd.Series  # float64 of the canonical text, NaN where missing or invalid
    missing: pd.Series  # bool: the cell means "no figure"
    invalid: pd.Series  # bool: the cell is not a number (parse_number raises CellError)
    preliminary: pd.Series  # bool
    footnote: pd.Series  # object: the footnote mark removed from the cell, else None


_MISSING = ParsedNumber(text=None, footnote=None, preliminary=False)


def parse_number(raw: object) -> ParsedNumber:
    """Read one table cell as a number; raise `CellError` when it is none.

    Python numbers (from Excel) and text are both accepted; None, NaN and the markers in
    `MISSING_MARKERS` mean the table has no figure there, which is not an error.
    """
    parsed = _parse(raw)
    if parsed is None:
        raise CellError(str(raw))
    return parsed


def parse_numbers(raw: pd.Series) -> NumberColumn:
    """Read a whole column of cells with the rules of `parse_number`, fast.

    Plain numeric text ("12.3", "-4", "1,234.5%"), Python ints and floats and numeric dtypes
    go through vectorised operations; anything else is read by `parse_number`'s rules,
    once per distinct value. The results are the same as cell-by-cell reading.
    """
    out = _Output(len(raw))
    dtype = raw.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iuf":
        values = raw.to_numpy()
        everything = np.arange(len(values))
        if dtype.kind == "f":
            out.put_floats(everything, values.astype(np.float64))
        else:
            out.put_ints(everything, values.tolist())
    else:
        _read_objects(raw.to_numpy(dtype=object), out)
    index, name = raw.index, raw.name
    return NumberColumn(
        text=pd.Series(out.text, index=index, dtype=object, name=name),
        value=pd.Series(out.value, index=index, dtype=np.float64, name=name),
        missing=pd.Series(out.missing, index=index, dtype=bool, name=name),
        invalid=pd.Series(out.invalid, index=index, dtype=bool, name=name),
        preliminary=pd.Series(out.preliminary, index=index, dtype=bool, name=name),
        footnote=pd.Series(out.footnote, index=index, dtype=object, name=name))


# --- scalar rules ---------------------------------------------------------------------------


def _parse(raw: object) -> ParsedNumber | None:
    """Read one cell; None when it is not a number."""
    if isinstance(raw, str):
        return _parse_text(raw)
    if isinstance(raw, bool | np.bool_):
        return None
    if pd.api.types.is_scalar(raw) and pd.isna(raw):
        return _MISSING
    if isinstance(raw, int | np.integer):
        text = str(int(raw))
    elif isinstance(raw, float | np.floating):
        if not math.isfinite(raw):
            return None
        text = _float_text(float(raw))
    elif isinstance(raw, Decimal) and raw.is_finite():
        text = _plain_text(format(raw, "f"))
    else:
        return None
    if not math.isfinite(float(text)):  # an int or Decimal beyond the range of a float
        return None
    return ParsedNumber(text=text, footnote=None, preliminary=False)


def _parse_text(raw: str) -> ParsedNumber | None:
    cell = clean(raw)
    if cell.casefold() in MISSING_MARKERS:
        return _MISSING
    if len(cell) > MAX_CELL_LENGTH:
        return None
    match = _CELL.fullmatch(cell)
    if match is None or (match["pre"] and match["pre_after"]):
        return None
    digits = match["int"].replace(",", "")
    return ParsedNumber(text=_canonical(match["sign"] == "-", digits, match["frac"] or ""),
                        footnote=footnote_label(match["foot"]),
                        preliminary=bool(match["pre"] or match["pre_after"]))


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


def _float_text(number: float) -> str:
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


# --- vectorised reading -----------------------------------------------------------------------


class _Output:
    """The arrays of a `NumberColumn` being filled; untouched positions are invalid."""

    def __init__(self, size: int) -> None:
        self.text = np.full(size, None, dtype=object)
        self.value = np.full(size, np.nan)
        self.footnote = np.full(size, None, dtype=object)
        self.missing = np.zeros(size, dtype=bool)
        self.invalid = np.ones(size, dtype=bool)
        self.preliminary = np.zeros(size, dtype=bool)

    def put(self, positions: np.ndarray, texts: np.ndarray, values: np.ndarray) -> None:
        """Record plain numbers (no footnote, not preliminary) at the positions."""
        self.text[positions] = texts
        self.value[positions] = values
        self.invalid[positions] = False

    def put_ints(self, positions: np.ndarray, numbers: list[int]) -> None:
        """Record Python ints at the positions."""
        texts = np.array([str(number) for number in numbers], dtype=object)
        values = texts.astype(_STRING).astype(np.float64)
        fits = np.isfinite(values)  # larger ints are invalid, as in `_parse`
        self.put(positions[fits], texts[fits], values[fits])

    def put_floats(self, positions: np.ndarray, numbers: np.ndarray) -> None:
        """Record floats at the positions: NaN means missing, ±inf is invalid."""
        nan = np.isnan(numbers)
        self.missing[positions[nan]] = True
        self.invalid[positions[nan]] = False
        finite = np.isfinite(numbers)
        texts, values = _float_texts(numbers[finite])
        self.put(positions[finite], texts, values)

    def put_parsed(self, positions: np.ndarray, parsed: list[ParsedNumber | None],
                   codes: np.ndarray) -> None:
        """Record cells read by the scalar rules: position i holds parsed[codes[i]]."""
        valid = np.array([item is not None for item in parsed], dtype=bool)
        missing = np.array([item is not None and item.text is None for item in parsed],
                           dtype=bool)
        texts = np.array([item.text if item else None for item in parsed], dtype=object)
        values = np.array([float(text) if text else np.nan for text in texts.tolist()])
        footnotes = np.array([item.footnote if item else None for item in parsed],
                             dtype=object)
        preliminary = np.array([bool(item and item.preliminary) for item in parsed],
                               dtype=bool)
        self.invalid[positions] = ~valid[codes]
        self.missing[positions] = missing[codes]
        self.text[positions] = texts[codes]
        self.value[positions] = values[codes]
        self.footnote[positions] = footnotes[codes]
        self.preliminary[positions] = preliminary[codes]


# Kinds of cell object, told apart in one pass over a column.
_STR, _FLOAT, _INT, _NONE, _OTHER = range(5)
_KINDS: dict[type, int] = {str: _STR, float: _FLOAT, int: _INT, type(None): _NONE}


def _read_objects(values: np.ndarray, out: _Output) -> None:
    """Fill `out` from an object array: strs, ints and floats in bulk, the rest by rules."""
    kinds = np.fromiter(map(_KINDS.get, map(type, values), repeat(_OTHER)), dtype=np.int8,
                        count=len(values))
    where = np.flatnonzero(kinds == _NONE)
    out.missing[where] = True
    out.invalid[where] = False
    where = np.flatnonzero(kinds == _FLOAT)
    if where.size:
        out.put_floats(where, values[where].astype(np.float64))
    where = np.flatnonzero(kinds == _INT)
    if where.size:
        out.put_ints(where, values[where].tolist())
    where = np.flatnonzero(kinds == _STR)
    if where.size:
        _read_strings(where, values[where], out)
    where = np.flatnonzero(kinds == _OTHER)
    if where.size:
        codes, distinct = _distinct(values[where])
        out.put_parsed(where, [_parse(value) for value in distinct], codes)


def _distinct(values: np.ndarray) -> tuple[np.ndarray, list[object]]:
    """Return codes and distinct values (equal values of different types kept apart)."""
    seen: dict[tuple[type, object], int] = {}
    distinct: list[object] = []
    codes = np.empty(len(values), dtype=np.intp)
    for at, value in enumerate(values.tolist()):
        try:
            key = (type(value), value)
            code = seen.setdefault(key, len(distinct))
        except TypeError:  # unhashable: never a number, read on its own
            code = len(distinct)
        if code == len(distinct):
            distinct.append(value)
        codes[at] = code
    return codes, distinct


def _read_strings(positions: np.ndarray, cells: np.ndarray, out: _Output) -> None:
    """Fill `out` from str cells: plain numbers vectorised, the rest once per distinct text."""
    ascii_only = np.fromiter(map(str.isascii, cells), dtype=bool, count=len(cells))
    wide = np.flatnonzero(~ascii_only)
    if wide.size:
        cells[wide] = [cell.translate(TO_ASCII) for cell in cells[wide].tolist()]
    cells = np.array(list(map(str.strip, cells)), dtype=object)
    ascii_only[wide] = np.fromiter(map(str.isascii, cells[wide]), dtype=bool,
                                   count=len(wide))
    plain, texts, numbers = _plain_numbers(cells, ascii_only)
    out.put(positions[plain], texts[plain], numbers[plain])
    # Cleaning is idempotent, so reading the cleaned text reads the raw cell.
    codes, distinct = pd.factorize(cells[~plain])
    out.put_parsed(positions[~plain], [_parse_text(cell) for cell in distinct], codes)


def _plain_numbers(cells: np.ndarray, ascii_only: np.ndarray,
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return which cleaned cells are plain numbers, their canonical texts and values.

    Plain: optional "-", digits with or without correct thousands grouping, optional
    ".digits", optional "%", all ASCII; `_CELL` reads every plain cell the same way. Texts
    and values are meaningless where a cell is not plain.
    """
    strings = np.strings
    array = cells.astype(_STRING)
    length = strings.str_len(array)
    negative = strings.startswith(array, "-")
    percent = strings.endswith(array, "%")
    body = strings.slice(array, negative.astype(np.intp), length - percent)
    whole, dot, fraction = strings.partition(body, np.array(".", dtype=_STRING))
    commas = strings.count(whole, ",")
    grouped = commas > 0
    digits = whole
    if grouped.any():
        digits = whole.copy()
        digits[grouped] = strings.replace(whole[grouped], ",", "")
    has_dot = strings.str_len(dot) > 0
    plain = (ascii_only & (length <= MAX_CELL_LENGTH) & strings.isdecimal(digits)
             & (~has_dot | strings.isdecimal(fraction)))
    if grouped.any():
        plain[grouped] &= _well_grouped(whole[grouped], commas[grouped])
    leading_zero = strings.startswith(digits, "0")
    redundant_zero = leading_zero & (negative | (strings.str_len(digits) > 1))
    change = plain & (grouped | percent | redundant_zero
                      | (has_dot & strings.endswith(fraction, "0")))
    texts = cells.copy()
    canonical = array
    if change.any():
        at = np.flatnonzero(change)
        fixed = _canonical_texts(negative[at], digits[at], fraction[at])
        texts[at] = fixed.astype(object)
        canonical = array.copy()
        canonical[at] = fixed
    numbers = np.full(len(cells), np.nan)
    numbers[plain] = canonical[plain].astype(np.float64)
    return plain, texts, numbers


def _canonical_texts(negative: np.ndarray, digits: np.ndarray, fraction: np.ndarray,
                     ) -> np.ndarray:
    """Vectorised `_canonical`."""
    strings = np.strings
    texts = strings.lstrip(digits, "0")
    texts[strings.str_len(texts) == 0] = "0"
    fraction = strings.rstrip(fraction, "0")
    has_fraction = strings.str_len(fraction) > 0
    texts[has_fraction] = strings.add(strings.add(texts[has_fraction], "."),
                                      fraction[has_fraction])
    signed = negative & (texts != "0")
    texts[signed] = strings.add("-", texts[signed])
    return texts


def _well_grouped(whole: np.ndarray, commas: np.ndarray) -> np.ndarray:
    """Return which integer parts put their commas before each group of three digits."""
    length = np.strings.str_len(whole)
    first = length - 4 * commas
    ok = (first >= 1) & (first <= 3)
    for group in range(1, int(commas.max(initial=0)) + 1):
        check = commas >= group
        at = np.where(check, length - 4 * group, 0).clip(0)
        ok &= ~check | (np.strings.slice(whole, at, at + 1) == ",")
    return ok


# Decimal places tried by the vectorised float formatting before falling back to `_float_text`.
_FLOAT_PLACES = 10


def _float_texts(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return `_float_text` of each finite float, and the float of that text.

    A float equal to m / 10**d (m an integer below 10**15) is, to 15 significant digits,
    the decimal m·10⁻ᵈ: no other decimal that short lies within half an ulp of it. The
    smallest such d gives the text without trailing zeros, and the float itself is the
    value of that text. Floats no small d fits are formatted one by one.
    """
    texts = np.full(len(numbers), None, dtype=object)
    values = numbers.copy()
    negative = numbers < 0
    size = np.abs(numbers)
    pending = size < 1e15
    for places in range(_FLOAT_PLACES):
        at = np.flatnonzero(pending)
        if at.size == 0:
            break
        scale = 10.0 ** places
        scaled = np.rint(size[at] * scale)
        fits = (scaled < 1e15) & (scaled / scale == size[at])
        at = at[fits]
        texts[at] = _scaled_texts(scaled[fits].astype(np.int64), places,
                                  negative[at]).astype(object)
        pending[at] = False
    pending |= size >= 1e15
    for at in np.flatnonzero(pending).tolist():
        text = _float_text(float(numbers[at]))
        texts[at] = text
        values[at] = float(text)
    return texts, values


def _scaled_texts(scaled: np.ndarray, places: int, negative: np.ndarray) -> np.ndarray:
    """Return the texts of scaled / 10**places, for non-negative integers `scaled`."""
    strings = np.strings
    texts = scaled.astype(_STRING)
    if places:
        texts = strings.zfill(texts, places + 1)
        cut = strings.str_len(texts) - places
        texts = strings.add(strings.add(strings.slice(texts, 0, cut), "."),
                            strings.slice(texts, cut, None))
    return np.where(negative, strings.add("-", texts), texts)

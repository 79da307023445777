"""A whole column of number cells, read fast with the rules of one cell.

`parse_numbers` reads Python numbers and plain numeric text ("12.3", "-4", "1,234.5%") with
vectorised NumPy string and float operations, and hands every other cell, once per distinct
value, to the scalar rules of `ingest.cells.number_cell`, which stay the reference: a property test
holds the two to the same results. The validation step reads the value column this way.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np
import pandas as pd

from ingest.cells.cell_marks import TO_ASCII
from ingest.cells.number_cell import (
    MAX_CELL_LENGTH,
    ParsedNumber,
    float_text,
    parse_cell,
    parse_cell_text,
)

__all__ = ["NumberColumn", "parse_numbers"]

_STRING = np.dtypes.StringDType()


@dataclass(frozen=True)
class NumberColumn:
    """A column of number cells, read; every series has the index of the input column."""

    text: pd.Series  # canonical text (object), None where missing or invalid
    value: pd.Series  # float64 of the canonical text, NaN where missing or invalid
    missing: pd.Series  # bool: the cell means "no figure"
    invalid: pd.Series  # bool: the cell is not a number (parse_number raises CellError)
    preliminary: pd.Series  # bool
    footnote: pd.Series  # object: the footnote mark removed from the cell, else None


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
        fits = np.isfinite(values)  # larger ints are invalid, as in `parse_cell`
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
        out.put_parsed(where, [parse_cell(value) for value in distinct], codes)


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
    if "\x00" in "".join(cells.tolist()):  # pandas' hashing stops at NUL: "\x00:" == ""
        cells = np.array([cell.replace("\x00", "").strip() for cell in cells.tolist()],
                         dtype=object)
    ascii_only[wide] = np.fromiter(map(str.isascii, cells[wide]), dtype=bool,
                                   count=len(wide))
    plain, texts, numbers = _plain_numbers(cells, ascii_only)
    out.put(positions[plain], texts[plain], numbers[plain])
    # Cleaning is idempotent, so reading the cleaned text reads the raw cell.
    codes, distinct = pd.factorize(cells[~plain])
    out.put_parsed(positions[~plain], [parse_cell_text(cell) for cell in distinct], codes)


def _plain_numbers(cells: np.ndarray, ascii_only: np.ndarray,
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return which cleaned cells are plain numbers, their canonical texts and values.

    Plain: optional "-", digits with or without correct thousands grouping, optional
    ".digits", optional "%", all ASCII; `parse_cell_text` reads every plain cell the same way.
    Texts and values are meaningless where a cell is not plain.
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
    """The canonical texts of `ingest.cells.number_cell`, vectorised."""
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


# Decimal places tried by the vectorised float formatting before falling back to `float_text`.
_FLOAT_PLACES = 10


def _float_texts(numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return `float_text` of each finite float, and the float of that text.

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
        text = float_text(float(numbers[at]))
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

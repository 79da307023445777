from __future__ import annotations

import math
import re
import sys
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.text.messages import MESSAGES
from ingest.cells.number_cell import CellError, ParsedNumber, parse_number
from ingest.cells.number_column import parse_numbers

_FULL_WIDTH = str.maketrans({chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)})
_CANONICAL = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?")
_PRELIMINARY = ["(初步)", "（初步）", "(预计)", "（预计）", "(快报)", "初步", "p"]
_FOOTNOTES = {"*": "*", "†": "†", "a": "a", "b": "b", "c": "c", "①": "①", "⑤": "⑤",
              "⑩": "⑩", "(注1)": "注1", "（注12）": "注12"}
_MISSING = ["", "—", "——", "…", "……", "...", "-", "--", "/", "x", "X", "NA", "n.a.", "N/A",
            "无", "－", "　", " — "]


def _canonical(value: Decimal) -> str:
    """The expected canonical text, by way of Decimal rather than the code's string rules."""
    return "0" if value == 0 else format(value.normalize(), "f")


@st.composite
def typed_numbers(draw: st.DrawFn) -> tuple[str, ParsedNumber, Decimal]:
    """A number as typed into a table, with what it should read as and its exact value."""
    sign = draw(st.sampled_from(["", "", "-"]))
    whole = draw(st.integers(0, 10**13))
    places = draw(st.integers(0, 6))
    fraction = f"{draw(st.integers(0, 10**places - 1)):0{places}d}" if places else ""
    if draw(st.booleans()):
        digits = f"{whole:,}"
    else:
        digits = draw(st.sampled_from(["", "", "0"])) + str(whole)
    number = sign + digits + ("." + fraction if places else "")
    value = Decimal(number.replace(",", ""))
    unit = draw(st.sampled_from(["", "", "%", "‰", " %"]))
    preliminary = draw(st.sampled_from(["", "", *_PRELIMINARY]))
    footnote = draw(st.sampled_from(["", "", *_FOOTNOTES]))
    marks = preliminary + footnote if draw(st.booleans()) else footnote + preliminary
    text = number + unit + marks
    if draw(st.booleans()):
        text = text.translate(_FULL_WIDTH)
    pad = st.sampled_from(["", "", " ", "\u00a0", "\u3000", "\t"])
    text = draw(pad) + text + draw(pad)
    expected = ParsedNumber(text=_canonical(value), footnote=_FOOTNOTES.get(footnote),
                            preliminary=bool(preliminary))
    return text, expected, value


_junk = st.text(st.sampled_from(list("0123456789.,-+%‰*†abcepx()（）注初步约①—…/ ０．，－")),
                max_size=14)
_cells = st.one_of(
    typed_numbers().map(lambda typed: typed[0]),
    _junk,
    st.sampled_from(_MISSING),
    st.floats(),
    st.floats(min_value=-1e7, max_value=1e7).map(lambda x: round(x, 2)),
    st.integers(-(10**20), 10**20),
    st.integers(10**308, 10**309),
    st.decimals(allow_nan=False, places=3),
    st.sampled_from([None, True, False, np.nan, pd.NA, np.float64(2.5), np.int64(7),
                     Decimal("NaN"), Decimal("Infinity"), ["1"], object()]),
)


def _assert_column_matches_cells(series: pd.Series) -> None:
    column = parse_numbers(series)
    for position, (label, cell) in enumerate(series.items()):
        try:
            expected = parse_number(cell)
        except CellError:
            expected = None
        assert column.invalid.iloc[position] == (expected is None), cell
        assert column.missing.iloc[position] == (expected is not None
                                                 and expected.text is None), cell
        text = column.text.loc[label]
        value = column.value.loc[label]
        if expected is None or expected.text is None:
            assert text is None and math.isnan(value), cell
            assert column.footnote.loc[label] is None and not column.preliminary.loc[label]
            continue
        assert text == expected.text, cell
        assert value == float(expected.text), cell
        assert column.footnote.loc[label] == expected.footnote, cell
        assert column.preliminary.loc[label] == expected.preliminary, cell


@given(typed_numbers())
def test_a_typed_number_reads_as_its_value(typed: tuple[str, ParsedNumber, Decimal]) -> None:
    """Separators, full-width forms, %, marks and spaces never change the number read."""
    text, expected, value = typed
    parsed = parse_number(text)
    assert parsed == expected
    assert parsed.text is not None
    assert Decimal(parsed.text) == value
    assert _CANONICAL.fullmatch(parsed.text) and parsed.text != "-0"


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_an_excel_float_reads_as_what_excel_shows(number: float) -> None:
    """Excel keeps 15 significant digits: the text is the float to 15 digits, no artefacts,
    and a float that came from a short decimal reads back as exactly that decimal."""
    parsed = parse_number(number)
    assert parsed.text is not None
    assert _CANONICAL.fullmatch(parsed.text) and parsed.text != "-0"
    shown = f"{number:.15g}"
    if math.isinf(float(shown)):  # 15 digits would round past the largest float
        shown = repr(number)
    assert Decimal(parsed.text) == Decimal(shown)
    assert math.isfinite(float(parsed.text))
    normal = number == 0 or abs(number) >= sys.float_info.min
    if normal and len(Decimal(repr(number)).as_tuple().digits) <= 15:
        assert Decimal(parsed.text) == Decimal(repr(number))
        assert float(parsed.text) == number


@given(st.lists(_cells, max_size=30), st.booleans())
def test_the_column_reader_agrees_with_the_cell_reader(cells: list[object],
                                                       shuffled_index: bool) -> None:
    """parse_numbers takes shortcuts for speed; it must never read a cell differently."""
    index = pd.RangeIndex(len(cells))[::-1] if shuffled_index else None
    _assert_column_matches_cells(pd.Series(cells, dtype=object, index=index))


@given(st.lists(st.floats(), max_size=30))
def test_a_float_column_agrees_with_the_cell_reader(numbers: list[float]) -> None:
    """A column Excel read as float64 goes through its own fast path."""
    _assert_column_matches_cells(pd.Series(numbers, dtype=np.float64))


@given(st.lists(st.integers(-(2**63), 2**63 - 1), max_size=30))
def test_an_int_column_agrees_with_the_cell_reader(numbers: list[int]) -> None:
    _assert_column_matches_cells(pd.Series(numbers, dtype=np.int64))


@pytest.mark.parametrize("cell, text", [
    (12.3, "12.3"), (1000.0, "1000"), (0.1 + 0.2, "0.3"), (-0.0, "0"),
    (1e20, "100000000000000000000"), (1.5e-7, "0.00000015"), (1234, "1234"),
    (np.float64(2.5), "2.5"), (np.int64(-7), "-7"), (Decimal("12.30"), "12.3"),
    ("12.3", "12.3"), ("-2.0", "-2"), ("－2.0", "-2"), ("−2.0", "-2"), ("+2.5", "2.5"),
    ("1,234.5", "1234.5"), ("1，234.5", "1234.5"), ("12,345,678", "12345678"),
    ("１２３．４", "123.4"), ("１，２３４", "1234"), ("  12.3 ", "12.3"),
    ("\u00a012.3\u00a0", "12.3"), ("\u300012.3", "12.3"), ("12.3%", "12.3"),
    ("12.3％", "12.3"), ("1.5‰", "1.5"),
    ("007", "7"), ("0.50", "0.5"), ("-0", "0"), ("-0.00", "0"), ("0", "0"),
])
def test_numbers_found_in_real_tables(cell: object, text: str) -> None:
    assert parse_number(cell) == ParsedNumber(text=text, footnote=None, preliminary=False)


@pytest.mark.parametrize("cell, text, footnote, preliminary", [
    ("12.3*", "12.3", "*", False), ("12.3①", "12.3", "①", False),
    ("12.3⑩", "12.3", "⑩", False), ("12.3†", "12.3", "†", False),
    ("12.3(注1)", "12.3", "注1", False), ("12.3（注1）", "12.3", "注1", False),
    ("12.3a", "12.3", "a", False), ("12.3 b", "12.3", "b", False), ("12.3c", "12.3", "c", False),
    ("12.3(初步)", "12.3", None, True), ("12.3（预计）", "12.3", None, True),
    ("12.3(快报)", "12.3", None, True), ("12.3p", "12.3", None, True),
    ("12.3ｐ", "12.3", None, True), ("12.3%p", "12.3", None, True),
    ("12.3(初步)①", "12.3", "①", True), ("12.3*(预计)", "12.3", "*", True),
])
def test_marks_are_taken_off_and_kept(cell: str, text: str, footnote: str | None,
                                      preliminary: bool) -> None:
    assert parse_number(cell) == ParsedNumber(text=text, footnote=footnote,
                                              preliminary=preliminary)


@pytest.mark.parametrize("cell", [*_MISSING, None, float("nan"), np.nan, pd.NA, pd.NaT])
def test_missing_markers_mean_no_figure(cell: object) -> None:
    assert parse_number(cell) == ParsedNumber(text=None, footnote=None, preliminary=False)


@pytest.mark.parametrize("cell", [
    "约12", "12-13", "12.3.4", "abc", "(2.0)", "（2.0）", "1.2e5", "1E3", "12,34", "1,2345",
    ",123", "12.", ".5", "- 2", "--2", "2-", "12.3**", "12.3d", "12.3pp", "12.3(初步)(预计)",
    "p12.3", "*12.3", "12.3(注)", "12.3(2)", "%", "12%%", "12.3x", "inf", "nan", "NaN1",
    "1" * 101, "١٢", True, False, np.True_, float("inf"), float("-inf"), Decimal("Infinity"),
    10**400, ["1"], object(),
])
def test_anything_else_is_not_a_number(cell: object) -> None:
    with pytest.raises(CellError) as error:
        parse_number(cell)
    assert error.value.key == "cell.not_a_number"
    assert error.value.suggestion == "cell.suggest_number"
    assert error.value.values == {"raw": str(cell)}


def test_the_error_names_the_cell_in_both_languages() -> None:
    """The bureau sees the message: it quotes the cell and is in the catalogue."""
    with pytest.raises(CellError) as error:
        parse_number("约12")
    assert error.value.key in MESSAGES and error.value.suggestion in MESSAGES
    assert "“约12”" in str(error.value)
    assert "Not a number" in str(error.value)


def test_a_column_keeps_its_index_and_reports_each_cell() -> None:
    series = pd.Series(["1,234.5", "—", "12.3(初步)", "约12", 7, 0.5, None, "3①"],
                       index=list("abcdefgh"), name="gdp", dtype=object)
    column = parse_numbers(series)
    assert column.text.tolist() == ["1234.5", None, "12.3", None, "7", "0.5", None, "3"]
    assert column.value.dtype == np.float64
    assert column.value.iloc[[0, 2, 4, 5, 7]].tolist() == [1234.5, 12.3, 7.0, 0.5, 3.0]
    assert column.missing.tolist() == [False, True, False, False, False, False, True, False]
    assert column.invalid.tolist() == [False, False, False, True, False, False, False, False]
    assert column.preliminary.tolist() == [False, False, True, False, False, False, False,
                                           False]
    assert column.footnote.tolist() == [None, None, None, None, None, None, None, "①"]
    for part in (column.text, column.value, column.missing, column.invalid,
                 column.preliminary, column.footnote):
        assert part.index.equals(series.index) and part.name == "gdp"


def test_an_empty_column() -> None:
    column = parse_numbers(pd.Series([], dtype=object))
    assert len(column.text) == len(column.value) == len(column.invalid) == 0

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from indicators.data.records import spreadsheet_safe
from indicators.text.numbers import plain_number

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@given(st.text())
def test_no_exported_text_can_start_a_formula(cell: str) -> None:
    safe = spreadsheet_safe(cell)
    assert isinstance(safe, str)
    if safe.startswith(FORMULA_START):
        Decimal(safe)  # only a plain number may keep its sign
    if not cell.startswith(FORMULA_START):
        assert safe == cell


def test_negative_numbers_and_formulas() -> None:
    assert spreadsheet_safe("-17") == "-17"
    assert spreadsheet_safe("=SUM(A1:A3)") == "'=SUM(A1:A3)"
    assert spreadsheet_safe("@cmd") == "'@cmd"
    assert spreadsheet_safe(2015) == 2015


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4,
                   min_value=-10**9, max_value=10**9))
def test_plain_numbers_keep_their_value(value: Decimal) -> None:
    text = plain_number(value)
    assert text is not None and Decimal(text) == value
    assert "E" not in text

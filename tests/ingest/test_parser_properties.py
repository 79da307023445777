"""Properties of the period and number parsers over the ways bureaus write them (issue 12).

tests/ingest/test_period_text.py and test_cells.py hold the older properties (codes, dashes,
full-width forms, separators, marks); these add what a clerk's files showed besides: years
in Chinese numerals (二〇二四年), months in words (十二月, 元月), 前三季度 / 上半年 / 全年,
quarter-end stocks (三季度末), scale words after a number (1.2万, 3亿), and the rule that a
parser raises only its own error, whatever the cell holds.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.periods import Period, PeriodKind
from indicators.text.messages import MESSAGES
from ingest.cells.number_cell import SCALES, CellError, ParsedNumber, parse_cell, parse_number
from ingest.cells.number_column import parse_numbers
from ingest.cells.period_text import PeriodTextError, parse_period_text, year_in_text

_DIGIT_WORDS = "〇一二三四五六七八九"
_ZERO_SPELLINGS = ("〇", "零", "○")  # ○ (U+25CB) is what many typists pick for 〇
_SMALL = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九",
          10: "十", 11: "十一", 12: "十二"}
_DASHES = ("-", "—", "－", "～", "~", "至", "——", "–")
_FULL = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def chinese_year(year: int, zero: str = "〇") -> str:
    """2024 → 二〇二四, digit by digit, as formal documents and some titles write years."""
    return "".join(zero if d == "0" else _DIGIT_WORDS[int(d)] for d in str(year))


_KINDS_MAX = {PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12,
              PeriodKind.YEAR_TO_DATE: 12}


@st.composite
def periods(draw: st.DrawFn) -> Period:
    year = draw(st.integers(1949, 2100))
    kind = draw(st.sampled_from(list(PeriodKind)))
    number = 0 if kind is PeriodKind.YEAR else draw(st.integers(1, _KINDS_MAX[kind]))
    return Period(year=year, kind=kind, number=number)


def part_of_year(period: Period) -> list[str]:
    """Every bureau spelling of the part of the year (without the year)."""
    n = period.number
    match period.kind:
        case PeriodKind.YEAR:
            return ["", "全年", "年末", "年底", "度"]
        case PeriodKind.HALF:
            half = "上" if n == 1 else "下"
            return [f"{half}半年", f"{half}半年累计"]
        case PeriodKind.QUARTER:
            return [f"{_SMALL[n]}季度", f"第{_SMALL[n]}季度", f"{n}季度", f"第{n}季度",
                    f"{_SMALL[n]}季度末", f"第{n}季度末"]
        case PeriodKind.MONTH:
            words = [f"{n}月", f"{n:02d}月", f"{_SMALL[n]}月", f"{_SMALL[n]}月份", f"{n}月末"]
            return words + (["元月"] if n == 1 else [])
        case _:
            spans = [f"1{d}{n}月" for d in _DASHES] + [f"一{d}{_SMALL[n]}月" for d in _DASHES]
            spans += [f"1-{n}月累计", f"1-{n}月份"]
            if n % 3 == 0:
                q = n // 3
                spans += [f"前{_SMALL[q]}季度", f"前{q}季度", f"一至{_SMALL[q]}季度",
                          f"前{_SMALL[q]}季度累计"]
            return spans


@given(st.data(), periods())
def test_a_year_in_chinese_numerals_reads_as_the_year(data: st.DataObject,
                                                      period: Period) -> None:
    """二〇二四年一季度 and 2024年一季度 are the same period, whatever stands for zero."""
    zero = data.draw(st.sampled_from(_ZERO_SPELLINGS))
    part = data.draw(st.sampled_from(part_of_year(period)))
    label = f"{chinese_year(period.year, zero)}年{part}"
    assert parse_period_text(label) == period
    assert parse_period_text(label, year=1999) == period  # the label's own year wins
    assert year_in_text(f"淄博市{label}主要经济指标") == period.year


@given(st.data(), periods())
def test_every_bureau_spelling_round_trips(data: st.DataObject, period: Period) -> None:
    """Format a period in any bureau style, parse it, get the period back; then its code
    (the canonical form) parses to itself, so reading is idempotent on canonical forms."""
    part = data.draw(st.sampled_from(part_of_year(period)))
    label = f"{period.year}年{part}"
    if data.draw(st.booleans()):
        label = label.translate(_FULL)
    if data.draw(st.booleans()):
        label = " ".join(label)
    parsed = parse_period_text(label)
    assert parsed == period
    assert parse_period_text(parsed.code) == parsed
    assert parse_period_text(parse_period_text(parsed.code).code) == parsed


@given(st.data(), periods())
def test_a_label_without_year_takes_the_title_year(data: st.DataObject, period: Period) -> None:
    """A wide sheet headed 1—9月 under a title 二〇二四年… reads the title's year."""
    part = data.draw(st.sampled_from([p for p in part_of_year(period)
                                      if p not in ("", "度", "年末", "年底")]))
    title = f"淄博市{chinese_year(period.year)}年主要经济指标"
    assert parse_period_text(part, year=year_in_text(title)) == period
    with pytest.raises(PeriodTextError) as error:
        parse_period_text(part)
    assert error.value.key == "period.needs_year"


_LABEL_ALPHABET = st.sampled_from([*"0123456789年月季度半上下前全末底累计至元第份Q-—～",
                                   *"〇零○一二三四五六七八九十 ", "\u3000", "２", "Ｑ"])


@given(st.one_of(st.text(max_size=20), st.text(_LABEL_ALPHABET, max_size=14),
                 st.integers(), st.floats(), st.none(), st.booleans(),
                 st.decimals(allow_nan=True)),
       st.none() | st.integers(1900, 2200))
def test_the_period_parser_raises_only_its_own_error(raw: object, year: int | None) -> None:
    """Whatever a cell holds, the answer is a Period or a PeriodTextError with a message."""
    try:
        period = parse_period_text(raw, year=year)
    except PeriodTextError as error:
        assert error.key in MESSAGES and error.suggestion in MESSAGES
        return
    assert parse_period_text(period.code) == period


@pytest.mark.parametrize("label, code", [
    ("二〇二四年", "2024"), ("二零二四年1-9月", "2024YTD09"), ("二○二四年 一季度", "2024Q1"),
    ("二〇二四年元月", "2024M01"), ("2024年元月", "2024M01"), ("2024年十二月", "2024M12"),
    ("2024年第三季度末", "2024Q3"), ("2024年上半年累计", "2024H1"), ("一九九九年", "1999"),
])
def test_regressions_found_by_these_properties(label: str, code: str) -> None:
    """Each was refused as unrecognised before the fix that came with this file."""
    assert parse_period_text(label).code == code


@pytest.mark.parametrize("title, year", [
    ("二〇二四年1-9月主要经济指标", 2024), ("二〇二四—二〇二五年", None), ("一二三四年", None),
])
def test_a_title_year_in_chinese_numerals(title: str, year: int | None) -> None:
    assert year_in_text(title) == year


# Numbers ---------------------------------------------------------------------------------

_DECIMALS = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=4,
                        allow_nan=False, allow_infinity=False)


def grouped(digits: str) -> str:
    """1234567 → 1,234,567, as Excel's 千位分隔符 format writes it."""
    head = len(digits) % 3 or 3
    return ",".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


@st.composite
def written_numbers(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A number as a clerk types it, and its value: sign, separators, full width, scale."""
    value = draw(_DECIMALS)
    whole, _, fraction = format(abs(value), "f").partition(".")
    body = grouped(whole) if draw(st.booleans()) else whole
    if fraction.rstrip("0"):
        body += "." + fraction
    sign = ("-" if value < 0 else "") or draw(st.sampled_from(["", "+"]))
    if value < 0:
        sign = draw(st.sampled_from(["-", "－", "\u2212"]))
    scale = draw(st.sampled_from(["", "", *SCALES]))
    text = sign + body + draw(st.sampled_from(["", " "])) * bool(scale) + scale
    if not scale:
        text += draw(st.sampled_from(["", "%", "％"]))
    if draw(st.booleans()):
        text = text.translate(_FULL)
    factor = Decimal(10) ** SCALES[scale] if scale else Decimal(1)
    return draw(st.sampled_from(["", " ", "\u3000"])) + text, value * factor


@given(written_numbers())
def test_a_written_number_reads_as_its_value(written: tuple[str, Decimal]) -> None:
    """Round trip: whatever style the clerk typed, the value read is the value meant,
    exactly (万 and 亿 move the decimal point in text, no float rounding)."""
    text, value = written
    parsed = parse_number(text)
    assert parsed.text is not None and Decimal(parsed.text) == value
    assert parse_number(parsed.text) == ParsedNumber(text=parsed.text, footnote=None,
                                                     preliminary=False)  # idempotent


@given(st.lists(st.one_of(written_numbers().map(lambda w: w[0]), st.text(max_size=8),
                          st.sampled_from(["1.2万", "3亿", "-1.5万", "1,200万", "△5", "万",
                                           "1.2万%", "12.3万*", "3亿(初步)"])),
                max_size=20))
def test_the_column_reader_reads_scales_as_the_cell_reader(cells: list[str]) -> None:
    """The validation step reads whole columns (ingest.cells.number_column): a scale word must
    read the same there as cell by cell."""
    column = parse_numbers(pd.Series(cells, dtype=object))
    for position, cell in enumerate(cells):
        expected = parse_cell(cell)
        assert column.invalid.iloc[position] == (expected is None), cell
        if expected is not None and expected.text is not None:
            assert column.text.iloc[position] == expected.text, cell


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(),
                 st.decimals(), st.booleans(), st.binary(max_size=5)))
def test_the_number_parser_raises_only_its_own_error(raw: object) -> None:
    try:
        parse_number(raw)
    except CellError as error:
        assert error.key in MESSAGES and error.suggestion in MESSAGES


@pytest.mark.parametrize("cell, text", [
    ("1.2万", "12000"), ("3亿", "300000000"), ("1.2万亿", "1200000000000"),
    ("１．２万", "12000"), ("-1.5万", "-15000"), ("1,200万", "12000000"),
    ("0.00001万", "0.1"), ("12.3456789万", "123456.789"), ("1.2 万", "12000"),
])
def test_scale_words_regressions(cell: str, text: str) -> None:
    """Each was refused as not a number before the fix that came with this file."""
    assert parse_number(cell).text == text


@pytest.mark.parametrize("cell", ["△5", "▲5", "(5)", "万", "1.2万%", "1.2万元", "1.2w"])
def test_signs_and_scales_that_are_not_guessed(cell: str) -> None:
    """△ is a minus in Japanese accounts but a mark of change in some Chinese tables;
    rather than guess, the cell is refused and the clerk asked to write a number."""
    with pytest.raises(CellError):
        parse_number(cell)


def test_a_signalling_nan_decimal_is_a_missing_figure_not_a_crash() -> None:
    """Found by the property above: Decimal('sNaN') made pandas raise InvalidOperation.
    It is read as a NaN is, a missing figure."""
    assert parse_number(Decimal("sNaN")) == ParsedNumber(text=None, footnote=None,
                                                         preliminary=False)

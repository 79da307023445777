from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.periods import Period, PeriodKind
from indicators.text.messages import MESSAGES
from ingest.cells.period_text import PeriodTextError, parse_period_text, year_in_text

_MAX = {PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12,
        PeriodKind.YEAR_TO_DATE: 12}
_CHINESE = {1: "一", 2: "二", 3: "三", 4: "四"}
_RANGES = ["-", "–", "—", "——", "～", "~", "至", "〜"]
_FULL_WIDTH = str.maketrans({chr(code): chr(code + 0xFEE0) for code in range(0x21, 0x7F)})


_ANY_YEAR = st.integers(1900, 2200)  # every year a Period allows


@st.composite
def periods(draw: st.DrawFn, years: st.SearchStrategy[int] = _ANY_YEAR) -> Period:
    year = draw(years)
    kind = draw(st.sampled_from(list(PeriodKind)))
    number = 0 if kind is PeriodKind.YEAR else draw(st.integers(1, _MAX[kind]))
    return Period(year=year, kind=kind, number=number)


def _yearless(period: Period) -> list[str]:
    """Chinese labels of the part of the year, as written under a title that gives the year."""
    n = period.number
    match period.kind:
        case PeriodKind.YEAR:
            return ["全年", "年末", "年底"]
        case PeriodKind.HALF:
            return ["上半年" if n == 1 else "下半年"]
        case PeriodKind.QUARTER:
            return [f"{_CHINESE[n]}季度", f"第{_CHINESE[n]}季度", f"{n}季度", f"第{n}季度"]
        case PeriodKind.MONTH:
            return [f"{n}月", f"{n:02d}月", f"{n}月份"]
        case PeriodKind.YEAR_TO_DATE:
            labels = [f"1{dash}{n}月" for dash in _RANGES] + [f"1月{dash}{n}月" for dash in _RANGES]
            if n % 3 == 0:
                labels += [f"前{_CHINESE[n // 3]}季度", f"1-{n // 3}季度",
                           f"一至{_CHINESE[n // 3]}季度"]
            return labels


def _with_year(period: Period) -> list[str]:
    """Labels that carry their year, Chinese and code-like."""
    y, n = period.year, period.number
    labels = [f"{y}年{part}" for part in _yearless(period) if not part.startswith("年")]
    match period.kind:
        case PeriodKind.YEAR:
            labels += [f"{y}", f"{y}年", f"{y}年度"]
        case PeriodKind.HALF:
            labels += [f"{y}H{n}", f"{y}h{n}"]
        case PeriodKind.QUARTER:
            labels += [f"{y}Q{n}", f"{y}q{n}", f"{y}-Q{n}"]
        case PeriodKind.MONTH:
            labels += [f"{y}-{n:02d}", f"{y}.{n:02d}", f"{y}/{n}", f"{y}M{n}", f"{y}M{n:02d}"]
        case PeriodKind.YEAR_TO_DATE:
            labels += [f"{y}YTD{n}"]
    return labels


@st.composite
def dressed(draw: st.DrawFn, label: str) -> str:
    """The label as a person might type it: full-width characters, stray spaces."""
    if draw(st.booleans()):
        label = label.translate(_FULL_WIDTH)
    spaced = [char + draw(st.sampled_from(["", "", " ", "\u3000"])) for char in label]
    return draw(st.sampled_from(["", " "])) + "".join(spaced)


@given(periods())
def test_every_code_reads_back_as_its_period(period: Period) -> None:
    """Canonical codes are labels too: whatever the service wrote out must read back."""
    assert parse_period_text(period.code) == period
    assert parse_period_text(period.code.lower(), year=1999) == period


@given(st.data(), periods())
def test_chinese_labels_read_as_their_period(data: st.DataObject, period: Period) -> None:
    """Every spelling a bureau uses for a period reads as that period, however typed."""
    label = data.draw(st.sampled_from(_with_year(period)))
    text = data.draw(dressed(label))
    assert parse_period_text(text) == period
    # A label's own year wins over the sheet's.
    assert parse_period_text(text, year=2000) == period


@given(st.data(), periods())
def test_a_label_without_year_takes_the_sheets(data: st.DataObject, period: Period) -> None:
    """Under a title like "2016年主要指标" the columns say only "1-9月": the title gives the
    year; without one the error says so, rather than that the label is unreadable."""
    text = data.draw(dressed(data.draw(st.sampled_from(_yearless(period)))))
    assert parse_period_text(text, year=period.year) == period
    with pytest.raises(PeriodTextError) as error:
        parse_period_text(text)
    assert error.value.key == "period.needs_year"


@given(st.data(), periods(years=st.integers(1949, 2100)))
def test_the_year_of_a_title_is_found(data: st.DataObject, period: Period) -> None:
    """A sheet title holding one period label yields that label's year."""
    label = data.draw(st.sampled_from(_with_year(period)))
    assert year_in_text(f"淄博市{label}") == period.year
    assert year_in_text(f"淄博市{label}主要经济指标") in (period.year, None)
    if "年" in label:
        assert year_in_text(f"淄博市{label}主要经济指标") == period.year


# Labels put together from a year part and a part of the year, valid or not, so that the
# reading path is exercised as well as the refusals.
_LABELISH = st.tuples(
    st.sampled_from(["", "2016", "2017年", "１９９９年", "2016 年", "1800年", "16年",
                     "2016年2017年"]),
    st.sampled_from(["", "年", "年末", "度", "上半年", "一季度", "第四季度", "3月", "12月", "1-9月",
                     "1—3月", "前三季度", "Q2", "H1", "M03", "-03", "/3", ".12", "YTD09", "全年",
                     "13月", "第5季度", "3-5月", "1-3季度", "本月"]),
    st.sampled_from(["", " ", "\u3000"]),
).map("".join)
_FOUR_DIGITS = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")


@given(st.one_of(st.text(max_size=16), _LABELISH), st.none() | st.integers(1900, 2200))
def test_any_text_reads_or_fails_with_a_known_message(text: str, year: int | None) -> None:
    """Whatever is in the cell, the caller gets a Period or a reportable PeriodTextError;
    a Period read is one whose year the text states, else the sheet's, and whose code
    reads back as itself."""
    try:
        period = parse_period_text(text, year=year)
    except PeriodTextError as error:
        assert error.key in MESSAGES
        assert error.values == {"raw": text}
        assert error.suggestion in MESSAGES
        return
    assert isinstance(period, Period)
    stated = {int(y) for y in _FOUR_DIGITS.findall(unicodedata.normalize("NFKC", text))}
    assert stated in (set(), {period.year}), (text, period)
    if not stated:
        assert year is not None and period.year == year, (text, year, period)
    assert parse_period_text(period.code) == period


@pytest.mark.parametrize("label, code", [
    ("2016", "2016"), ("2016年", "2016"), ("2016年末", "2016"), ("2016年底", "2016"),
    ("2016年全年", "2016"), ("2016年度", "2016"), (" 2016 ", "2016"), (2016, "2016"),
    (2016.0, "2016"),
    ("2016Q1", "2016Q1"), ("2016q1", "2016Q1"), ("2016-Q1", "2016Q1"),
    ("2016年一季度", "2016Q1"), ("2016年第一季度", "2016Q1"), ("2016年1季度", "2016Q1"),
    ("2016年四季度", "2016Q4"), ("2016年第4季度", "2016Q4"),
    ("2016H1", "2016H1"), ("2016年上半年", "2016H1"), ("2016年下半年", "2016H2"),
    ("2016-03", "2016M03"), ("2016.03", "2016M03"), ("2016/3", "2016M03"),
    ("2016年3月", "2016M03"), ("2016年03月", "2016M03"), ("2016M03", "2016M03"),
    ("2016M3", "2016M03"), ("2016年2月", "2016M02"), ("2016年12月", "2016M12"),
    ("2016年1-3月", "2016YTD03"), ("2016年1—9月", "2016YTD09"), ("2016年1～9月", "2016YTD09"),
    ("2016年1~9月", "2016YTD09"), ("2016年1–9月", "2016YTD09"), ("2016年1至9月", "2016YTD09"),
    ("2016年1月-9月", "2016YTD09"), ("2016年1-12月", "2016YTD12"),
    ("2016年1-2月", "2016YTD02"), ("2016年前三季度", "2016YTD09"),
    ("2016年1-3季度", "2016YTD09"), ("2016YTD09", "2016YTD09"),
    ("２０１６年１－９月", "2016YTD09"), ("2016 年 1 — 9 月", "2016YTD09"),
    ("\u00a02016年3月\u3000", "2016M03"),
])
def test_labels_found_in_real_tables(label: object, code: str) -> None:
    assert parse_period_text(label).code == code


@pytest.mark.parametrize("label, code", [
    ("1-9月", "2017YTD09"), ("1-2月", "2017YTD02"), ("1月", "2017M01"), ("2月", "2017M02"),
    ("前三季度", "2017YTD09"), ("一季度", "2017Q1"), ("上半年", "2017H1"), ("全年", "2017"),
    ("Q3", "2017Q3"),
    # The label's own year is used, not the context's.
    ("2016年1-9月", "2016YTD09"),
])
def test_labels_read_with_the_year_of_the_sheet(label: str, code: str) -> None:
    assert parse_period_text(label, year=2017).code == code


@pytest.mark.parametrize("label, key", [
    ("3-5月", "period.unrecognised"),  # a cumulative span starts in January
    ("2016年3-5月", "period.unrecognised"),
    ("2016年2至9月", "period.unrecognised"),
    ("2016年0月", "period.unrecognised"),
    ("2016年13月", "period.unrecognised"),
    ("13月", "period.unrecognised"),  # unreadable whatever the year
    ("2016-13", "period.unrecognised"),
    ("2016年1-13月", "period.unrecognised"),
    ("2016Q5", "period.unrecognised"),
    ("2016年5季度", "period.unrecognised"),
    ("2016年第五季度", "period.unrecognised"),
    ("2016H3", "period.unrecognised"),
    ("2-3季度", "period.unrecognised"),
    ("2016—2017年", "period.unrecognised"),  # two different years
    ("2016年1-9月2017年", "period.unrecognised"),
    ("", "period.unrecognised"),
    ("   ", "period.unrecognised"),
    (None, "period.unrecognised"),
    (float("nan"), "period.unrecognised"),
    (2016.5, "period.unrecognised"),  # an Excel number is a whole year or nothing
    (True, "period.unrecognised"),
    ("本月", "period.unrecognised"),
    ("2016年3", "period.unrecognised"),
    ("1800年", "period.unrecognised"),
    ("1-9月", "period.needs_year"),
    ("3月", "period.needs_year"),
    ("一季度", "period.needs_year"),
    ("上半年", "period.needs_year"),
    ("前三季度", "period.needs_year"),
])
def test_labels_that_name_no_period_are_refused(label: object, key: str) -> None:
    with pytest.raises(PeriodTextError) as error:
        parse_period_text(label)
    assert error.value.key == key
    assert error.value.suggestion == "period.suggest"


def test_the_error_speaks_both_languages() -> None:
    """Errors go to people at the bureau: the message is in the catalogue, in both languages."""
    with pytest.raises(PeriodTextError) as error:
        parse_period_text("3-5月")
    assert error.value.values == {"raw": "3-5月"}
    assert "无法识别的时期" in str(error.value)
    assert "Unrecognised period" in str(error.value)


@pytest.mark.parametrize("text, year", [
    ("淄博市2017年1-9月主要经济指标", 2017),
    ("2017年主要经济指标", 2017),
    ("２０１７年１－９月", 2017),
    ("2017 年", 2017),
    ("GDP 2017", 2017),
    ("2017Q3 主要指标", 2017),
    ("2017-03 月报", 2017),
    ("2016年和2016年同期", 2016),
    ("2016—2017年", None),  # either year could be meant
    ("2017年1-9月（与2016年同期比较）", None),
    ("常住人口2000万人", None),  # a number, not a year
    ("1900年", None),
    ("2150年", None),
    ("主要经济指标", None),
    ("", None),
])
def test_the_year_of_a_sheet_title(text: str, year: int | None) -> None:
    assert year_in_text(text) == year

"""Period labels as they are written in statistics tables: 2016年1-9月, 2016年一季度 ...

`parse_period_text` turns one label into a canonical `Period`; `year_in_text` finds the year
a sheet title speaks of, for labels that leave the year out ("1-9月"). Full-width digits and
letters, spaces and the dashes used as range separators (- – — ～ ~ 至) are all accepted, and
so are years in Chinese numerals as formal documents write them (二〇二四年, 二零二四年, with
the look-alike ○ for 〇) and 元月 for January.
A range "1-N月" is a year-to-date cumulative (YTD N) and must start in January.
"""

from __future__ import annotations

import math
import re
from numbers import Integral, Real
from typing import ClassVar

from indicators.periods import Period, PeriodError, PeriodKind, parse_period
from indicators.text.messages import bilingual

# Years `year_in_text` believes when it finds them in free text.
PLAUSIBLE_YEARS = range(1949, 2101)

_TRANSLATION: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_TRANSLATION[ord("\u2212")] = "-"

# A year written digit by digit in Chinese numerals, always followed by 年.
_CHINESE_DIGITS = "〇○零一二三四五六七八九"
_CHINESE_YEAR = re.compile(
    rf"(?<![{_CHINESE_DIGITS}])([{_CHINESE_DIGITS}]{{4}})"
    rf"(?=\s*年|\s*[-–—―~〜至]{{1,2}}\s*[{_CHINESE_DIGITS}]{{4}}\s*年)")
_CHINESE_DIGIT_VALUES = str.maketrans(_CHINESE_DIGITS, "000" + "".join(map(str, range(1, 10))))

_RANGE = r"(?:[-–—―~〜]{1,2}|至)"
_NUMERAL = r"(?:[0-9]{1,2}|十[一二]?|[一二两三四五六七八九])"
_CHINESE_NUMBERS = {"元": 1, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                    "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}

# Codes and their loose spellings: 2016Q1, 2016-q1, 2016年Q1, Q1 (with a context year).
_CODE = re.compile(r"(?:(?P<year>[0-9]{4})[-年]?)?(?P<tag>H|Q|M|YTD)(?P<number>[0-9]{1,2})")
# 2016-03, 2016.3, 2016/03.
_DATE = re.compile(r"(?P<year>[0-9]{4})[-./](?P<number>[0-9]{1,2})")
# Everything else: an optional "2016年", then what the label says about the part of the year.
_CHINESE = re.compile(r"(?:(?P<year>[0-9]{4})年)?(?P<rest>.*)")
_PARTS: tuple[tuple[PeriodKind, re.Pattern[str]], ...] = (
    (PeriodKind.YEAR, re.compile(r"(?:全年|年?[末底度])?")),
    (PeriodKind.HALF, re.compile(r"(?P<half>[上下])半年(?:累计)?")),
    (PeriodKind.MONTH, re.compile(rf"(?P<month>元|{_NUMERAL})月(?:份|末|底)?")),
    (PeriodKind.YEAR_TO_DATE,
     re.compile(rf"(?P<first>{_NUMERAL})月?{_RANGE}(?P<month>{_NUMERAL})月(?:份|末|底)?(?:累计)?")),
    (PeriodKind.YEAR_TO_DATE,
     re.compile(rf"(?:前(?P<quarters>{_NUMERAL})|第?(?P<first_quarter>{_NUMERAL}){_RANGE}第?"
                rf"(?P<last_quarter>{_NUMERAL}))季度?(?:累计)?")),
    (PeriodKind.QUARTER, re.compile(rf"第?(?P<quarter>{_NUMERAL})季度?(?:末|底)?")),
)

# A year in free text: four digits, in a plausible range, followed by 年, a period code, a
# month ("2016-03"), a range to another year ("2016—2017年") or the end of the text.
_YEAR_IN_TEXT = re.compile(
    r"(?<![0-9])(?P<year>[0-9]{4})"
    rf"(?=\s*年|\s*{_RANGE}\s*[0-9]{{4}}(?![0-9])|\s*[-./][0-9]{{1,2}}(?![0-9])"
    r"|\s*-?(?:[HQM]|YTD)[0-9]|\s*$)", re.IGNORECASE)


class PeriodTextError(ValueError):
    """A period label that names no period. key/values name a message in indicators.messages."""

    suggestion: ClassVar[str] = "period.suggest"

    def __init__(self, raw: str, key: str = "period.unrecognised") -> None:
        self.raw = raw
        self.key = key
        self.values: dict[str, object] = {"raw": raw}
        super().__init__(bilingual(key, raw=raw))


class _Refused(Exception):
    """The label has a recognised shape but names no period (3-5月, 第五季度)."""


def parse_period_text(raw: object, *, year: int | None = None) -> Period:
    """Read a period label from a table; raise `PeriodTextError` when it names none.

    `year` comes from the sheet title or a year column and is used only when the label has
    no year of its own ("1-9月"), so one table reads the same whichever way it is laid out.
    Excel numbers are years (2016, 2016.0); dates are refused, because the cell's display
    format, which says whether a date stands for a month or a year, is lost by then.
    """
    text = _label(raw)
    compact = re.sub(r"\s+", "", _ascii_years(text)).upper()
    try:
        return parse_period(compact)
    except PeriodError:
        pass
    try:
        found = _read_code(compact) or _read_date(compact) or _read_chinese(compact)
        if found is None:
            raise _Refused
        label_year, kind, number = found
        Period(year=2000, kind=kind, number=number)  # the part of the year must exist
        if label_year is None and year is None:
            raise PeriodTextError(text, "period.needs_year")
        return Period(year=year if label_year is None else label_year, kind=kind,
                      number=number)
    except (_Refused, PeriodError):
        raise PeriodTextError(text) from None


def year_in_text(text: str) -> int | None:
    """Return the one year a title or label speaks of; None when it names none or several.

    "淄博市2017年1-9月主要经济指标" gives 2017; "2016—2017年" gives None, since either year
    could be meant. Only years in `PLAUSIBLE_YEARS` written as years count, so "2000万人"
    is not a year.
    """
    years = {int(match["year"]) for match in _YEAR_IN_TEXT.finditer(_ascii_years(text))}
    years = {year for year in years if year in PLAUSIBLE_YEARS}
    return years.pop() if len(years) == 1 else None


def _ascii_years(text: str) -> str:
    """Full-width forms made ASCII, and years in Chinese numerals (二〇二四年) in digits."""
    text = text.translate(_TRANSLATION)
    if not any(char in _CHINESE_DIGITS for char in text):
        return text
    return _CHINESE_YEAR.sub(lambda m: m[1].translate(_CHINESE_DIGIT_VALUES), text)


def _label(raw: object) -> str:
    """Return the label as text; an Excel number must be a whole year."""
    if isinstance(raw, str):
        return raw
    if raw is None or isinstance(raw, bool):
        raise PeriodTextError("" if raw is None else str(raw))
    if isinstance(raw, Integral):
        return str(int(raw))
    if isinstance(raw, Real):
        number = float(raw)
        if math.isnan(number):
            raise PeriodTextError("")
        if math.isfinite(number) and number.is_integer():
            return str(int(number))
    raise PeriodTextError(str(raw))


_Found = tuple[int | None, PeriodKind, int]

_TAG_KINDS = {"H": PeriodKind.HALF, "Q": PeriodKind.QUARTER, "M": PeriodKind.MONTH,
              "YTD": PeriodKind.YEAR_TO_DATE}


def _read_code(compact: str) -> _Found | None:
    """Read loose spellings of codes: 2016-Q1, 2016年Q1, Q1 (year from context)."""
    match = _CODE.fullmatch(compact)
    if match is None:
        return None
    return _year(match["year"]), _TAG_KINDS[match["tag"]], int(match["number"])


def _read_date(compact: str) -> _Found | None:
    """Read a month written as a date: 2016-03, 2016.3, 2016/03."""
    match = _DATE.fullmatch(compact)
    if match is None:
        return None
    return int(match["year"]), PeriodKind.MONTH, int(match["number"])


def _read_chinese(compact: str) -> _Found | None:
    """Read 2016年, 2016年上半年, 2016年一季度, 2016年3月, 2016年1-9月, 前三季度 ..."""
    labelled = _CHINESE.fullmatch(compact)
    if labelled is None:  # pragma: no cover - the pattern matches any text
        return None
    label_year, rest = _year(labelled["year"]), labelled["rest"]
    for kind, pattern in _PARTS:
        part = pattern.fullmatch(rest)
        if part is None:
            continue
        match kind:
            case PeriodKind.YEAR:
                if label_year is None and rest in ("", "末", "底", "度"):
                    return None
                return label_year, kind, 0
            case PeriodKind.HALF:
                return label_year, kind, 1 if part["half"] == "上" else 2
            case PeriodKind.MONTH:
                return label_year, kind, _number(part["month"])
            case PeriodKind.QUARTER:
                return label_year, kind, _number(part["quarter"])
            case _:
                return label_year, kind, _months_to_date(part)
    return None


def _months_to_date(part: re.Match[str]) -> int:
    """Return N of a year-to-date range: 1-N月, 前N季度 (3N) or 1-N季度 (3N)."""
    groups = part.groupdict()
    if groups.get("quarters") is not None:
        return 3 * _number(groups["quarters"], most=4)
    if groups.get("last_quarter") is not None:
        if _number(groups["first_quarter"]) != 1:
            raise _Refused
        return 3 * _number(groups["last_quarter"], most=4)
    if _number(groups["first"]) != 1:
        raise _Refused
    return _number(groups["month"])


def _number(text: str, most: int = 12) -> int:
    """Return the value of "3", "03" or "三"; refuse numbers above `most`."""
    number = int(text) if text.isdigit() else _CHINESE_NUMBERS[text]
    if number > most:
        raise _Refused
    return number


def _year(text: str | None) -> int | None:
    return None if text is None else int(text)

"""The words and numbers of a message, said in the recipient's language: statuses,
severities, figures with their units and periods. Pure; everything through the message
catalogue."""

from __future__ import annotations

import re

from indicators.text.messages import Language, message
from indicators.text.numbers import chance_text, fmt
from indicators.text.units import with_unit
from indicators.vocab import Severity, Status

# A year-to-date period code (`indicators.periods`): "2015M01-09" is 2015年1—9月.
_YEAR_TO_DATE = re.compile(r"^(\d{4})M(\d{2})-(\d{2})$")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def status_word(status: Status | None, language: Language) -> str:
    """A status as the board names it; "not assessed" for no verdict."""
    return message("email.not_assessed" if status is None else f"status.{status.value}",
                   language)


def severity_word(severity: Severity, language: Language) -> str:
    return message(f"email.severity.{severity.value}", language)


def value_text(value: float | None, unit: str, language: Language) -> str:
    """A figure with its unit (6个, 27万人 / 27 ×10k people); "—" for none."""
    return "—" if value is None else with_unit(fmt(value), unit, language)


def gap_text(gap: float | None, unit: str, language: Language) -> str:
    """A signed gap (latest − required): "+0.4%" ahead, "-1.2亿元" behind."""
    if gap is None:
        return "—"
    sign = "+" if gap > 0 else ""
    return with_unit(sign + fmt(gap), unit, language)


def chance_words(now: float | None, before: float | None, language: Language) -> str:
    """The probability of meeting the target, with the earlier one when it moved."""
    if before is None or now is None or round(before, 2) == round(now, 2):
        return chance_text(now)
    return message("email.probability_change", language, now=chance_text(now),
                   before=chance_text(before))


def period_words(code: str | None, language: Language) -> str:
    """A period code as people say it: 2015年 / 2015, 2015年1—9月 / Jan–Sep 2015."""
    if code is None:
        return "—"
    if code.isdigit() and len(code) == 4:
        return f"{code}年" if language is Language.ZH else code
    found = _YEAR_TO_DATE.match(code)
    if found is None:
        return code
    year, first, last = found.group(1), int(found.group(2)), int(found.group(3))
    if language is Language.ZH:
        return f"{year}年{first}—{last}月"
    return f"{_MONTHS[first - 1]}–{_MONTHS[last - 1]} {year}"


def subject_words(region: str, region_en: str | None, indicator: str, indicator_en: str,
                  language: Language) -> str:
    """What a target is about: 淄博市地区生产总值 / Zibo: GDP."""
    if language is Language.ZH:
        return f"{region}{indicator}"
    return f"{region_en or region}: {indicator_en}"


def latest_words(value: float | None, period: str | None, unit: str, *, preliminary: bool,
                 illustrative: bool, language: Language) -> str:
    """The latest figure with its period, marked 初步 / 示例数据 where it is."""
    if value is None:
        return "—"
    text = message("email.latest_value", language, value=value_text(value, unit, language),
                   period=period_words(period, language))
    marks = [message(key, language) for key, on in
             (("email.preliminary", preliminary), ("email.illustrative", illustrative)) if on]
    return text + "".join(f" [{m}]" for m in marks)


def as_language(language: Language | str) -> Language:
    return Language(language)

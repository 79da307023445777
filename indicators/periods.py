"""Statistical periods and their canonical codes.

Codes: ``2016`` (year), ``2016H1`` (half), ``2016Q3`` (quarter), ``2016M03`` (month) and
``2016YTD09`` (year-to-date cumulative, 1–9月). The code is what is stored and exchanged;
it sorts chronologically within one kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class PeriodKind(StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    YEAR_TO_DATE = "ytd"


_CODE = re.compile(r"^(?P<year>\d{4})(?:(?P<tag>H|Q|M|YTD)(?P<num>\d{1,2}))?$")
_TAG_KIND = {
    None: PeriodKind.YEAR,
    "H": PeriodKind.HALF,
    "Q": PeriodKind.QUARTER,
    "M": PeriodKind.MONTH,
    "YTD": PeriodKind.YEAR_TO_DATE,
}
_KIND_MAX = {PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12,
             PeriodKind.YEAR_TO_DATE: 12}
_MONTHS_PER_UNIT = {PeriodKind.HALF: 6, PeriodKind.QUARTER: 3, PeriodKind.MONTH: 1,
                    PeriodKind.YEAR_TO_DATE: 1}


class PeriodError(ValueError):
    """A period code that does not name a real period."""


@dataclass(frozen=True, order=True)
class Period:
    """A statistical period: a year, half, quarter, month or a 1–N月 cumulative span."""

    year: int
    kind: PeriodKind = PeriodKind.YEAR
    number: int = 0

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 2200:
            raise PeriodError(f"year out of range: {self.year}")
        if self.kind is PeriodKind.YEAR:
            if self.number != 0:
                raise PeriodError("a year has no sub-period number")
        elif not 1 <= self.number <= _KIND_MAX[self.kind]:
            raise PeriodError(f"{self.kind} number out of range: {self.number}")

    @property
    def code(self) -> str:
        """Return the canonical code, e.g. ``2016YTD09``."""
        match self.kind:
            case PeriodKind.YEAR:
                return f"{self.year}"
            case PeriodKind.HALF:
                return f"{self.year}H{self.number}"
            case PeriodKind.QUARTER:
                return f"{self.year}Q{self.number}"
            case PeriodKind.MONTH:
                return f"{self.year}M{self.number:02d}"
            case PeriodKind.YEAR_TO_DATE:
                return f"{self.year}YTD{self.number:02d}"

    @property
    def first_month(self) -> int:
        """Return the calendar month the period starts in."""
        if self.kind in (PeriodKind.YEAR, PeriodKind.YEAR_TO_DATE):
            return 1
        return (self.number - 1) * _MONTHS_PER_UNIT[self.kind] + 1

    @property
    def last_month(self) -> int:
        """Return the calendar month the period ends in."""
        if self.kind is PeriodKind.YEAR:
            return 12
        return self.number * _MONTHS_PER_UNIT[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        """Return the last day of the period."""
        month = self.last_month
        if month == 12:
            return date(self.year, 12, 31)
        return date.fromordinal(date(self.year, month + 1, 1).toordinal() - 1)

    def __str__(self) -> str:
        return self.code


def parse_period(code: str) -> Period:
    """Parse a canonical period code; raise `PeriodError` for anything else."""
    match = _CODE.match(code.strip())
    if match is None:
        raise PeriodError(f"not a period code: {code!r}")
    kind = _TAG_KIND[match["tag"]]
    number = int(match["num"]) if match["num"] else 0
    return Period(year=int(match["year"]), kind=kind, number=number)

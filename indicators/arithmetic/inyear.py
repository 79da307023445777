"""In-year monitoring: year-to-date (1–N月) figures against the annual target and against
the same period last year.

For amounts, the share of the year's total that should be in by month N comes from the
indicator's own seasonal pattern, the mean over past years of YTD_N / annual total: the
first quarter of fixed-asset investment is far less than a quarter of the year. Only where
no past year has both figures does it fall back to the even 序时进度 share, N/12.
For cumulative growth rates (1–9月 GDP growth), the year-to-date rate is compared with
the rate the year needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from indicators.text.messages import Language, message
from indicators.text.numbers import fmt
from indicators.text.units import unit_label


class ShareBasis(StrEnum):
    SEASONAL = "seasonal"  # the indicator's own pattern in past years
    EVEN = "even"  # 序时进度: N/12


@dataclass(frozen=True)
class YearToDate:
    """Past years' figures for one month: year → (1–N月 amount, full-year amount)."""

    month: int
    history: Mapping[int, tuple[float, float]]


@dataclass(frozen=True)
class InYearCheck:
    """A year-to-date figure held against what the annual target needs by then."""

    year: int
    month: int
    actual: float
    expected: float
    share: float | None  # share of the annual amount due by month N (amounts only)
    share_basis: ShareBasis | None
    same_period_last_year: float | None
    change_on_last_year: float | None  # % y/y for amounts; points for growth rates
    on_pace: bool
    unit: str = ""

    def reason(self, language: Language = Language.ZH) -> str:
        """Describe the check in one sentence."""
        values = {"year": self.year, "month": self.month, "actual": fmt(self.actual),
                  "expected": fmt(self.expected), "unit": unit_label(self.unit, language),
                  "share": "—" if self.share is None else f"{self.share * 100:.1f}%",
                  "basis": message(f"inyear.basis_{self.share_basis}", language)
                  if self.share_basis else "",
                  "last": "—" if self.same_period_last_year is None else fmt(
                      self.same_period_last_year)}
        key = "inyear.amount" if self.share is not None else "inyear.rate"
        pace = message("inyear.on_pace" if self.on_pace else "inyear.behind", language)
        return message(key, language, **values) + pace


def expected_share(month: int, history: Mapping[int, tuple[float, float]]) -> tuple[
        float, ShareBasis]:
    """Return the share of the annual total normally in by `month`, and its basis."""
    shares = [ytd / annual for ytd, annual in history.values() if annual > 0]
    if shares:
        return sum(shares) / len(shares), ShareBasis.SEASONAL
    return month / 12, ShareBasis.EVEN


def check_amount(*, year: int, ytd: float, annual_target: float, seasonal: YearToDate,
                 higher_is_better: bool = True, unit: str = "") -> InYearCheck:
    """Hold a 1–N月 amount against the annual target amount's seasonal share."""
    share, basis = expected_share(seasonal.month, seasonal.history)
    expected = annual_target * share
    last = seasonal.history.get(year - 1)
    last_ytd = last[0] if last else None
    return InYearCheck(
        year=year, month=seasonal.month, actual=ytd, expected=expected, share=share,
        share_basis=basis, same_period_last_year=last_ytd,
        change_on_last_year=None if not last_ytd else (ytd / last_ytd - 1) * 100,
        on_pace=ytd >= expected if higher_is_better else ytd <= expected, unit=unit)


def check_rate(*, year: int, month: int, ytd_rate: float, required_rate: float,
               last_year_rate: float | None = None, higher_is_better: bool = True) -> InYearCheck:
    """Hold a 1–N月 cumulative growth rate against the rate the year needs."""
    return InYearCheck(
        year=year, month=month, actual=ytd_rate, expected=required_rate, share=None,
        share_basis=None, same_period_last_year=last_year_rate,
        change_on_last_year=None if last_year_rate is None else ytd_rate - last_year_rate,
        on_pace=ytd_rate >= required_rate if higher_is_better else ytd_rate <= required_rate,
        unit="%")


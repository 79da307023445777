"""In-year monitoring against the annual target, with the indicator's own seasonality."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.arithmetic.inyear import (
    ShareBasis,
    YearToDate,
    check_amount,
    check_rate,
    expected_share,
)
from indicators.text.messages import Language

# Fixed-asset investment, 亿元: 1–3月 and full year, in the shape of a prefecture's series.
FAI_Q1 = YearToDate(month=3, history={2014: (420.0, 2650.0), 2015: (470.0, 2900.0),
                                      2016: (520.0, 3099.8)})


def test_a_first_quarter_is_not_a_quarter_of_the_year() -> None:
    share, basis = expected_share(3, FAI_Q1.history)
    assert basis is ShareBasis.SEASONAL
    assert share == pytest.approx((420 / 2650 + 470 / 2900 + 520 / 3099.8) / 3)
    assert share < 0.2


def test_even_progress_only_without_history() -> None:
    assert expected_share(9, {}) == (0.75, ShareBasis.EVEN)


def test_a_year_to_date_amount_on_its_seasonal_share_is_on_pace() -> None:
    target = 3099.8 * 1.10  # 全年增长10%
    share, _ = expected_share(3, FAI_Q1.history)
    check = check_amount(year=2017, ytd=target * share, annual_target=target, seasonal=FAI_Q1,
                         unit="亿元")
    assert check.on_pace and check.share_basis is ShareBasis.SEASONAL
    assert check.change_on_last_year == pytest.approx((target * share / 520 - 1) * 100)
    assert "按往年季节规律应完成全年目标的" in check.reason() and "亿元" in check.reason()
    english = check.reason(Language.EN)
    assert "×100m yuan" in english and "亿" not in english
    behind = check_amount(year=2017, ytd=target * 0.2 * 0.7, annual_target=target,
                          seasonal=FAI_Q1, unit="亿元")
    assert not behind.on_pace and behind.reason().endswith("，慢于进度")


def test_a_cumulative_growth_rate_against_the_year_s_need() -> None:
    check = check_rate(year=2016, month=3, ytd_rate=16.4, required_rate=12.0,
                       last_year_rate=14.0)
    assert check.on_pace and check.change_on_last_year == pytest.approx(2.4)
    assert check.reason() == "2016年1–3月累计增长16.4%，全年需增长12%（上年同期14%），进度正常"
    assert "on pace" in check.reason(Language.EN)


@given(st.lists(st.tuples(st.floats(1, 1000), st.floats(0.05, 0.95)), min_size=1, max_size=8),
       st.integers(1, 12))
def test_the_seasonal_share_is_the_mean_of_past_shares(years, month) -> None:  # type: ignore[no-untyped-def]
    history = {2000 + i: (annual * share, annual) for i, (annual, share) in enumerate(years)}
    share, basis = expected_share(month, history)
    assert basis is ShareBasis.SEASONAL
    assert share == pytest.approx(sum(s for _, s in years) / len(years))

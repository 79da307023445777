from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.periods import Period, PeriodError, PeriodKind, parse_period

_MAX = {PeriodKind.HALF: 2, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12,
        PeriodKind.YEAR_TO_DATE: 12}


@st.composite
def periods(draw: st.DrawFn) -> Period:
    year = draw(st.integers(1949, 2100))
    kind = draw(st.sampled_from(list(PeriodKind)))
    number = 0 if kind is PeriodKind.YEAR else draw(st.integers(1, _MAX[kind]))
    return Period(year=year, kind=kind, number=number)


@given(periods())
def test_a_code_parses_back_to_its_period(period: Period) -> None:
    assert parse_period(period.code) == period


@given(periods())
def test_a_period_ends_after_it_starts_within_its_year(period: Period) -> None:
    assert period.start <= period.end
    assert period.start.year == period.end.year == period.year


@given(periods(), periods())
def test_codes_of_one_kind_sort_in_time_order(a: Period, b: Period) -> None:
    if a.kind is b.kind:
        assert (a.code < b.code) == (a.end < b.end)


@pytest.mark.parametrize("code, end", [("2016", "2016-12-31"), ("2016H1", "2016-06-30"),
                                       ("2016Q1", "2016-03-31"), ("2016M02", "2016-02-29"),
                                       ("2017YTD09", "2017-09-30")])
def test_period_ends(code: str, end: str) -> None:
    assert parse_period(code).end.isoformat() == end


@pytest.mark.parametrize("code", ["", "16", "2016Q5", "2016M13", "2016M00", "2016H3",
                                  "2016YTD13", "2016年", "1-9月", "2016-03", "0999"])
def test_anything_else_is_refused(code: str) -> None:
    with pytest.raises(PeriodError):
        parse_period(code)


@given(st.text(max_size=12))
def test_parse_never_fails_otherwise(text: str) -> None:
    try:
        period = parse_period(text)
    except PeriodError:
        return
    assert period.code == text.strip()

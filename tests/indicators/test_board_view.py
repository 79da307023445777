"""The board's selection is pure: a query survives the round trip through a link, filters
keep what they name, sorting puts the unknown last, pages cover every item once."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.data.board_rows import BoardItem, BoardResult
from indicators.data.board_view import (
    SORTS,
    BoardQuery,
    BoardQueryError,
    board_query,
    chosen,
    page_of,
    query_params,
)
from indicators.vocab import Comparator, Nature, Status, TargetKind

queries = st.builds(
    BoardQuery, region=st.sampled_from([None, "141100"]), document=st.sampled_from([None, "002"]),
    department=st.sampled_from([None, "市农委"]), status=st.sampled_from([None, *Status]),
    nature=st.sampled_from([None, *Nature]), sort=st.sampled_from([None, *SORTS]),
    desc=st.booleans(), page=st.integers(1, 30))


@given(queries, st.integers(2000, 2030), st.integers(0, 5))
def test_a_query_survives_the_round_trip_through_a_link(query: BoardQuery, low: int,
                                                        span: int) -> None:
    query = replace(query, deadline_from=low, deadline_to=low + span)
    params = {k: v for k, v in query_params(query).items() if v is not None}
    assert board_query(params) == query


@pytest.mark.parametrize(("name", "value"), [("status", "nonsense"), ("sort", "quote"),
                                             ("deadline", "20x0"), ("page", "0"),
                                             ("nature", "binding; drop")])
def test_a_parameter_that_cannot_be_read_is_named(name: str, value: str) -> None:
    with pytest.raises(BoardQueryError) as raised:
        board_query({name: value})
    assert raised.value.parameter == name


def test_empty_parameters_mean_any_and_a_range_reads_either_way() -> None:
    assert board_query({"region": " ", "status": ""}) == BoardQuery()
    assert board_query({"deadline": "2020-2018"}).deadline_from == 2018
    assert board_query({"deadline": "2020"}).deadline_to == 2020


def _item(n: int, *, status: Status | None, probability: float | None, deadline: int,
          region: str = "141100", nature: Nature | None = None) -> BoardItem:
    result = None if status is None else BoardResult(
        status=status, reason_zh="", reason_en="", as_of=datetime(2020, 1, 1, tzinfo=UTC),
        final=False, illustrative=False, time_share=None, distance_share=None,
        required_value=None, required_rate=None, required_change=None,
        probability=probability, forecast_year=None, forecast_mean=None, forecast_lo_80=None,
        forecast_hi_80=None, forecast_model=None)
    return BoardItem(
        target_id=n, key=f"T{n:03d}", document_code="002", document_title="t",
        document_issued_on=None, region_code=region, region_name="r", region_name_en=None,
        entity_name=None, entity_name_en=None, indicator_name="i", indicator_name_en="i",
        kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE, value=Decimal(1),
        upper_value=None, unit="%", change_unit=None, baseline_year=None, start_year=None,
        deadline_year=deadline, deadline_inferred=False, nature=nature, lead_department=None,
        superseded_by_id=None, series_id=None, result=result)


ITEMS = [_item(0, status=Status.AT_RISK, probability=0.4, deadline=2020),
         _item(1, status=None, probability=None, deadline=2018, region="330783"),
         _item(2, status=Status.ON_TRACK, probability=0.9, deadline=2022, nature=Nature.BINDING),
         _item(3, status=Status.AT_RISK, probability=None, deadline=2019)]


def test_filters_keep_what_they_name() -> None:
    assert [i.key for i in chosen(ITEMS, BoardQuery(status=Status.AT_RISK))] == ["T000", "T003"]
    assert [i.key for i in chosen(ITEMS, BoardQuery(region="330783"))] == ["T001"]
    assert [i.key for i in chosen(ITEMS, BoardQuery(nature=Nature.BINDING))] == ["T002"]
    span = BoardQuery(deadline_from=2019, deadline_to=2020)
    assert [i.key for i in chosen(ITEMS, span)] == ["T000", "T003"]


@pytest.mark.parametrize("desc", [False, True])
def test_sorting_puts_the_unknown_last_either_way(desc: bool) -> None:
    keys = [i.key for i in chosen(ITEMS, BoardQuery(sort="probability", desc=desc))]
    assert keys == (["T002", "T000"] if desc else ["T000", "T002"]) + ["T001", "T003"]
    deadlines = [i.deadline_year for i in chosen(ITEMS, BoardQuery(sort="deadline", desc=desc))]
    assert deadlines == sorted(deadlines, reverse=desc)


@given(st.integers(0, 450), st.integers(1, 9))
def test_pages_cover_every_item_once(count: int, page: int) -> None:
    items = [_item(n, status=None, probability=None, deadline=2020) for n in range(count)]
    pages = page_of(items, 1).pages
    seen = [i.key for p in range(1, pages + 1) for i in page_of(items, p).items]
    assert seen == [i.key for i in items]
    assert page_of(items, page).page == min(page, pages) and page_of(items, page).total == count

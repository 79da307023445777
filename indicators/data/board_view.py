"""What a board request asks for, applied to the board's items: filters, sort and page.

Pure functions over `BoardItem`s, so the page, the exports and the tests apply exactly the
same selection: the export is what the page shows, on every page at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from indicators.data.board_rows import BoardItem
from indicators.data.records import STATUS_ORDER
from indicators.vocab import Nature, Status

PAGE_SIZE = 100
_DEADLINE = re.compile(r"^\s*(\d{4})\s*(?:[-–~至]\s*(\d{4})\s*)?$")


class BoardQueryError(ValueError):
    """A board parameter that cannot be read; `parameter` names it, `expected` says what
    it takes."""

    def __init__(self, parameter: str, value: str, expected: str) -> None:
        super().__init__(f"{parameter}={value!r}")
        self.parameter, self.value, self.expected = parameter, value, expected


def _status_rank(item: BoardItem) -> int | None:
    return STATUS_ORDER.index(item.result.status.value) if item.result else None


def _measure(name: str) -> Callable[[BoardItem], Any]:
    return lambda item: getattr(item.result, name) if item.result else None


# Sortable columns: name → the item's key (None sorts last whichever the direction).
SORTS: dict[str, Callable[[BoardItem], Any]] = {
    "document": lambda i: i.document_code,
    "region": lambda i: i.region_code,
    "indicator": lambda i: i.indicator_name,
    "deadline": lambda i: i.deadline_year,
    "status": _status_rank,
    "time": _measure("time_share"),
    "progress": _measure("distance_share"),
    "latest": lambda i: i.latest.year if i.latest else None,
    "required": _measure("required_value"),
    "forecast": _measure("forecast_mean"),
    "probability": _measure("probability"),
    "rate": _measure("required_rate"),
    "department": lambda i: i.lead_department,
    "key": lambda i: i.key,
}


@dataclass(frozen=True)
class BoardQuery:
    """Filters (None = any), the sort column and direction, and the page (from 1)."""

    region: str | None = None
    document: str | None = None
    department: str | None = None
    status: Status | None = None
    nature: Nature | None = None
    deadline_from: int | None = None
    deadline_to: int | None = None
    sort: str | None = None
    desc: bool = False
    page: int = 1


def board_query(params: dict[str, str]) -> BoardQuery:
    """Read a board query from request parameters (empty values mean "any"); raise
    `BoardQueryError` naming the first parameter that cannot be read."""
    values = {name: value.strip() for name, value in params.items() if value.strip()}
    low, high = deadline_range(values.get("deadline"))
    return BoardQuery(
        region=values.get("region"), document=values.get("document"),
        department=values.get("department"),
        status=_enum(Status, "status", values.get("status")),
        nature=_enum(Nature, "nature", values.get("nature")),
        deadline_from=low, deadline_to=high,
        sort=_choice("sort", values.get("sort")),
        desc=values.get("desc", "") in ("1", "true", "yes", "on"),
        page=_page(values.get("page")))


def _enum(kind: Any, parameter: str, value: str | None) -> Any:
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        raise BoardQueryError(parameter, value, " | ".join(k.value for k in kind)) from None


def _choice(parameter: str, value: str | None) -> str | None:
    if value is not None and value not in SORTS:
        raise BoardQueryError(parameter, value, " | ".join(SORTS))
    return value


def _page(value: str | None) -> int:
    if value is None:
        return 1
    if not value.isdigit() or int(value) < 1:
        raise BoardQueryError("page", value, "1, 2, …")
    return int(value)


def deadline_range(value: str | None) -> tuple[int | None, int | None]:
    """A year ("2020") or a range of years ("2018-2020")."""
    if value is None:
        return None, None
    found = _DEADLINE.match(value)
    if found is None:
        raise BoardQueryError("deadline", value, "2020 | 2018-2020")
    low = int(found.group(1))
    high = int(found.group(2) or low)
    return min(low, high), max(low, high)


def chosen(items: Sequence[BoardItem], query: BoardQuery) -> list[BoardItem]:
    """The items the query's filters keep, sorted as asked (catalogue order otherwise)."""
    kept = [i for i in items if _matches(i, query)]
    if query.sort is None:
        return kept
    key = SORTS[query.sort]
    present = [i for i in kept if key(i) is not None]
    missing = [i for i in kept if key(i) is None]
    return sorted(present, key=key, reverse=query.desc) + missing


def _matches(item: BoardItem, query: BoardQuery) -> bool:
    checks = (
        query.region is None or item.region_code == query.region,
        query.document is None or item.document_code == query.document,
        query.department is None or item.lead_department == query.department,
        query.status is None or (item.result is not None and item.result.status is query.status),
        query.nature is None or item.nature is query.nature,
        query.deadline_from is None or item.deadline_year >= query.deadline_from,
        query.deadline_to is None or item.deadline_year <= query.deadline_to,
    )
    return all(checks)


@dataclass(frozen=True)
class BoardPage:
    """One page of the chosen items, with how many there are in all."""

    items: list[BoardItem]
    total: int
    page: int
    pages: int
    size: int


def page_of(items: Sequence[BoardItem], page: int, size: int = PAGE_SIZE) -> BoardPage:
    """The items of page `page` (from 1; a page past the end shows the last one)."""
    pages = max(1, -(-len(items) // size))
    page = min(max(page, 1), pages)
    start = (page - 1) * size
    return BoardPage(list(items[start:start + size]), len(items), page, pages, size)


def query_params(query: BoardQuery, **changes: Any) -> dict[str, str | None]:
    """The query as request parameters (None for "any"), with `changes` applied: what a
    link to another page, another sort or an export carries, so it shows the same set."""
    query = replace(query, **changes)
    deadline = None
    if query.deadline_from is not None:
        deadline = str(query.deadline_from) if query.deadline_from == query.deadline_to \
            else f"{query.deadline_from}-{query.deadline_to}"
    return {"region": query.region, "document": query.document,
            "department": query.department,
            "status": query.status.value if query.status else None,
            "nature": query.nature.value if query.nature else None, "deadline": deadline,
            "sort": query.sort, "desc": "1" if query.desc else None,
            "page": str(query.page) if query.page > 1 else None}

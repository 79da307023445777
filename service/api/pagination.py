"""Limit/offset pagination shared by every list endpoint."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel

Item = TypeVar("Item")
# Beyond any list this holds, and within every database's integer (SQLite's are 64-bit).
MAX_OFFSET = 2**31 - 1


class Page(BaseModel, Generic[Item]):
    total: int
    limit: int
    offset: int
    items: list[Item]


class PageParams(BaseModel):
    limit: int
    offset: int


def page_params(request: Request,
                limit: Annotated[int, Query(ge=1, description="Items per page")] = 100,
                offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> PageParams:
    """Clamp the page size to the configured maximum."""
    return PageParams(limit=min(limit, request.app.state.settings.page_size_max), offset=offset)


PageDep = Annotated[PageParams, Depends(page_params)]


def page_of(items: Sequence[Item], page: PageParams) -> Page[Item]:
    """One page of a list read whole (the catalogue's short reference lists)."""
    return Page(total=len(items), limit=page.limit, offset=page.offset,
                items=list(items[page.offset:page.offset + page.limit]))

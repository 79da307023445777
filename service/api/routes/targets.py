"""HTTP only: list and fetch targets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from indicators.data import queries as indicator_queries
from indicators.data.records import target_record
from indicators.text.messages import bilingual
from indicators.vocab import ReviewState
from service.api.deps import SessionDep
from service.api.pagination import Page, PageDep

router = APIRouter(prefix="/api/targets", tags=["targets"])


@router.get("", response_model=Page[dict[str, Any]])
def list_targets(
    session: SessionDep, page: PageDep,
    region: Annotated[str | None, Query(description="Region code, e.g. 141100")] = None,
    indicator: Annotated[str | None, Query(description="Indicator code")] = None,
    document: Annotated[str | None, Query(description="Document code, e.g. 002")] = None,
    review_state: ReviewState | None = None,
) -> Page[dict[str, Any]]:
    where = indicator_queries.TargetFilter(region_code=region, indicator_code=indicator,
                                           document_code=document, review_state=review_state)
    targets = indicator_queries.list_targets(session, where=where, limit=page.limit,
                                             offset=page.offset)
    return Page(total=indicator_queries.count_targets(session, where=where), limit=page.limit,
                offset=page.offset, items=[target_record(t) for t in targets])


@router.get("/{key}")
def get_target(session: SessionDep, key: str) -> dict[str, Any]:
    target = indicator_queries.get_target(session, key=key)
    if target is None:
        raise HTTPException(status_code=404,
                            detail=bilingual("api.not_found", what="target", code=key))
    return target_record(target)

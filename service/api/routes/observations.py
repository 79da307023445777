"""HTTP only: list observations (the latest vintage of each figure, or as of a time), each
saying whether it revised an earlier vintage and what that said."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from indicators.data import queries as indicator_queries
from indicators.data.figures import previous_vintages
from indicators.data.records import observation_record
from indicators.text.messages import bilingual
from indicators.vocab import SourceKind
from service.api.deps import SessionDep
from service.api.pagination import Page, PageDep

router = APIRouter(prefix="/api/observations", tags=["observations"])


@router.get("", response_model=Page[dict[str, Any]])
def list_observations(
    session: SessionDep, page: PageDep,
    region: Annotated[str | None, Query(description="Region code")] = None,
    indicator: Annotated[str | None, Query(description="Indicator code")] = None,
    document: Annotated[str | None, Query(description="Code of the reporting document")] = None,
    source_kind: SourceKind | None = None,
    as_of: Annotated[datetime | None, Query(
        description="Timezone-aware time: the data as they stood then")] = None,
) -> Page[dict[str, Any]]:
    if as_of is not None and as_of.tzinfo is None:
        raise HTTPException(status_code=422, detail=bilingual("api.naive_time"))
    where = indicator_queries.ObservationFilter(
        region_code=region, indicator_code=indicator, document_code=document,
        source_kind=source_kind, as_of=as_of)
    rows = indicator_queries.list_latest_observations(session, where=where, limit=page.limit,
                                                      offset=page.offset)
    replaced = previous_vintages(session, rows)
    return Page(total=indicator_queries.count_latest_observations(session, where=where),
                limit=page.limit, offset=page.offset,
                items=[observation_record(o, replaced.get(o.id)) for o in rows])

"""HTTP only: the latest stored assessment of every target, paged."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from indicators.data import board
from indicators.data.board_view import deadline_range
from indicators.vocab import Nature, Status
from service.api.deps import SessionDep
from service.api.pagination import Page, PageDep

router = APIRouter(prefix="/api/assessments", tags=["assessments"])


class AssessmentPage(Page[dict[str, Any]]):
    """A page of the newest run's results, with the moment that run assessed."""

    as_of: str | None


@router.get("", response_model=AssessmentPage)
def list_assessments(
    session: SessionDep, page: PageDep,
    region: Annotated[str | None, Query(description="Region code")] = None,
    document: Annotated[str | None, Query(description="Document code")] = None,
    status: Status | None = None,
    department: Annotated[str | None, Query(description="Lead department, as written")] = None,
    nature: Nature | None = None,
    deadline: Annotated[str | None, Query(
        description="Deadline year (2020) or range of years (2018-2020)",
        pattern=r"^\d{4}(-\d{4})?$")] = None,
) -> AssessmentPage:
    """Return the newest run's results that match, a page at a time (run `targetwatch
    assess` to make one)."""
    low, high = deadline_range(deadline)
    run, total, records = board.latest_assessments(session, board.AssessmentFilter(
        region_code=region, document_code=document, status=status, department=department,
        nature=nature, deadline_from=low, deadline_to=high),
        limit=page.limit, offset=page.offset)
    return AssessmentPage(as_of=run.as_of.isoformat() if run else None, total=total,
                          limit=page.limit, offset=page.offset, items=records)

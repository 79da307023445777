"""HTTP only: the latest stored assessment of every target."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from indicators.data import board
from indicators.vocab import Status
from service.api.deps import SessionDep

router = APIRouter(prefix="/api/assessments", tags=["assessments"])


@router.get("")
def list_assessments(
    session: SessionDep,
    region: Annotated[str | None, Query(description="Region code")] = None,
    document: Annotated[str | None, Query(description="Document code")] = None,
    status: Status | None = None,
) -> dict[str, Any]:
    """Return the newest run's results (run `targetwatch assess` to make one)."""
    run, records = board.latest_assessments(session, board.AssessmentFilter(
        region_code=region, document_code=document, status=status))
    return {"as_of": run.as_of.isoformat() if run else None, "total": len(records),
            "items": records}

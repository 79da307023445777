"""HTTP only: the latest stored assessment of every target."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from indicators.data.records import assessment_record
from indicators.runs.assessment import latest_run
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
    run = latest_run(session)
    records = [assessment_record(r) for r in run.results] if run else []
    records = [r for r in records if (region is None or r["region"] == region)
               and (document is None or r["document"] == document)
               and (status is None or r["status"] == status.value)]
    return {"as_of": run.as_of.isoformat() if run else None, "total": len(records),
            "items": records}

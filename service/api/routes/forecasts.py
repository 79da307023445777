"""HTTP only: each approved target's forecast, for the leaders' board and the fan chart.

A target's trajectory is its series' newest stored forecast (`targetwatch forecast`, the
nightly job, or the re-forecast after an upload); the forecast at the deadline and the
probability of meeting the target come from the newest assessment run (`targetwatch assess`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query

from indicators.data import board
from indicators.data.queries import NotFoundError
from indicators.text.messages import bilingual
from service.api.deps import SessionDep
from service.api.pagination import Page, PageDep

router = APIRouter(prefix="/api/forecasts", tags=["forecasts"])


@router.get("", response_model=Page[dict[str, Any]])
def list_forecasts(
    session: SessionDep, page: PageDep,
    target: Annotated[str | None, Query(description="Target key")] = None,
    indicator: Annotated[str | None, Query(description="Indicator code")] = None,
    region: Annotated[str | None, Query(description="Region code")] = None,
) -> Page[dict[str, Any]]:
    """Return, per approved target, its series' trajectory (mean, 80%/95% bounds and
    quantiles per year), the model and why, and from the newest assessment the forecast
    at the deadline, its intervals, the probability of meeting the target and the status."""
    try:
        targets = board.forecast_targets(session, region_code=region, indicator_code=indicator,
                                         key=target)
    except NotFoundError:
        raise HTTPException(status_code=404, detail=bilingual(
            "api.not_found", what="target", code=target)) from None
    chosen = targets[page.offset:page.offset + page.limit]
    return Page(total=len(targets), limit=page.limit, offset=page.offset,
                items=board.target_forecasts(session, chosen))


@router.get("/runs", response_model=Page[dict[str, Any]])
def list_runs(session: SessionDep, page: PageDep) -> Page[dict[str, Any]]:
    """Return the stored forecast runs, newest first."""
    total, items = board.forecast_run_records(session, limit=page.limit, offset=page.offset)
    return Page(total=total, limit=page.limit, offset=page.offset, items=items)

"""HTTP only: the region comparison page, /compare?indicator=CODE."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from dashboards.pages.compare import render_compare_page
from indicators.data.comparison import comparable_indicators, region_comparison
from service.api.deps import SessionDep
from service.web.deps import PageDep

router = APIRouter(include_in_schema=False)


@router.get("/compare", response_class=HTMLResponse)
def compare_page(ctx: PageDep, session: SessionDep,
                 indicator: Annotated[str | None, Query(max_length=80)] = None
                 ) -> HTMLResponse:
    """One indicator across regions, each against its own target, as known now or on the
    as-of day; without an indicator, only the picker (indicators with several regions
    first). An unknown indicator answers 404 with the picker, so the page stays usable."""
    indicators = comparable_indicators(session)
    chosen = indicator.strip() if indicator and indicator.strip() else None
    comparison = None if chosen is None else region_comparison(
        session, indicator_code=chosen, moment=ctx.as_of_moment if ctx.as_of else None)
    html = render_compare_page(ctx, indicators=indicators, chosen=chosen,
                               comparison=comparison)
    return HTMLResponse(html, status_code=404 if chosen and comparison is None else 200)

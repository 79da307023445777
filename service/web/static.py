"""plotly.js for the pages' charts, served from the installed plotly package (never a CDN:
a bureau's network may have no internet)."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter
from fastapi.responses import Response
from plotly.offline import get_plotlyjs

router = APIRouter(include_in_schema=False)


@cache
def _plotly_js() -> bytes:
    return get_plotlyjs().encode()


@router.get("/static/plotly.min.js")
def plotly_js() -> Response:
    return Response(_plotly_js(), media_type="text/javascript",
                    headers={"Cache-Control": "public, max-age=86400"})

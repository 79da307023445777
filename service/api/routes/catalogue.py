"""HTTP only: the reference lists — regions, indicators and source documents, paged."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from indicators.data import board
from service.api.deps import SessionDep
from service.api.pagination import Page, PageDep, page_of

router = APIRouter(prefix="/api", tags=["catalogue"])


@router.get("/regions")
def list_regions(session: SessionDep, page: PageDep) -> Page[dict[str, Any]]:
    return page_of(board.region_records(session), page)


@router.get("/indicators")
def list_indicators(session: SessionDep, page: PageDep) -> Page[dict[str, Any]]:
    return page_of(board.indicator_records(session), page)


@router.get("/documents")
def list_documents(session: SessionDep, page: PageDep) -> Page[dict[str, Any]]:
    return page_of(board.document_records(session), page)

"""HTTP only: the reference lists — regions, indicators and source documents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from indicators.data import board
from service.api.deps import SessionDep

router = APIRouter(prefix="/api", tags=["catalogue"])


@router.get("/regions")
def list_regions(session: SessionDep) -> list[dict[str, Any]]:
    return board.region_records(session)


@router.get("/indicators")
def list_indicators(session: SessionDep) -> list[dict[str, Any]]:
    return board.indicator_records(session)


@router.get("/documents")
def list_documents(session: SessionDep) -> list[dict[str, Any]]:
    return board.document_records(session)

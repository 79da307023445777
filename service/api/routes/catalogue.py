"""HTTP only: the reference lists — regions, indicators and source documents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import select

from indicators.tables.catalogue import Document, Indicator, Region
from service.api.deps import SessionDep

router = APIRouter(prefix="/api", tags=["catalogue"])


@router.get("/regions")
def list_regions(session: SessionDep) -> list[dict[str, Any]]:
    regions = session.scalars(select(Region).order_by(Region.code))
    return [{"code": r.code, "name": r.name, "name_en": r.name_en, "level": r.level.value,
             "parent": r.parent_code} for r in regions]


@router.get("/indicators")
def list_indicators(session: SessionDep) -> list[dict[str, Any]]:
    indicators = session.scalars(select(Indicator).order_by(Indicator.code))
    return [{"code": i.code, "name": i.name, "name_en": i.name_en, "unit": i.unit,
             "frequency": i.frequency.value, "higher_is_better": i.higher_is_better,
             "value_type": i.value_type.value, "definition": i.definition} for i in indicators]


@router.get("/documents")
def list_documents(session: SessionDep) -> list[dict[str, Any]]:
    documents = session.scalars(select(Document).order_by(Document.code))
    return [{"code": d.code, "title": d.title, "issuer": d.issuer,
             "issued_on": d.issued_on.isoformat() if d.issued_on else None,
             "plan_start": d.plan_start, "plan_end": d.plan_end, "region": d.region_code,
             "script": d.script.value, "text_sha256": d.text_sha256} for d in documents]

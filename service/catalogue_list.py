"""The catalogue's indicators and regions with every name they go by: for `targetwatch
catalog list` and for the catalogue sheet of an upload template."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.data import board
from indicators.tables.catalogue import Indicator, Region
from indicators.text.messages import Language, message
from ingest.template import CatalogueEntry


def aliases(name: str, *others: str | None) -> list[str]:
    """The other names an upload may use for a thing called `name` (today its English
    name; the one place to extend when the catalogue gains aliases)."""
    seen = {name}
    found = []
    for other in others:
        if other and other not in seen:
            seen.add(other)
            found.append(other)
    return found


def indicator_listing(session: Session) -> list[dict[str, Any]]:
    """Every indicator by code: its fields as /api/indicators gives them, and aliases."""
    return [{**record, "aliases": aliases(record["name"], record["name_en"])}
            for record in board.indicator_records(session)]


def region_listing(session: Session) -> list[dict[str, Any]]:
    """Every region by code: its fields as /api/regions gives them, and aliases."""
    return [{**record, "aliases": aliases(record["name"], record["name_en"])}
            for record in board.region_records(session)]


def catalogue_entries(session: Session) -> tuple[list[CatalogueEntry], list[CatalogueEntry]]:
    """The indicators and the regions as the template's catalogue sheet lists them."""
    indicators = [CatalogueEntry(
        name=i.name, code=i.code, unit=i.unit,
        frequency=message(f"frequency.{i.frequency.value}", Language.ZH),
        aliases=tuple(aliases(i.name, i.name_en)))
        for i in session.scalars(select(Indicator).order_by(Indicator.code))]
    regions = [CatalogueEntry(name=r.name, code=r.code, aliases=tuple(aliases(r.name, r.name_en)))
               for r in session.scalars(select(Region).order_by(Region.code))]
    return indicators, regions

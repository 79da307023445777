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


def _shown(record: dict[str, Any], language: Language) -> tuple[str, str]:
    """The name to show in `language`, and every other name joined with 、."""
    name = record["name"] if language is Language.ZH else record["name_en"] or record["name"]
    others = [n for n in (record["name"], *record["aliases"]) if n != name]
    return name, "、".join(others)


def indicator_table(records: list[dict[str, Any]],
                    language: Language) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the indicator table: name, code, unit, frequency, aliases."""
    headers = [message(f"catalog.{key}", language)
               for key in ("name", "code", "unit", "frequency", "aliases")]
    rows = []
    for record in records:
        name, others = _shown(record, language)
        rows.append([name, record["code"], record["unit"],
                     message(f"frequency.{record['frequency']}", language), others])
    return headers, rows


def region_table(records: list[dict[str, Any]],
                 language: Language) -> tuple[list[str], list[list[str]]]:
    """Headers and rows of the region table: name, code, level, parent, aliases."""
    headers = [message(f"catalog.{key}", language)
               for key in ("name", "code", "level", "parent", "aliases")]
    names = {r["code"]: _shown(r, language)[0] for r in records}
    rows = []
    for record in records:
        name, others = _shown(record, language)
        parent = record["parent"]
        rows.append([name, record["code"], message(f"level.{record['level']}", language),
                     "" if parent is None else names.get(parent, parent), others])
    return headers, rows

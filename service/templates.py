"""Build an upload template for indicators and regions named as a clerk names them: in
Chinese, in English, by code or by any alias the catalogue knows."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from indicators.text.messages import Language, message
from ingest.checks.references import IndicatorRef, RegionRef, key_of
from ingest.pipeline import load_catalogue
from ingest.template import TemplateIndicator, TemplateRegion, build_template
from service.catalogue_list import catalogue_entries

_SEPARATORS = re.compile(r"[,，、;；]")
Ref = TypeVar("Ref", IndicatorRef, RegionRef)


def split_list(text: str) -> list[str]:
    """Split an option ("gdp, 地区生产总值、淄博市") at commas (also full-width), 、 and ;."""
    return [part.strip() for part in _SEPARATORS.split(text) if part.strip()]


class UnknownNames(LookupError):
    """Names the catalogue does not know; the message is bilingual and offers the closest."""


def template_for(session: Session, *, indicators: Sequence[str], regions: Sequence[str],
                 periods: Sequence[str]) -> bytes:
    """Return an XLSX template for the named indicators, regions and periods.

    Raises UnknownNames for a name the catalogue does not know (saying which names come
    closest), or when no indicator or no region is asked for."""
    known = load_catalogue(session)
    chosen_indicators, unknown_indicators = _resolve(
        indicators, lambda name: known.indicators.get(key_of(name)))
    chosen_regions, unknown_regions = _resolve(regions, known.region_named)
    problems = [("template.unknown_indicator", raw, known.closest_indicators(raw))
                for raw in unknown_indicators]
    problems += [("template.unknown_region", raw, known.closest_regions(raw))
                 for raw in unknown_regions]
    if problems:
        raise UnknownNames(_unknown_text(problems))
    if not chosen_indicators or not chosen_regions:
        raise UnknownNames(" / ".join(message("template.nothing_asked", language)
                                      for language in Language))
    return build_template(
        [TemplateIndicator(name=i.name, unit=i.unit, definition=i.definition, code=i.code)
         for i in chosen_indicators],
        [TemplateRegion(name=r.name, code=r.code) for r in chosen_regions],
        list(periods), catalogue=catalogue_entries(session))


def _resolve(names: Sequence[str], lookup: Callable[[str], Ref | None]
             ) -> tuple[list[Ref], list[str]]:
    """Look each name up; return what was found (once each, in order) and what was not."""
    found: list[Ref] = []
    unknown: list[str] = []
    for name in names:
        ref = lookup(name)
        if ref is None:
            unknown.append(name)
        elif ref not in found:
            found.append(ref)
    return found, unknown


def _unknown_text(problems: list[tuple[str, str, list[str]]]) -> str:
    """All unknown names in one message: Chinese, then English."""
    def part(key: str, raw: str, names: list[str], language: Language) -> str:
        closest = message("template.closest", language, names="、".join(names)) if names \
            else message("template.see_catalogue", language)
        return message(key, language, raw=raw, closest=closest)

    zh = "；".join(part(*problem, Language.ZH) for problem in problems)
    en = "; ".join(part(*problem, Language.EN) for problem in problems)
    return f"{zh} / {en}"

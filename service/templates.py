"""Build an upload template for indicators and regions named as a clerk names them: in
Chinese, in English, by code or by any alias the catalogue knows."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from indicators.text.messages import Language, message
from ingest.pipeline import load_catalogue
from ingest.references import IndicatorRef, RegionRef, key_of
from ingest.template import TemplateIndicator, TemplateRegion, build_template
from service.catalogue_list import catalogue_entries

_SEPARATORS = re.compile(r"[,，、;；]")
CLOSEST = 3
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
    chosen_indicators, unknown_indicators = _resolve(indicators, known.indicators)
    chosen_regions, unknown_regions = _resolve(regions, known.regions)
    problems = [("template.unknown_indicator", raw, _closest(raw, known.indicators))
                for raw in unknown_indicators]
    problems += [("template.unknown_region", raw, _closest(raw, known.regions))
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


def _resolve(names: Sequence[str], by_name: Mapping[str, Ref]) -> tuple[list[Ref], list[str]]:
    """Look each name up; return what was found (once each, in order) and what was not."""
    found: list[Ref] = []
    unknown: list[str] = []
    for name in names:
        ref = by_name.get(key_of(name))
        if ref is None:
            unknown.append(name)
        elif ref not in found:
            found.append(ref)
    return found, unknown


def _closest(raw: str, by_name: Mapping[str, IndicatorRef] | Mapping[str, RegionRef]
             ) -> list[str]:
    """The canonical names ("地区生产总值（gdp）") of the entries one of whose names is
    nearest to `raw`: by edit similarity, shared character pairs and containment, which
    also work for short Chinese names ("淄博" → 淄博市)."""
    typed = key_of(raw)
    best: dict[str, float] = {}
    for key, ref in by_name.items():
        label = f"{ref.name}（{ref.code}）"
        best[label] = max(best.get(label, 0.0), _similarity(typed, key))
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
    return [label for label, score in ranked[:CLOSEST] if score >= 0.3]


def _similarity(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    contained = 0.6 + 0.4 * min(len(a), len(b)) / max(len(a), len(b)) if a in b or b in a \
        else 0.0
    pairs_a, pairs_b = _pairs(a), _pairs(b)
    shared = len(pairs_a & pairs_b) / min(len(pairs_a), len(pairs_b))
    return max(ratio, contained, shared)


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def _unknown_text(problems: list[tuple[str, str, list[str]]]) -> str:
    """All unknown names in one message: Chinese, then English."""
    def part(key: str, raw: str, names: list[str], language: Language) -> str:
        closest = message("template.closest", language, names="、".join(names)) if names \
            else message("template.see_catalogue", language)
        return message(key, language, raw=raw, closest=closest)

    zh = "；".join(part(*problem, Language.ZH) for problem in problems)
    en = "; ".join(part(*problem, Language.EN) for problem in problems)
    return f"{zh} / {en}"

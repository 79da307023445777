"""Build an upload template from catalogue codes."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.text.messages import bilingual
from ingest.template import TemplateIndicator, build_template


def split_list(text: str) -> list[str]:
    """Split a comma-separated option ("gdp, gdp_growth") into its items."""
    return [part.strip() for part in text.split(",") if part.strip()]


class UnknownCodes(LookupError):
    """Codes the catalogue does not know; the message is bilingual."""


def template_for(session: Session, *, indicator_codes: Sequence[str],
                 region_codes: Sequence[str], periods: Sequence[str]) -> bytes:
    """Return an XLSX template for the named indicators, regions and periods."""
    indicators = [indicator_queries.get_indicator(session, code=c) for c in indicator_codes]
    regions = [indicator_queries.get_region(session, code=c) for c in region_codes]
    unknown = [c for c, i in zip(indicator_codes, indicators, strict=True) if i is None]
    unknown += [c for c, r in zip(region_codes, regions, strict=True) if r is None]
    if unknown or not indicators or not regions:
        raise UnknownCodes(bilingual("template.unknown_codes", codes=", ".join(unknown) or "—"))
    return build_template(
        [TemplateIndicator(name=i.name, unit=i.unit, definition=i.definition)
         for i in indicators if i is not None],
        [r.name for r in regions if r is not None], list(periods))

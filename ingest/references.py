"""The catalogue as an upload sees it: indicators and regions by every name they go by."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from indicators.catalogue.format import IndicatorSpec


class IndicatorRef(IndicatorSpec):
    """An indicator as an upload sees it: its catalogue fields (declared once, in the
    catalogue format) and the id its figures are stored under."""

    id: int


@dataclass(frozen=True)
class RegionRef:
    code: str
    name: str
    name_en: str | None = None


@dataclass(frozen=True)
class Catalogue:
    """The indicators and regions an upload may name, by every name they go by."""

    indicators: Mapping[str, IndicatorRef]
    regions: Mapping[str, RegionRef]

    @classmethod
    def build(cls, indicators: Iterable[IndicatorRef], regions: Iterable[RegionRef]) -> Catalogue:
        by_name: dict[str, IndicatorRef] = {}
        for ref in indicators:
            for name in (ref.code, ref.name, ref.name_en):
                by_name[key_of(name)] = ref
        places: dict[str, RegionRef] = {}
        for region in regions:
            for name in (region.code, region.name, region.name_en or "",
                         f"{region.name_en} ({region.name})" if region.name_en else ""):
                if name:
                    places[key_of(name)] = region
        return cls(by_name, places)

    def indicator_names(self) -> list[str]:
        return sorted({ref.name for ref in self.indicators.values()})

    def region_names(self) -> list[str]:
        return sorted({ref.name for ref in self.regions.values()})


def key_of(text: str) -> str:
    """Fold a name for lookups: no spaces, case-insensitive."""
    return "".join(text.split()).casefold()

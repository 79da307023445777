"""The catalogue as an upload sees it: indicators and regions by every name they go by."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from indicators.catalogue.format import IndicatorSpec
from ingest.checks.name_match import NameChoice, choices_of, closest

# Abbreviations bureaus write in indicator names, spelled out before names are compared
# (for suggestions only: an abbreviated name is never taken as the indicator by itself).
ABBREVIATIONS: Mapping[str, str] = {
    "规上": "规模以上", "限上": "限额以上", "GDP": "地区生产总值", "GRP": "地区生产总值",
    "生产总值": "地区生产总值", "增速": "增长率", "增幅": "增长率", "增长速度": "增长率",
    "固投": "固定资产投资", "社零": "社会消费品零售总额", "一般预算": "一般公共预算",
    "公共财政预算": "一般公共预算", "城镇化率": "常住人口城镇化率", "R&D": "研究与试验发展",
    "研发": "研究与试验发展", "PM2.5": "细颗粒物(PM2.5)",
}


# What a region name may drop and still name the region (淄博 for 淄博市).
REGION_SUFFIXES = ("市", "省", "县", "区")

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

    @cached_property
    def _indicator_choices(self) -> list[NameChoice]:
        return choices_of((label, ref.name) for ref in self.indicators.values()
                          for label in (ref.name, ref.name_en, ref.code))

    @cached_property
    def _region_choices(self) -> list[NameChoice]:
        return choices_of((label, ref.name) for ref in self.regions.values()
                          for label in (ref.name, ref.name_en, ref.code))

    def region_named(self, raw: str) -> RegionRef | None:
        """The region `raw` names by code or name, also without its 市/省/县/区 suffix
        (淄博 for 淄博市): uploads and templates read region names alike."""
        key = key_of(raw)
        found = self.regions.get(key)
        if found is None and key:
            found = next((self.regions[key + s] for s in REGION_SUFFIXES
                          if key + s in self.regions), None)
        return found

    def closest_indicators(self, raw: str) -> list[str]:
        """Up to three indicator names closest to `raw` (by name, English name or code,
        abbreviations spelled out), best first."""
        return closest(raw, self._indicator_choices, ABBREVIATIONS)

    def closest_regions(self, raw: str) -> list[str]:
        """Up to three region names closest to `raw`, also without 市/区/县 suffixes."""
        return closest(raw, self._region_choices, {}, regions=True)


def key_of(text: str) -> str:
    """Fold a name for lookups: no spaces, case-insensitive."""
    return "".join(text.split()).casefold()

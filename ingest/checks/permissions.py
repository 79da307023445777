"""What an uploader may write: regions, and optionally indicators."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WritePermission:
    """Regions (codes) and indicators (codes; None = any) a figure may be written for."""

    regions: frozenset[str] | None  # None = any region
    indicators: frozenset[str] | None = None

    @classmethod
    def everything(cls) -> WritePermission:
        return cls(regions=None, indicators=None)

    def allows(self, *, region: str, indicator: str) -> bool:
        return ((self.regions is None or region in self.regions)
                and (self.indicators is None or indicator in self.indicators))

"""Target bodies the write API tests send."""

from __future__ import annotations

from typing import Any

SEED_LVLIANG = "002-urbanization-rate-annual-rise-2013-2015"  # 吕梁市: outside the uploader's


def draft(key: str, *, region: str = "370300", indicator: str = "gdp") -> dict[str, Any]:
    """A new level target; by default for 淄博市's GDP, the uploader's scope."""
    return {"key": key, "indicator": indicator, "region": region, "kind": "level_at_deadline",
            "comparator": "gte", "value": "6000", "unit": "亿元", "deadline": 2030,
            "quote": "地区生产总值达到6000亿元"}

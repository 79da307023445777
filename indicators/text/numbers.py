"""Numbers as people read them in a sentence."""

from __future__ import annotations

import math
from decimal import Decimal


def fmt(value: float | None) -> str:
    """Format a number for a sentence: thousands separators, at most two decimals."""
    if value is None or math.isnan(value):
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def fmt_share(share: float | None) -> str:
    """Format a share (0.3) as a whole percentage (30%)."""
    return "—" if share is None or math.isnan(share) else f"{share * 100:.0f}%"


def plain_number(value: Decimal | None) -> str | None:
    """Render a stored decimal without the storage scale's trailing zeros (8.0000 → 8)."""
    if value is None:
        return None
    return format(value.normalize(), "f")

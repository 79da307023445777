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


def chance_text(probability: float | None) -> str:
    """A probability as a whole percentage that never rounds an uncertain outcome to a
    certain one: 0.996 is ">99%", not "100%"."""
    if probability is not None and 0 < probability < 0.01:
        return "<1%"
    if probability is not None and 0.99 < probability < 1:
        return ">99%"
    return fmt_share(probability)


def plain_number(value: Decimal | None) -> str | None:
    """Render a stored decimal without the storage scale's trailing zeros (8.0000 → 8)."""
    if value is None:
        return None
    return format(value.normalize(), "f")

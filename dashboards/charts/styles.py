"""How each part of the target-gap chart is drawn, so that it reads printed in grey: every
role differs from every other in line dash, marker symbol, line width or fill pattern, never
in hue alone. Colours are dark or light greys with one accent, and the accent is never the
only difference (tests check the table)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Style:
    """The look of one role: line (dash, width), marker (symbol, size) and fill pattern."""

    colour: str
    dash: str | None = None  # None: no line
    width: float = 0.0
    symbol: str | None = None  # None: no marker
    size: int = 0
    pattern: str = ""  # plotly fill pattern shape; "" for none or no fill


INK = "#1a1a1a"
ACCENT = "#1f4e99"
GREY = "#6b6b6b"

STYLES: dict[str, Style] = {
    # The figures: one solid line, and markers by status (filled, square, hollow).
    "actual_line": Style(INK, dash="solid", width=2.5),
    "actual_final": Style(INK, symbol="circle", size=9),
    "actual_revised": Style(INK, symbol="square", size=9),
    "actual_preliminary": Style(INK, symbol="circle-open", size=11),
    # Generated demo figures: a cross, never mistaken for a published one.
    "actual_illustrative": Style(GREY, symbol="cross-open", size=10),
    "required_path": Style(GREY, dash="dash", width=2.0),
    "target": Style(INK, symbol="star", size=16),
    "target_band": Style(GREY, dash="longdash", width=1.0, pattern="x"),
    "forecast": Style(ACCENT, dash="dot", width=3.0, symbol="diamond-open", size=9),
    # Hatched, not dotted: the dotted forecast line must stand out against its own fan.
    "fan_80": Style(ACCENT, dash="dashdot", width=0.8, pattern="/"),
    "fan_95": Style(ACCENT, dash="longdashdot", width=0.5, pattern="\\"),
    "break": Style(INK, symbol="triangle-down", size=12),
}

# Vertical lines (layout shapes): the deadline and each definition break.
DEADLINE_LINE = {"color": INK, "width": 2, "dash": "dashdot"}
BREAK_LINE = {"color": GREY, "width": 1, "dash": "dot"}
FONT = "Noto Sans CJK SC, Noto Sans SC, Source Han Sans SC, sans-serif"

# The look of Plotly's "simple_white" (white ground, dark axis lines, ticks outside), set
# on the layout with the empty template "none": resolving a named template validates it
# again for every figure, some 50 ms a chart, which a page answering in 300 ms cannot spare.
AXIS = {"showline": True, "linecolor": "rgb(36,36,36)", "ticks": "outside", "zeroline": False,
        "showgrid": False, "automargin": True, "title": {"standoff": 15}}
PLAIN_LAYOUT: dict[str, Any] = {
    "template": "none", "plot_bgcolor": "white", "paper_bgcolor": "white",
    "font": {"family": FONT, "color": "rgb(36,36,36)"}, "hoverlabel": {"align": "left"}}


def fill_colour(style: Style, opacity: float) -> str:
    """Return the style's colour with `opacity`, for a filled area."""
    red, green, blue = (int(style.colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{opacity})"

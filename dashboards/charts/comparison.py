"""The region comparison chart: one indicator's targets across regions, each as the share
of the way to its own target covered (distance share) beside the share of its period
elapsed (time share, 序时进度). A pure function, so a page, a PNG and an alert email draw
the same chart.

A bar of covered distance shorter than its bar of elapsed time is behind schedule. The
two bars differ in fill (solid ink against hatched light grey), and the target (100%) is
a labelled dash-dot line, so the chart reads printed in grey. Region names and status
words are escaped, since Plotly renders HTML in tick labels and hover text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from dashboards.charts.styles import DEADLINE_LINE, FONT, GREY, INK
from indicators.text.messages import Language, message
from indicators.text.numbers import fmt_share

BAR_HEIGHT_PX = 56  # per target, so that labels never overlap
MIN_HEIGHT_PX = 260


@dataclass(frozen=True)
class RegionBar:
    """One target in the chart: its label (region, deadline), its mark (status shape and
    word), and its shares as fractions (None when the arithmetic has none)."""

    label: str
    mark: str
    distance_share: float | None
    time_share: float | None
    probability: float | None = None


def _escaped(text: str) -> str:
    return html.escape(text, quote=True)


def _tick(bar: RegionBar) -> str:
    return f"{_escaped(bar.label)}<br>{_escaped(bar.mark)}"


def _bar(role: str, bars: Sequence[RegionBar], shares: list[float | None],
         language: Language, *, colour: str, pattern: str) -> go.Bar:
    """A horizontal bar per target for one share; a missing share is drawn as nothing
    with "—" beside it."""
    return go.Bar(
        name=message(f"compare.chart_{role}", language), orientation="h",
        y=list(range(len(bars))), x=[s if s is not None else 0.0 for s in shares],
        text=[fmt_share(s) for s in shares], textposition="outside", cliponaxis=False,
        marker={"color": colour, "line": {"color": INK, "width": 1},
                "pattern": {"shape": pattern, "fgcolor": INK, "size": 6, "solidity": 0.3}},
        hovertext=[_escaped(message(f"compare.chart_{role}_hover", language,
                                    label=b.label, share=fmt_share(s))) for b, s in
                   zip(bars, shares, strict=True)],
        hoverinfo="text", meta={"role": role})


def comparison_figure(bars: Sequence[RegionBar], *, language: Language,
                      title: str) -> go.Figure:
    """Draw each target's distance share beside its time share, the first target at the
    top, with the target line at 100%."""
    ordered = list(reversed(bars))  # Plotly draws the first category at the bottom
    figure = go.Figure([
        _bar("time", ordered, [b.time_share for b in ordered], language,
             colour="#d9d9d9", pattern="/"),
        _bar("distance", ordered, [b.distance_share for b in ordered], language,
             colour=INK, pattern=""),
    ])
    figure.add_vline(x=1.0, line=DEADLINE_LINE)
    figure.add_annotation(x=1.0, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
                          text=_escaped(message("compare.chart_target", language)),
                          font={"color": INK})
    figure.update_layout(
        title={"text": _escaped(title)}, barmode="group", bargap=0.25,
        font={"family": FONT, "color": INK}, plot_bgcolor="white", paper_bgcolor="white",
        height=max(MIN_HEIGHT_PX, BAR_HEIGHT_PX * len(bars) + 180),
        margin={"l": 10, "r": 40, "t": 100, "b": 60},
        # Above the bars, under the title: below, it ran into the axis title.
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        xaxis={"tickformat": ".0%", "title": {"text": _escaped(
            message("compare.chart_axis", language))}, "gridcolor": "#e0e0e0",
               "zerolinecolor": GREY, "rangemode": "tozero"},
        # Positions with labels, not categories: two targets of one region with one
        # deadline would share a category and be drawn as one.
        yaxis={"automargin": True, "tickmode": "array", "tickvals": list(range(len(bars))),
               "ticktext": [_tick(b) for b in ordered], "range": [-0.6, len(bars) - 0.4]})
    return figure

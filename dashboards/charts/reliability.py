"""The reliability chart of the track record: stated probability (binned) against the share
of targets met, with the number of pairs in each bin. A pure function (bins in, figure out),
so a page, a PNG and a report draw the same chart.

It reads printed in grey: the diagonal of perfect reliability is a dashed grey line, the
observed bins a solid black line with filled circles labelled with their counts, and the
counts themselves hatched light-grey bars on a second axis; no part differs by hue alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from dashboards.charts.styles import FONT, GREY, INK
from forecasting.reliability import ReliabilityBin
from indicators.text.messages import Language, message
from indicators.text.numbers import fmt_share


def reliability_figure(bins: Sequence[ReliabilityBin], language: Language) -> go.Figure:
    """Return the reliability chart: one point per non-empty bin at (mean stated
    probability, share met), the diagonal, and the pairs per bin as bars."""
    def t(key: str, **values: object) -> str:
        return message(key, language, **values)

    filled = [b for b in bins if b.count]
    labels = [t("track.bin", low=fmt_share(b.lower), high=fmt_share(b.upper)) for b in bins]
    figure = go.Figure()
    figure.add_bar(
        x=[(b.lower + b.upper) / 2 for b in bins], y=[b.count for b in bins],
        width=[(b.upper - b.lower) * 0.9 for b in bins], name=t("track.count"), yaxis="y2",
        marker={"color": "rgba(107,107,107,0.18)", "line": {"color": GREY, "width": 1},
                "pattern": {"shape": "/", "fgcolor": GREY, "size": 6}},
        hovertext=[f"{label}: {b.count}" for label, b in zip(labels, bins, strict=True)],
        hoverinfo="text")
    figure.add_scatter(x=[0, 1], y=[0, 1], mode="lines", name=t("track.perfect"),
                       line={"color": GREY, "dash": "dash", "width": 1.5}, hoverinfo="skip")
    figure.add_scatter(
        x=[b.mean_probability for b in filled], y=[b.share_met for b in filled],
        mode="lines+markers+text", name=t("track.observed"),
        line={"color": INK, "width": 2.5}, marker={"color": INK, "symbol": "circle", "size": 10},
        text=[f"n={b.count}" for b in filled], textposition="top left",
        hovertext=[f"{t('track.mean_stated')} {fmt_share(b.mean_probability)} · "
                   f"{t('track.share_met')} {fmt_share(b.share_met)} · n={b.count}"
                   for b in filled], hoverinfo="text")
    figure.update_layout(
        title=t("track.reliability"), font={"family": FONT, "color": INK},
        paper_bgcolor="white", plot_bgcolor="white", height=460,
        margin={"l": 60, "r": 60, "t": 60, "b": 110},
        legend={"orientation": "h", "y": -0.22, "x": 0},
        xaxis={"title": t("track.stated"), "range": [0, 1], "tickformat": ".0%",
               "gridcolor": "#e0e0e0", "zeroline": False},
        yaxis={"title": t("track.share_met"), "range": [-0.03, 1.12], "tickformat": ".0%",
               "gridcolor": "#e0e0e0", "zeroline": False},
        yaxis2={"title": t("track.count"), "overlaying": "y", "side": "right",
                "showgrid": False, "range": [0, 1.12 * max((b.count for b in bins), default=1)
                                             or 1], "tickformat": "d"})
    return figure

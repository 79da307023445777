"""The status-history chart: a target's status and probability of meeting it over its
assessment runs, as two step lines (a verdict holds until the next run replaces it). A pure
function of plain values (`indicators.data.target_history.StatusPoint`), so the target
page and a later alert email draw the same chart.

It reads in grey: the status is a solid line with a marker shape per status (filled for a
final verdict, open for a forecast one, as the board's marks), the probability a dotted
line with diamonds on an axis of its own; each hover names the run's date, the status word,
the probability and the reason (HTML-escaped, since Plotly renders hover text as HTML).
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import plotly.graph_objects as go

from dashboards.charts.styles import ACCENT, AXIS, INK, PLAIN_LAYOUT
from indicators.clock import CHINA_TIME
from indicators.data.target_history import StatusPoint
from indicators.text.messages import Language, message
from indicators.text.numbers import fmt_share
from indicators.vocab import Status

# Bottom to top: the order of the status axis.
STATUS_ORDER = (Status.NOT_ASSESSABLE, Status.MISSED, Status.OFF_TRACK, Status.AT_RISK,
                Status.ON_TRACK, Status.ACHIEVED)
PERCENT_TICKS = (0, 25, 50, 75, 100)  # the probability axis; not tied to the status rows
# One marker per status, the same idea as the board's marks (●○△▽■?).
STATUS_SYMBOLS: dict[Status, str] = {
    Status.ACHIEVED: "circle", Status.ON_TRACK: "circle-open",
    Status.AT_RISK: "triangle-up-open", Status.OFF_TRACK: "triangle-down-open",
    Status.MISSED: "square", Status.NOT_ASSESSABLE: "x-thin-open"}


def _status_word(status: Status, language: Language) -> str:
    return message(f"status.{status.value}", language)


def _day(point: StatusPoint) -> str:
    """The run's day in Beijing, as statistics are dated."""
    return point.run_as_of.astimezone(CHINA_TIME).date().isoformat()


def _hover(point: StatusPoint, language: Language) -> str:
    reason = point.reason_zh if language is Language.ZH else point.reason_en
    probability = ("—" if point.probability is None else fmt_share(point.probability))
    kind = message("history_chart.retrospective" if point.retrospective
                   else "history_chart.current", language)
    return message("history_chart.hover", language, date=_day(point),
                   kind=kind, status=_status_word(point.status, language),
                   probability=probability, reason=html.escape(reason, quote=True))


def status_history_figure(points: Sequence[StatusPoint],
                          language: Language = Language.ZH) -> go.Figure:
    """Draw the target's status (left axis, by status) and probability of meeting it
    (right axis, 0–100%) over its runs, oldest first, labelled in `language`."""
    # A date axis, not categories: two runs on one day (one after an upload) stay apart.
    dates = [p.run_as_of.astimezone(CHINA_TIME).replace(tzinfo=None) for p in points]
    hover = [_hover(p, language) for p in points]
    status = go.Scatter(
        x=dates, y=[_status_word(p.status, language) for p in points], mode="lines+markers",
        line={"shape": "hv", "color": INK, "width": 2, "dash": "solid"},
        marker={"symbol": [STATUS_SYMBOLS[p.status] for p in points], "size": 11,
                "color": INK, "line": {"color": INK, "width": 1.5}},
        name=message("history_chart.status", language), meta={"role": "status"},
        hovertext=hover, hoverinfo="text")
    probability = go.Scatter(
        x=dates, y=[None if p.probability is None else p.probability * 100 for p in points],
        mode="lines+markers", yaxis="y2", connectgaps=False,
        line={"shape": "hv", "color": ACCENT, "width": 2, "dash": "dot"},
        marker={"symbol": "diamond-open", "size": 9, "color": ACCENT},
        name=message("history_chart.probability", language), meta={"role": "probability"},
        hovertext=hover, hoverinfo="text")
    return go.Figure(data=[status, probability], layout=dict(
        PLAIN_LAYOUT, font={**PLAIN_LAYOUT["font"], "size": 12}, height=320,
        margin={"t": 20, "b": 90, "l": 90, "r": 90},
        legend={"orientation": "h", "yanchor": "top", "y": -0.25, "x": 0},
        # Year-month ticks: Plotly's default names the months in English on a Chinese page.
        xaxis={**AXIS, "title": message("history_chart.axis_run", language), "type": "date",
               "tickformat": "%Y-%m"},
        yaxis={**AXIS, "type": "category", "categoryorder": "array",
               "categoryarray": [_status_word(s, language) for s in STATUS_ORDER],
               "range": [-0.5, len(STATUS_ORDER) - 0.5]},
        yaxis2={**AXIS, "title": message("history_chart.axis_probability", language),
                "overlaying": "y", "side": "right", "range": [0, 100], "tickmode": "array",
                "tickvals": PERCENT_TICKS, "ticktext": [f"{v}%" for v in PERCENT_TICKS],
                "showgrid": False}))

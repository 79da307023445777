"""The target-gap chart: one target's story (`indicators.data.story.TargetStory`) as a Plotly
figure. A pure function, so a page, a PNG and an alert email draw the same chart.

It shows the published figures (final, revised and preliminary with different markers,
every vintage and the source in the hover; figures generated for the demo with a marker of
their own and a note above the chart), the required path from the baseline to the target (dashed),
the target and its band at the deadline, a deadline line, the forecast with its 80% and
95% fans, and definition breaks. Each part differs from the others in dash, marker or fill
pattern (`dashboards.charts.styles`), so it reads printed in grey. Labels come from the
message catalogue in the language asked for; every string from users or the catalogue is
HTML-escaped, since Plotly renders HTML in titles, legends and hover text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from dashboards.charts.styles import (
    AXIS,
    BREAK_LINE,
    DEADLINE_LINE,
    PLAIN_LAYOUT,
    STYLES,
    Style,
    fill_colour,
)
from indicators.data.story import Figure, TargetStory
from indicators.text.messages import Language, message
from indicators.text.numbers import fmt
from indicators.vocab import ObservationStatus

BAND_HALF_WIDTH = 0.3  # years either side of the deadline that the target's band spans


def escaped(text: str | None) -> str:
    """Escape a user-supplied string for Plotly text (it renders <, > and & as HTML)."""
    return html.escape(text or "", quote=True)


def _trace(role: str, language: Language, x: Sequence[float], y: Sequence[float], *,
           hover: Sequence[str] | None = None, **extra: Any) -> go.Scatter:
    """A scatter trace drawn in `role`'s style (line and/or markers), named in `language`."""
    style = STYLES[role]
    modes = [m for m, on in (("lines", style.dash), ("markers", style.symbol)) if on]
    options: dict[str, Any] = {"mode": "+".join(modes) or "none"}
    if style.dash:
        options["line"] = {"color": style.colour, "dash": style.dash, "width": style.width}
    if style.symbol:
        options["marker"] = {"color": style.colour, "symbol": style.symbol, "size": style.size,
                             "line": {"color": style.colour, "width": 1.5}}
    if hover is None:
        options["hoverinfo"] = "skip"
    else:
        options.update(hovertext=list(hover), hoverinfo="text")
    options.update(extra)
    return go.Scatter(x=list(x), y=list(y), name=message(f"chart.{role}", language),
                      meta={"role": role}, **options)


def _area(role: str, language: Language, x: Sequence[float], low: Sequence[float],
          high: Sequence[float], opacity: float) -> go.Scatter:
    """A closed area between `low` and `high`, hatched with the role's pattern."""
    style: Style = STYLES[role]
    return _trace(role, language, [*x, *reversed(x)], [*high, *reversed(low)], fill="toself",
                  fillcolor=fill_colour(style, opacity),
                  fillpattern={"shape": style.pattern, "fgcolor": style.colour,
                               "size": 10, "solidity": 0.12})


def _status(status: ObservationStatus, language: Language) -> str:
    return message(f"status.{status.value}", language)


def _figure_hover(figure: Figure, unit: str, language: Language) -> str:
    """The figure, then every vintage known, oldest first, and the newest one's source; a
    generated figure says so instead."""
    if figure.illustrative:
        return message("chart.hover_illustrative", language, year=figure.year,
                       value=fmt(figure.value), unit=escaped(unit))
    lines = [message("chart.hover_figure", language, year=figure.year, value=fmt(figure.value),
                     unit=escaped(unit), status=_status(figure.status, language))]
    if figure.vintages and figure.vintages[-1].source:
        lines.append(message("chart.hover_source", language,
                             source=escaped(figure.vintages[-1].source)))
    lines += [message("chart.hover_vintage", language,
                      published=v.published.date().isoformat(), value=fmt(v.value),
                      status=_status(v.status, language)) for v in figure.vintages]
    return "<br>".join(lines)


def _actual_traces(story: TargetStory, language: Language) -> list[go.Scatter]:
    figures = story.figures
    if not figures:
        return []
    years, values = _broken_at_gaps([f.year for f in figures], [f.value for f in figures])
    traces = [_trace("actual_line", language, years, values, showlegend=False)]
    groups = [(f"actual_{status.value}", [f for f in figures if f.status is status
                                          and not f.illustrative])
              for status in (ObservationStatus.FINAL, ObservationStatus.REVISED,
                             ObservationStatus.PRELIMINARY)]
    groups.append(("actual_illustrative", [f for f in figures if f.illustrative]))
    for role, chosen in groups:
        if chosen:
            traces.append(_trace(role, language, [f.year for f in chosen],
                                 [f.value for f in chosen],
                                 hover=[_figure_hover(f, story.unit, language) for f in chosen]))
    return traces


def _broken_at_gaps(years: list[int], values: list[float]
                    ) -> tuple[list[int | None], list[float | None]]:
    """The line's points with a break (None) where years are missing: a line drawn across
    2015–2020 would show figures nobody published."""
    out_years: list[int | None] = []
    out_values: list[float | None] = []
    for year, value in zip(years, values, strict=True):
        if out_years and out_years[-1] is not None and year - out_years[-1] > 1:
            out_years.append(None)
            out_values.append(None)
        out_years.append(year)
        out_values.append(value)
    return out_years, out_values


def _path_trace(story: TargetStory, language: Language) -> list[go.Scatter]:
    if not story.path:
        return []
    years, values = zip(*story.path, strict=True)
    hover = [message("chart.hover_path", language, year=y, value=fmt(v), unit=escaped(story.unit))
             for y, v in story.path]
    return [_trace("required_path", language, years, values, hover=hover)]


def _target_traces(story: TargetStory, language: Language) -> list[go.Scatter]:
    bounds, deadline = story.target.bounds, story.target.deadline_year
    if bounds is None:
        return []
    hover = message("chart.hover_target", language, value=fmt(bounds.value),
                    unit=escaped(story.unit), low=fmt(bounds.low), high=fmt(bounds.high))
    traces = []
    if bounds.high > bounds.low:
        x = [deadline - BAND_HALF_WIDTH, deadline + BAND_HALF_WIDTH]
        traces.append(_area("target_band", language, x, [bounds.low] * 2, [bounds.high] * 2,
                            opacity=0.15))
    traces.append(_trace("target", language, [deadline], [bounds.value], hover=[hover]))
    return traces


def _forecast_traces(story: TargetStory, language: Language) -> list[go.Scatter]:
    """The fans open from the latest figure, so the forecast visibly continues it."""
    steps = story.forecast
    if not steps:
        return []
    last = story.figures[-1] if story.figures else None
    start_x = [last.year] if last and last.year < steps[0].year else []
    start_y = [last.value] if start_x and last else []
    x = [*start_x, *(s.year for s in steps)]
    fans = [_area(f"fan_{level}", language, x,
                  [*start_y, *(getattr(s, f"lo_{level}") for s in steps)],
                  [*start_y, *(getattr(s, f"hi_{level}") for s in steps)],
                  opacity=0.12 if level == 95 else 0.22) for level in (95, 80)]
    hover = [message("chart.hover_forecast", language, year=s.year, mean=fmt(s.mean),
                     lo_80=fmt(s.lo_80), hi_80=fmt(s.hi_80), lo_95=fmt(s.lo_95),
                     hi_95=fmt(s.hi_95)) for s in steps]
    if story.forecast_model:
        model = message("chart.model", language, model=escaped(story.forecast_model))
        hover = [f"{h}<br>{model}" for h in hover]
    mean = _trace("forecast", language, x, [*start_y, *(s.mean for s in steps)],
                  hover=[*([""] * len(start_x)), *hover])
    return [*fans, mean]


def _lowest(traces: Sequence[go.Scatter]) -> float:
    values = [v for t in traces for v in (t.y or ()) if v is not None]
    return min(values) if values else 0.0


def _break_traces(story: TargetStory, language: Language,
                  drawn: Sequence[go.Scatter]) -> list[go.Scatter]:
    if not story.breaks:
        return []
    hover = [message("chart.hover_break", language, year=b.year,
                     kind=message(f"chart.break_{b.kind.value}", language),
                     description=escaped(b.description)) for b in story.breaks]
    floor = _lowest(drawn)
    return [_trace("break", language, [b.year - 0.5 for b in story.breaks],
                   [floor] * len(story.breaks), hover=hover)]


def _title(story: TargetStory, language: Language) -> str:
    chinese = language is Language.ZH
    indicator = story.indicator_name if chinese else story.indicator_name_en
    region = story.region_name if chinese else story.region_name_en
    return message("chart.title", language, region=escaped(region),
                   indicator=escaped(indicator), wording=escaped(story.target.wording))


def _vertical(x: float, line: dict[str, object]) -> dict[str, object]:
    """A vertical line across the plot at `x` (a layout shape; `add_vline` costs ~10 ms)."""
    return {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1,
            "line": line}


def _layout(story: TargetStory, language: Language) -> dict[str, Any]:
    """The layout as one dict, given to the figure's constructor: `update_layout` and
    `add_annotation` re-validate the figure on every call, several times the cost."""
    deadline = story.target.deadline_year
    annotations = [{"text": message("chart.deadline", language, year=deadline),
                    "x": deadline, "xref": "x", "y": 1, "yref": "paper",
                    "yanchor": "bottom", "showarrow": False}]
    if any(f.illustrative for f in story.figures):  # labelled wherever it appears
        annotations.append({"text": message("chart.illustrative_note", language),
                            "xref": "paper", "yref": "paper", "x": 1, "y": 1,
                            "yanchor": "bottom", "yshift": 24,  # above the deadline's label
                            "xanchor": "right", "showarrow": False, "font": {"size": 12},
                            "bordercolor": "#6b6b6b", "borderwidth": 1,
                            "name": "illustrative_note"})
    return {
        **PLAIN_LAYOUT, "annotations": annotations,
        "shapes": [_vertical(deadline, DEADLINE_LINE),
                   *(_vertical(brk.year - 0.5, BREAK_LINE) for brk in story.breaks)],
        "title": {"text": _title(story, language), "x": 0.01, "xanchor": "left",
                  "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 10}},
        "font": {**PLAIN_LAYOUT["font"], "size": 13},
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.24, "x": 0},
        "margin": {"t": 96, "b": 140, "l": 70, "r": 30},
        "xaxis": {**AXIS, "title": message("chart.axis_year", language), "dtick": 1,
                  "tickformat": "d"},
        "yaxis": {**AXIS, "title": message("chart.axis_value", language,
                                           unit=escaped(story.unit)),
                  "showgrid": True, "gridcolor": "#e3e3e3"}}


def target_gap_figure(story: TargetStory, language: Language = Language.ZH) -> go.Figure:
    """Draw one target's story (see the module doc): figures, required path, target and
    band, deadline, forecast fans and definition breaks, labelled in `language`."""
    traces = [*_forecast_traces(story, language), *_target_traces(story, language),
              *_path_trace(story, language), *_actual_traces(story, language)]
    traces += _break_traces(story, language, traces)
    return go.Figure(data=traces, layout=_layout(story, language))

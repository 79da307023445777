"""The target page (`/targets/{key}`): one target's story in its chart, beside the verbatim
quote and its document, the status with its reason and the "why this status" panel, then
the revision history of the figures and the history of its status and probability.

A pure function of plain data (`indicators.data.target_detail`, `target_history`, `story`)
and the page context; every user-supplied string reaches the HTML through Jinja2's
autoescape, and the charts escape their own labels and hover text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go
from markupsafe import Markup

from dashboards.charts.status_history import status_history_figure
from dashboards.charts.target_gap import target_gap_figure
from dashboards.pages.layout import (
    PageBlocks,
    PageContext,
    render_around,
    render_blocks,
    render_page,
)
from dashboards.pages.target_why import WhyPanel, china_day, why_panel
from indicators.data.story import TargetStory
from indicators.data.target_detail import StoredVerdict, TargetDetail
from indicators.data.target_history import RevisionRow, StatusPoint, revision_rows
from indicators.text.messages import Language, message
from indicators.text.numbers import fmt, fmt_share
from indicators.text.units import with_unit
from indicators.vocab import Nature

# Plotly's own bar stays out of printed pages; the figure still zooms and hovers.
_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


@dataclass(frozen=True)
class RevisionLine:
    """One row of the revision history, as shown."""

    year: int
    value: str
    status: str
    published: str
    source: str
    illustrative: bool
    revised: str


@dataclass(frozen=True)
class HistoryLine:
    """One row of the status history, as shown."""

    day: str
    kind: str
    status: str
    status_word: str
    probability: str
    reason: str


def figure_html(figure: go.Figure, div_id: str, height: str = "100%") -> str:
    """Embed a figure without plotly.js (the page loads /static/plotly.min.js once)."""
    return figure.to_html(full_html=False, include_plotlyjs=False, div_id=div_id,
                          config=_PLOTLY_CONFIG, default_height=height)


def run_kind(context: PageContext, retrospective: bool) -> str:
    return context.t("target_page.run_retrospective" if retrospective
                     else "target_page.run_current")


def as_of_note(context: PageContext, verdict: StoredVerdict | None) -> str:
    """Say which assessment run the page used (the replay banner shows it)."""
    if verdict is None:
        return context.t("target_page.as_of_note_none")
    return context.t("target_page.as_of_note", date=china_day(verdict.run_as_of),
                     kind=run_kind(context, verdict.retrospective), run=verdict.run_id)


def revision_lines(rows: Sequence[RevisionRow], unit: str,
                   context: PageContext) -> list[RevisionLine]:
    """The revision history as shown, newest year first, each year's vintages in order."""
    language = context.language
    return [RevisionLine(
        year=r.year, value=with_unit(fmt(r.value), unit, language),
        status=context.t(f"status.{r.status.value}"), published=china_day(r.published),
        source=context.t("page.illustrative_tag") if r.illustrative else r.source,
        illustrative=r.illustrative,
        revised="" if r.revised_value is None or r.revised_published is None else context.t(
            "target_page.revised_from", value=with_unit(fmt(r.revised_value), unit, language),
            published=china_day(r.revised_published)))
        for r in sorted(rows, key=lambda r: -r.year)]


def history_lines(points: Sequence[StatusPoint], context: PageContext) -> list[HistoryLine]:
    """The status history as shown, newest run first (the chart runs oldest first)."""
    chinese = context.language is Language.ZH
    return [HistoryLine(day=china_day(p.run_as_of), kind=run_kind(context, p.retrospective),
                        status=p.status.value, status_word=context.t(f"status.{p.status.value}"),
                        probability=fmt_share(p.probability),
                        reason=p.reason_zh if chinese else p.reason_en)
            for p in reversed(points)]


def _nature(detail: TargetDetail, context: PageContext) -> str:
    nature = detail.facts.nature
    if nature is None:
        return context.t("target_page.nature_unknown")
    return context.t("target_page.nature_binding" if nature is Nature.BINDING
                     else "target_page.nature_expected")


def render_target_page(context: PageContext, detail: TargetDetail, story: TargetStory,
                       history: Sequence[StatusPoint]) -> str:
    """Render the target page (see the module doc)."""
    return render_around(target_blocks(context, detail, story, history), context,
                         as_of_note=_as_of_note(context, detail))


def _as_of_note(context: PageContext, detail: TargetDetail) -> str | None:
    return as_of_note(context, detail.verdict) if context.as_of is not None else None


def target_blocks(context: PageContext, detail: TargetDetail, story: TargetStory,
                  history: Sequence[StatusPoint], alerts_html: Markup | None = None
                  ) -> PageBlocks:
    """The target page's own blocks, rendered (see `layout.PageBlocks`); `alerts_html` is
    its alerts section (`dashboards.pages.alerts.target_alerts_html`), None for none."""
    language = context.language
    facts, verdict = detail.facts, detail.verdict
    why: WhyPanel | None = None if verdict is None else why_panel(facts, verdict, story,
                                                                   language)
    chinese = language is Language.ZH
    return render_blocks(
        "target.html", context, facts=facts, document=detail.document, verdict=verdict,
        region=facts.region_name if chinese else facts.region_name_en,
        indicator=facts.indicator_name if chinese else facts.indicator_name_en,
        reason=None if verdict is None else (verdict.reason_zh if chinese else verdict.reason_en),
        assessed=None if verdict is None else context.t(
            "target_page.assessed", date=china_day(verdict.run_as_of),
            kind=run_kind(context, verdict.retrospective), run=verdict.run_id),
        nature=_nature(detail, context), why=why, series_forecast=detail.series_forecast,
        series_day=None if detail.series_forecast is None else china_day(
            detail.series_forecast.run_as_of),
        chart=figure_html(target_gap_figure(story, language), "target-gap-chart", "600px"),
        png_url=context.url(f"/targets/{facts.key}/chart.png"),
        revisions=revision_lines(revision_rows(story), story.unit, context),
        history=history_lines(history, context),
        history_chart=figure_html(status_history_figure(history, language),
                                  "status-history-chart") if history else None,
        alerts_html=alerts_html,
        as_of_note=_as_of_note(context, detail))


def render_target_missing(context: PageContext, key: str) -> str:
    """The page for a key that names no target (served with 404)."""
    return render_page(
        "target_missing.html", context,
        **{f"{name}_{language.value}": message(f"target_page.{part}", language, key=key)
           for name, part in (("title", "not_found_title"), ("text", "not_found"))
           for language in Language})

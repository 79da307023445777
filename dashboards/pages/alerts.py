"""The alerts inbox (`/alerts`), one alert's page (`/alerts/{id}`) with its record and the
forms that act on it, and the alerts section of the target page.

Pure: `AlertView`s and plain event rows in, HTML out. Every user-supplied string (a
comment, a cause, a quote) reaches the HTML through Jinja2's autoescape. A severity is
shown by a shape and a word besides its colour, so it reads printed in grey.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from markupsafe import Markup

from dashboards.pages.layout import PageBlocks, PageContext, render_blocks, render_page
from indicators.alerts.views import AlertView
from indicators.clock import CHINA_TIME
from indicators.text.messages import Language, has_message
from indicators.text.numbers import fmt, fmt_share

SEVERITY_SHAPES = {"info": "○", "warning": "△", "severe": "▲"}
STATES = ("open", "firing", "acknowledged", "resolved")


@dataclass(frozen=True)
class AlertLine:
    """One alert as a row of a table."""

    id: int
    url: str
    severity: str
    severity_shape: str
    severity_word: str
    rule: str
    headline: str
    target_url: str | None
    subject: str  # the target's quote, or the series it is about
    region: str
    latest: str
    probability: str
    state: str
    state_word: str
    opened: str
    fire_count: int
    illustrative: bool


@dataclass(frozen=True)
class EventLine:
    """One step of an alert's record."""

    when: str
    who: str
    kind: str
    text: str


@dataclass(frozen=True)
class Filters:
    """The inbox's filters as asked (None: any) and its page."""

    state: str = "open"
    audience: str | None = None
    severity: str | None = None
    rule: str | None = None
    offset: int = 0


def moment(value: datetime) -> str:
    """A stored moment as Beijing time, to the minute."""
    return value.astimezone(CHINA_TIME).strftime("%Y-%m-%d %H:%M")


def rule_title(context: PageContext, rule: str) -> str:
    """A rule's title in the page's language (its code when the catalogue has none)."""
    key = f"alert.rule.{rule}"
    return context.t(key) if has_message(key) else rule


def _latest(view: AlertView) -> str:
    if view.latest_value is None:
        return "—"
    unit = f" {view.unit}" if view.unit else ""
    return f"{fmt(view.latest_value)}{unit} ({view.latest_period or '—'})"


def alert_line(context: PageContext, view: AlertView) -> AlertLine:
    """Shape one alert for a table in the page's language."""
    chinese = context.language is Language.ZH
    region = view.region_name if chinese else (view.region_name_en or view.region_name)
    indicator = view.indicator_name if chinese else view.indicator_name_en
    subject = view.quote or context.t("alert_page.series", indicator=indicator, region=region)
    return AlertLine(
        id=view.alert_id, url=context.url(f"/alerts/{view.alert_id}"),
        severity=view.severity.value, severity_shape=SEVERITY_SHAPES[view.severity.value],
        severity_word=context.t(f"alert.severity.{view.severity.value}"),
        rule=rule_title(context, view.rule),
        headline=view.headline_zh if chinese else view.headline_en,
        target_url=context.url(f"/targets/{view.target_key}") if view.target_key else None,
        subject=subject, region=region, latest=_latest(view),
        probability="—" if view.probability is None else fmt_share(view.probability),
        state=view.state.value, state_word=context.t(f"alert.state.{view.state.value}"),
        opened=moment(view.opened_at), fire_count=view.fire_count,
        illustrative=view.illustrative)


def event_line(context: PageContext, *, at: datetime, who: str, kind: str,
               text: str | None) -> EventLine:
    """Shape one step of an alert's record in the page's language."""
    return EventLine(when=moment(at), who=who, kind=context.t(f"alert_page.event.{kind}"),
                     text=text or "")


def inbox_blocks(context: PageContext, views: Sequence[AlertView], *, total: int,
                 filters: Filters, page_size: int, rules: Sequence[str]) -> PageBlocks:
    """The inbox below its navigation: filters, the table, paging."""
    first = filters.offset + 1 if views else 0
    return render_blocks(
        "alerts.html", context, lines=[alert_line(context, v) for v in views], total=total,
        filters=filters, states=STATES, audiences=("leaders", "departments", "statistics"),
        severities=tuple(SEVERITY_SHAPES), rules=[(r, rule_title(context, r)) for r in rules],
        first=first, last=filters.offset + len(views),
        previous=context.here(offset=max(0, filters.offset - page_size) or None)
        if filters.offset else None,
        next=context.here(offset=filters.offset + page_size)
        if filters.offset + page_size < total else None)


def render_alert_page(context: PageContext, view: AlertView, events: Sequence[EventLine], *,
                      can_write: bool, cause: str | None, measures: str | None) -> str:
    """One alert: its facts, its record (who, when, what) and, for a user who may act on
    it, the forms to acknowledge, comment and silence (each with the CSRF token)."""
    chinese = context.language is Language.ZH
    return render_page(
        "alert.html", context, line=alert_line(context, view), view=view,
        reason=view.reason_zh if chinese else view.reason_en, events=list(events),
        can_write=can_write, cause=cause, measures=measures,
        acknowledged=None if view.acknowledged_at is None else context.t(
            "alert_page.acknowledged_by", who=view.acknowledged_by or "",
            when=moment(view.acknowledged_at)))


def render_alert_missing(context: PageContext, alert_id: int) -> str:
    """The page for an id that names no alert (served with 404)."""
    return render_page("error.html", context, status=404, title=context.t("alert_page.title"),
                       detail=context.t("alert_page.missing", alert_id=alert_id))


def target_alerts_html(context: PageContext, views: Sequence[AlertView],
                       events: dict[int, Sequence[EventLine]]) -> Markup:
    """The target page's alerts section: open ones first, then resolved, each with its
    record."""
    blocks = render_blocks("target_alerts.html", context,
                           lines=[alert_line(context, v) for v in views], events=events)
    return blocks.content

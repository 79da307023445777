"""One alert as a message: HTML (with the target-gap chart inline by `cid:`), its plain
text alternative and the robots' markdown, in the recipient's language. Pure: the alert's
facts (`AlertView`) and the chart's PNG in, a `RenderedMessage` out."""

from __future__ import annotations

from dataclasses import dataclass

from dashboards.emails.escaping import (
    html_environment,
    markdown_environment,
    text_environment,
)
from dashboards.emails.message import InlineImage, RenderedMessage
from dashboards.emails.wording import (
    as_language,
    chance_words,
    gap_text,
    latest_words,
    severity_word,
    status_word,
    subject_words,
    value_text,
)
from dashboards.pages.target_why import china_day
from indicators.alerts.views import AlertView
from indicators.text.messages import Language, message


@dataclass(frozen=True)
class AlertFacts:
    """What the templates show of one alert, already in words (escaped by the template)."""

    subject: str
    headline: str
    severity: str
    quote: str | None
    document: str | None
    rows: tuple[tuple[str, str], ...]  # label, value
    reason: str | None
    as_of: str
    fired: str | None


def chart_content_id(view: AlertView) -> str:
    """The chart's Content-ID: stable for an alert's firing, so a retry sends the same."""
    return f"alert-{view.alert_id}-{view.fire_count}-chart@targetwatch"


def _status(view: AlertView, language: Language) -> str:
    now = status_word(view.status, language)
    if view.previous_status is None or view.previous_status is view.status:
        return now
    return message("email.status_change", language, now=now,
                   before=status_word(view.previous_status, language))


def _rows(view: AlertView, language: Language) -> tuple[tuple[str, str], ...]:
    latest = latest_words(view.latest_value, view.latest_period, view.unit,
                          preliminary=view.latest_preliminary,
                          illustrative=view.illustrative, language=language)
    rows = [("email.severity_label", severity_word(view.severity, language)),
            ("email.status", _status(view, language)) if view.status else None,
            ("email.latest", latest),
            ("email.required", value_text(view.required_value, view.unit, language)),
            ("email.gap", gap_text(view.gap, view.unit, language)),
            ("email.probability",
             chance_words(view.probability, view.previous_probability, language)),
            ("email.lead_department", view.lead_department) if view.lead_department else None,
            ("email.deadline", str(view.deadline_year)) if view.deadline_year else None]
    return tuple((message(key, language), value) for key, value in filter(None, rows))


def alert_facts(view: AlertView, language: Language) -> AlertFacts:
    """The alert in the recipient's words."""
    zh = language is Language.ZH
    document = None if view.document_code is None else message(
        "email.document", language, code=view.document_code, title=view.document_title or "")
    return AlertFacts(
        subject=subject_words(view.region_name, view.region_name_en, view.indicator_name,
                              view.indicator_name_en, language),
        headline=view.headline_zh if zh else view.headline_en,
        severity=view.severity.value, quote=view.quote, document=document,
        rows=_rows(view, language), reason=view.reason_zh if zh else view.reason_en,
        as_of=message("email.as_of", language, day=china_day(view.as_of)),
        fired=None if view.fire_count <= 1 else message("email.fired_again", language,
                                                         count=view.fire_count))


def render_alert(view: AlertView, chart_png: bytes | None, *, language: Language | str,
                 target_url: str) -> RenderedMessage:
    """Render one alert for a recipient: subject, HTML with the chart inline (when there
    is one: a data alert about a series has none), plain text and robot markdown. Every
    value from the alert (quote, names, headline, reason) is escaped in HTML and markdown."""
    lang = as_language(language)
    facts = alert_facts(view, lang)
    image = None if chart_png is None else InlineImage(
        content_id=chart_content_id(view), png=chart_png,
        filename=f"chart-{view.alert_id}.png")
    values = {"a": facts, "url": target_url, "image": image, "lang": lang.value,
              "t": lambda key, **v: message(key, lang, **v)}
    return RenderedMessage(
        subject=message("email.alert_subject", lang, subject=facts.subject,
                        headline=facts.headline),
        text=text_environment().get_template("alert.txt").render(values),
        html=html_environment().get_template("alert.html").render(values),
        markdown=markdown_environment().get_template("alert.md").render(values),
        language=lang.value, images=() if image is None else (image,))

"""The weekly leader digest as a message: every target by status, the changes since last
week first (targets whose status changed, then the open alerts, then the counts and every
target grouped by status). HTML with the charts of the changed targets inline by `cid:`,
plain text, and a shorter robot markdown (changes, alerts, counts, a link to the board).
Pure: the digest's facts and the charts' PNGs in, a `RenderedMessage` out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from dashboards.emails.escaping import (
    html_environment,
    markdown_environment,
    text_environment,
)
from dashboards.emails.message import InlineImage, RenderedMessage
from dashboards.emails.wording import (
    as_language,
    chance_words,
    latest_words,
    severity_word,
    status_word,
    subject_words,
)
from dashboards.pages.layout import STATUS_SHAPES
from dashboards.pages.target_why import china_day
from indicators.alerts.digest_facts import DigestFacts, DigestTarget
from indicators.alerts.views import AlertView
from indicators.text.messages import Language, message
from indicators.vocab import Severity

# The open alerts are listed most severe first (the order is stable within a severity).
SEVERITY_ORDER = (Severity.INFO, Severity.WARNING, Severity.SEVERE)
# Colours beside the status word and shape (never colour alone), as on the board.
STATUS_COLOURS = {"achieved": "#1a7f37", "on_track": "#2da44e", "at_risk": "#bf8700",
                  "off_track": "#cf222e", "missed": "#82071e", "not_assessable": "#57606a",
                  "none": "#57606a"}


@dataclass(frozen=True)
class TargetLine:
    """One target as the digest shows it, in words."""

    key: str
    subject: str
    deadline: int
    status: str
    status_code: str
    change: str | None  # "存在风险 → 进度滞后", for a changed target
    latest: str
    chance: str
    department: str
    reason: str | None
    quote: str
    url: str
    image: InlineImage | None = None


@dataclass(frozen=True)
class AlertLine:
    headline: str
    subject: str
    severity: str
    acknowledged: str | None
    url: str | None


def chart_content_id(key: str, day: str) -> str:
    """The Content-ID of a target's chart in the digest of `day` (ASCII only)."""
    safe = "".join(c if c.isascii() and (c.isalnum() or c in "-.") else "_" for c in key)
    return f"digest-{day}-{safe}@targetwatch"


class _Links:
    """Links into the web pages as of the digest's day, in the reader's language."""

    def __init__(self, base_url: str, day: str, language: Language) -> None:
        self.base, self.query = base_url.rstrip("/"), urlencode(
            {"as_of": day, "lang": language.value})

    def target(self, key: str) -> str:
        return f"{self.base}/targets/{quote(key, safe='')}?{self.query}"

    def board(self) -> str:
        return f"{self.base}/?{self.query}"


def _line(target: DigestTarget, language: Language, links: _Links,
          image: InlineImage | None) -> TargetLine:
    zh = language is Language.ZH
    now = status_word(target.status, language)
    change = None
    if target.changed:
        before = (status_word(target.previous_status, language) if target.known_before
                  else message("email.digest_new", language))
        change = f"{before} → {now}"
    return TargetLine(
        key=target.key,
        subject=subject_words(target.region_name, target.region_name_en,
                              target.indicator_name, target.indicator_name_en, language),
        deadline=target.deadline_year, status=now,
        status_code=target.status.value if target.status else "none", change=change,
        latest=latest_words(target.latest_value, target.latest_period, target.unit,
                            preliminary=target.latest_preliminary,
                            illustrative=target.illustrative, language=language),
        chance=chance_words(target.probability, target.previous_probability, language),
        department=target.lead_department or "—",
        reason=target.reason_zh if zh else target.reason_en, quote=target.quote,
        url=links.target(target.key), image=image)


def _alert_line(view: AlertView, language: Language, links: _Links) -> AlertLine:
    zh = language is Language.ZH
    return AlertLine(
        headline=view.headline_zh if zh else view.headline_en,
        subject=subject_words(view.region_name, view.region_name_en, view.indicator_name,
                              view.indicator_name_en, language),
        severity=severity_word(view.severity, language),
        acknowledged=None if view.acknowledged_by is None else message(
            "email.acknowledged", language, who=view.acknowledged_by),
        url=None if view.target_key is None else links.target(view.target_key))


def _images(facts: DigestFacts, charts: Mapping[str, bytes], day: str
            ) -> dict[str, InlineImage]:
    """The inline charts: one per changed target that has one."""
    return {t.key: InlineImage(content_id=chart_content_id(t.key, day), png=charts[t.key],
                               filename=f"{chart_content_id(t.key, day).split('@')[0]}.png")
            for t in facts.changes() if t.key in charts}


def digest_values(facts: DigestFacts, charts: Mapping[str, bytes], language: Language,
                  base_url: str) -> dict[str, object]:
    """Everything the digest templates show, in the reader's words."""
    day, since = china_day(facts.as_of), china_day(facts.since)
    links, images = _Links(base_url, day, language), _images(facts, charts, day)
    groups = [(status_word(status, language), status.value if status else "none",
               [_line(t, language, links, None) for t in targets])
              for status, targets in facts.by_status()]
    return {
        "lang": language.value, "day": day,
        "t": lambda key, **v: message(key, language, **v),
        "period": message("email.digest_period", language, since=since, day=day),
        "changes": [_line(t, language, links, images.get(t.key)) for t in facts.changes()],
        "alerts": [_alert_line(a, language, links) for a in sorted(
            facts.open_alerts, key=lambda a: -SEVERITY_ORDER.index(a.severity))],
        "groups": groups, "total": len(facts.targets), "board_url": links.board(),
        "shapes": {**STATUS_SHAPES, "none": "·"}, "colours": STATUS_COLOURS,
        "images": tuple(images.values())}


def render_digest(facts: DigestFacts, charts: Mapping[str, bytes], *,
                  language: Language | str, base_url: str) -> RenderedMessage:
    """Render the digest for one reader (`facts` already narrowed to what they receive):
    subject, HTML with the changed targets' charts inline, plain text, robot markdown."""
    lang = as_language(language)
    values = digest_values(facts, charts, lang, base_url)
    images: tuple[InlineImage, ...] = values["images"]  # type: ignore[assignment]
    return RenderedMessage(
        subject=message("email.digest_subject", lang, day=values["day"]),
        text=text_environment().get_template("digest.txt").render(values),
        html=html_environment().get_template("digest.html").render(values),
        markdown=markdown_environment().get_template("digest.md").render(values),
        language=lang.value, images=images)

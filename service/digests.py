"""One recipient's digest, composed: the digest's facts narrowed to what their digest
subscriptions cover (`service.routing.plan.DigestDelivery`), the charts of the targets
that changed, rendered in their language. Used by `targetwatch email preview` and by the
scheduled digest job."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.orm import Session

from dashboards.emails.digest import render_digest
from dashboards.emails.message import RenderedMessage
from dashboards.pages.target_why import china_day
from indicators.alerts.digest_facts import DigestFacts, digest_facts
from indicators.alerts.listing import list_alerts
from indicators.alerts.views import AlertView
from indicators.arithmetic.thresholds import Thresholds
from indicators.data.stored_runs import run_known_on
from indicators.text.messages import Language
from indicators.vocab import AlertState, Audience
from service.email_charts import charts_of
from service.routing.plan import Channel, DigestDelivery, plan_digest
from service.routing.recipients import subscription_rules

WEEK = timedelta(days=7)
# Charts already drawn, by (target key, language): a digest run draws each once however
# many recipients' digests show it.
ChartCache = dict[tuple[str, str], bytes]
# At most this many charts in one digest: each is a Chromium rendering and ~60 kB.
MAX_CHARTS = 12


def recipient_facts(facts: DigestFacts, delivery: DigestDelivery) -> DigestFacts:
    """The digest as one recipient receives it: the targets their subscriptions cover
    (all of them for a leader), and the open alerts planned for them."""
    return facts.narrowed(lambda t: delivery.covers(
        lead_department=t.lead_department, region_code=t.region_code,
        indicator_code=t.indicator_code, document_code=t.document_code),
        delivery.alert_ids)


def email_digest_delivery(session: Session, *, address: str, views: Sequence[AlertView],
                          schedule: str, as_of: datetime) -> DigestDelivery | None:
    """The digest planned for the recipient with this email address, if they have one."""
    day = date.fromisoformat(china_day(as_of))
    for delivery in plan_digest(views, subscription_rules(session), schedule=schedule,
                                day=day):
        if delivery.channel is Channel.EMAIL and delivery.address == address:
            return delivery
    return None


def compose_digest(session: Session, *, as_of: datetime, delivery: DigestDelivery | None,
                   language: Language, base_url: str,
                   open_alerts: Sequence[AlertView] = (),
                   thresholds: Thresholds | None = None,
                   cache: ChartCache | None = None) -> RenderedMessage | None:
    """Render the weekly digest as of `as_of` (changes since a week earlier) for one
    delivery, or whole when None; None when no assessment was known by then."""
    if run_known_on(session, as_of) is None:
        return None
    alerts = [v for v in open_alerts if v.audience is not Audience.STATISTICS]  # never
    facts = digest_facts(session, as_of=as_of, since=as_of - WEEK).with_alerts(alerts)
    if delivery is not None:
        facts = recipient_facts(facts, delivery)
    keys = [t.key for t in facts.changes()][:MAX_CHARTS]
    cache = {} if cache is None else cache
    missing = [k for k in keys if (k, language.value) not in cache]
    drawn = charts_of(session, missing, as_of=as_of, language=language, thresholds=thresholds)
    cache |= {(key, language.value): png for key, png in drawn.items()}
    charts = {k: cache[(k, language.value)] for k in keys if (k, language.value) in cache}
    return render_digest(facts, charts, language=language, base_url=base_url)


def open_alerts(session: Session, *, as_of: datetime) -> list[AlertView]:
    """The alerts open now (firing or acknowledged) raised from what was known by `as_of`
    (their `as_of`, not when the evaluation ran: a replayed evaluation runs today)."""
    views, _ = list_alerts(session, states={AlertState.FIRING, AlertState.ACKNOWLEDGED},
                           limit=None)
    return [v for v in views if v.as_of <= as_of]


def html_with_data_uris(rendered: RenderedMessage) -> str:
    """The HTML part with every `cid:` image replaced by a data: URI, so a browser shows
    the message as a mail client would (`targetwatch email preview`)."""
    html = rendered.html
    for image in rendered.images:
        data = base64.b64encode(image.png).decode("ascii")
        html = html.replace(f"cid:{image.content_id}", f"data:image/png;base64,{data}")
    return html

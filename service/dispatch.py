"""Routing put to work: the planned deliveries rendered and queued in the outbox, in the
caller's transaction (flush only), so that an alert transition and the messages about it
are stored together or not at all (`service.alerting.route_transitions` is the hook).

A delivery whose dedupe key is already queued is skipped before anything is drawn: an
alert goes to each recipient once per firing, a digest once per schedule and day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from urllib.parse import quote, urlencode

from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboards.emails.alert import render_alert
from dashboards.emails.message import RenderedMessage
from dashboards.pages.target_why import china_day
from indicators.alerts.listing import alert_views
from indicators.alerts.views import AlertView
from indicators.text.messages import Language
from service.delivery.outbox import domain_of, enqueue
from service.delivery.tables import MessageKind, OutboxMessage
from service.digests import ChartCache, compose_digest, open_alerts
from service.email_charts import charts_of
from service.routing.plan import Delivery, DigestDelivery, plan_digest, plan_immediate
from service.routing.recipients import subscription_rules
from service.settings import Settings


def _queued(session: Session, keys: Sequence[str]) -> set[str]:
    if not keys:
        return set()
    return set(session.scalars(select(OutboxMessage.dedupe_key)
                               .where(OutboxMessage.dedupe_key.in_(keys))))


def _enqueue(session: Session, delivery: Delivery | DigestDelivery, rendered: RenderedMessage,
             *, kind: MessageKind, now: datetime, settings: Settings) -> list[OutboxMessage]:
    """Queue one planned delivery's message; [] when its dedupe key is already queued."""
    message = enqueue(session, dedupe_key=delivery.dedupe_key,
                      channel=delivery.channel, address=delivery.address,
                      recipient=delivery.recipient_name, kind=kind, rendered=rendered, now=now,
                      domain=domain_of(settings.mail_from))
    return [] if message is None else [message]


def target_url(base_url: str, key: str, *, as_of: datetime, now: datetime,
               language: Language) -> str:
    """The target page as the alert saw it: as of its day when that day is past."""
    values = {"lang": language.value}
    if china_day(as_of) < china_day(now):
        values = {"as_of": china_day(as_of), **values}
    return f"{base_url.rstrip('/')}/targets/{quote(key, safe='')}?{urlencode(values)}"


def _charts(session: Session, planned: Sequence[tuple[Delivery, AlertView]],
            settings: Settings) -> dict[tuple[str, str, datetime], bytes]:
    """The charts the planned alerts show, drawn once per target, language and moment."""
    wanted: dict[tuple[str, datetime], set[str]] = {}
    for delivery, view in planned:
        if view.target_key is not None:
            wanted.setdefault((delivery.language, view.as_of), set()).add(view.target_key)
    charts = {}
    for (language, as_of), keys in wanted.items():
        drawn = charts_of(session, sorted(keys), as_of=as_of, language=Language(language),
                          thresholds=settings.thresholds)
        charts |= {(key, language, as_of): png for key, png in drawn.items()}
    return charts


def enqueue_immediate(session: Session, *, alert_ids: Sequence[int], now: datetime,
                      settings: Settings) -> list[OutboxMessage]:
    """Queue the messages to send at once about these alerts (those firing and wanted at
    once by someone: `plan_immediate`); return the messages queued."""
    views = {v.alert_id: v for v in alert_views(session, list(dict.fromkeys(alert_ids)))}
    planned = plan_immediate(list(views.values()), subscription_rules(session),
                             minimum=settings.immediate_severity)
    done = _queued(session, [d.dedupe_key for d in planned])
    todo = [(d, views[d.alert_ids[0]]) for d in planned if d.dedupe_key not in done]
    charts = _charts(session, todo, settings)
    queued = []
    for delivery, view in todo:
        language = Language(delivery.language)
        chart = None if view.target_key is None else charts.get(
            (view.target_key, delivery.language, view.as_of))
        url = settings.public_url if view.target_key is None else target_url(
            settings.public_url, view.target_key, as_of=view.as_of, now=now,
            language=language)
        rendered = render_alert(view, chart, language=language, target_url=url)
        queued += _enqueue(session, delivery, rendered, kind=MessageKind.IMMEDIATE, now=now,
                           settings=settings)
    return queued


def enqueue_digests(session: Session, *, as_of: datetime, now: datetime, settings: Settings,
                    schedule: str = "weekly") -> list[OutboxMessage]:
    """Queue the digest of `schedule` as of `as_of` for every digest subscriber and channel
    not yet sent theirs for that day; return the messages queued (none when no
    assessment was known by then)."""
    alerts = open_alerts(session, as_of=as_of)
    planned = plan_digest(alerts, subscription_rules(session), schedule=schedule,
                          day=date.fromisoformat(china_day(as_of)))
    done = _queued(session, [d.dedupe_key for d in planned])
    cache: ChartCache = {}
    queued = []
    for delivery in (d for d in planned if d.dedupe_key not in done):
        rendered = compose_digest(session, as_of=as_of, delivery=delivery,
                                  language=Language(delivery.language),
                                  base_url=settings.public_url, open_alerts=alerts,
                                  thresholds=settings.thresholds, cache=cache)
        if rendered is None:
            return []
        queued += _enqueue(session, delivery, rendered, kind=MessageKind.DIGEST, now=now,
                           settings=settings)
    return queued

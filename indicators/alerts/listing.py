"""Reads of stored alerts as `AlertView`s (the plain facts every renderer and router
consumes), a paged list with filters, and an alert's events.

The figures behind an alert are the ones stored on it when it last fired (`Alert.measures`,
written by `indicators.alerts.evaluation`), so a message sent later shows what the
evaluation saw, not what the data say by the time it is read.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, object_session, selectinload

from indicators.alerts.lifecycle import get_alert_or_raise
from indicators.alerts.views import AlertView
from indicators.tables.alerts import Alert, AlertEvent
from indicators.tables.catalogue import Indicator, Region, Target
from indicators.vocab import AlertState, Audience, Severity, Status


def _number(measures: Mapping[str, Any], key: str) -> float | None:
    value = measures.get(key)
    return None if value is None else float(value)


def _status(measures: Mapping[str, Any], key: str) -> Status | None:
    value = measures.get(key)
    return None if value is None else Status(value)


def _moment(measures: Mapping[str, Any], key: str) -> datetime | None:
    value = measures.get(key)
    return None if value is None else datetime.fromisoformat(value)


def _view(alert: Alert, indicator: Indicator | None, region: Region | None) -> AlertView:
    """Build the view of one alert from its row, its target and its series' records."""
    target, m = alert.target, alert.measures or {}
    document = target.document if target is not None else None
    return AlertView(
        alert_id=alert.id, rule=alert.rule, audience=alert.audience, severity=alert.severity,
        state=alert.state, fire_count=alert.fire_count, opened_at=alert.opened_at,
        changed_at=alert.changed_at, as_of=alert.as_of, headline_zh=alert.headline_zh,
        headline_en=alert.headline_en, target_id=alert.target_id,
        target_key=target.key if target else None, quote=target.quote if target else None,
        document_code=document.code if document else None,
        document_title=document.title if document else None,
        region_code=alert.region_code, region_name=region.name if region else alert.region_code,
        region_name_en=region.name_en if region else None,
        indicator_code=alert.indicator_code,
        indicator_name=indicator.name if indicator else alert.indicator_code,
        indicator_name_en=indicator.name_en if indicator else alert.indicator_code,
        lead_department=target.lead_department if target else None,
        nature=target.nature if target else None,
        deadline_year=target.deadline_year if target else None,
        status=_status(m, "status"), previous_status=_status(m, "previous_status"),
        reason_zh=alert.reason_zh, reason_en=alert.reason_en,
        unit=m.get("unit") or (indicator.unit if indicator else ""),
        latest_value=_number(m, "latest_value"), latest_period=m.get("latest_period"),
        latest_published=_moment(m, "latest_published"),
        latest_preliminary=bool(m.get("latest_preliminary", False)),
        required_value=_number(m, "required_value"), gap=_number(m, "gap"),
        probability=_number(m, "probability"),
        previous_probability=_number(m, "previous_probability"),
        illustrative=bool(m.get("illustrative", False)),
        acknowledged_by=alert.acknowledged_by, acknowledged_at=alert.acknowledged_at)


def _records(session: Session, alerts: Sequence[Alert]
             ) -> tuple[dict[str, Indicator], dict[str, Region]]:
    codes = {a.indicator_code for a in alerts}
    regions = {a.region_code for a in alerts}
    indicators = {i.code: i for i in session.scalars(
        select(Indicator).where(Indicator.code.in_(codes)))} if codes else {}
    found = {r.code: r for r in session.scalars(
        select(Region).where(Region.code.in_(regions)))} if regions else {}
    return indicators, found


def _views(session: Session, alerts: Sequence[Alert]) -> list[AlertView]:
    indicators, regions = _records(session, alerts)
    return [_view(a, indicators.get(a.indicator_code), regions.get(a.region_code))
            for a in alerts]


def view_of(alert: Alert) -> AlertView:
    """Return the view of one stored alert (read through the session it belongs to)."""
    session = object_session(alert)
    if session is None:
        raise ValueError("the alert is not attached to a session")
    return _views(session, [alert])[0]


def _loaded() -> Select[tuple[Alert]]:
    return select(Alert).options(selectinload(Alert.target).selectinload(Target.document))


def alert_views(session: Session, ids: Sequence[int]) -> list[AlertView]:
    """Return the views of the alerts with these ids, in the order asked (unknown ids are
    left out)."""
    if not ids:
        return []
    found = {a.id: a for a in session.scalars(_loaded().where(Alert.id.in_(ids)))}
    return _views(session, [found[i] for i in ids if i in found])


def _filtered(query: Select[Any], *, states: Collection[AlertState] | None,
              audience: Audience | None, rule: str | None, target_key: str | None,
              severity: Severity | None = None) -> Select[Any]:
    if states:
        query = query.where(Alert.state.in_(list(states)))
    if audience is not None:
        query = query.where(Alert.audience == audience)
    if rule is not None:
        query = query.where(Alert.rule == rule)
    if severity is not None:
        query = query.where(Alert.severity == severity)
    if target_key is not None:
        query = query.join(Target, Target.id == Alert.target_id).where(Target.key == target_key)
    return query


def list_alerts(session: Session, *, states: Collection[AlertState] | None = None,
                audience: Audience | None = None, rule: str | None = None,
                target_key: str | None = None, severity: Severity | None = None,
                offset: int = 0, limit: int | None = 50) -> tuple[list[AlertView], int]:
    """Return a page of alerts (most recently changed first) and how many match in all."""
    where = {"states": states, "audience": audience, "rule": rule, "target_key": target_key,
             "severity": severity}
    total = session.scalar(_filtered(select(func.count(Alert.id)), **where)) or 0
    query = _filtered(_loaded(), **where).order_by(Alert.changed_at.desc(), Alert.id.desc())
    query = query.offset(offset) if limit is None else query.offset(offset).limit(limit)
    return _views(session, session.scalars(query).all()), total


def alert_events(session: Session, alert_id: int) -> list[AlertEvent]:
    """Return an alert's events, oldest first (`AlertNotFoundError` for an unknown id)."""
    alert = get_alert_or_raise(session, alert_id=alert_id)
    return list(session.scalars(select(AlertEvent).where(AlertEvent.alert_id == alert.id)
                                .order_by(AlertEvent.at, AlertEvent.id)))

"""What people do to alerts: acknowledge one (with the 督办 close-out: the cause and the
measures taken), comment on one, silence a rule, a target or a series until a moment.

Every act is an `AlertEvent` with who and when. Functions flush, never commit: the caller
(an API request, a CLI command) owns the transaction. The evaluation's own transitions
(fired, escalated, resolved) live in `indicators.alerts.evaluation`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.tables.alerts import (
    Alert,
    AlertEvent,
    AlertEventKind,
    AlertSilence,
)
from indicators.text.messages import Language, message
from indicators.vocab import AlertState


class AlertNotFoundError(LookupError):
    """No alert has the id asked for."""

    def __init__(self, alert_id: int) -> None:
        super().__init__(message("alert.not_found", Language.EN, alert_id=alert_id))
        self.alert_id = alert_id


class SilenceError(ValueError):
    """A silence that names nothing, or ends before it starts."""


def get_alert_or_raise(session: Session, *, alert_id: int) -> Alert:
    """Return the alert, or raise `AlertNotFoundError`."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        raise AlertNotFoundError(alert_id)
    return alert


def add_event(session: Session, alert: Alert, kind: AlertEventKind, *, who: str, at: datetime,
              text: str | None = None, evaluation_id: int | None = None) -> AlertEvent:
    """Record one step of an alert's life (flush left to the caller)."""
    event = AlertEvent(alert=alert, kind=kind, who=who, at=at, text=text,
                       severity=alert.severity, evaluation_id=evaluation_id)
    session.add(event)
    return event


def acknowledge(session: Session, alert_id: int, *, who: str, cause: str | None,
                measures: str | None, now: datetime) -> Alert:
    """Acknowledge an alert: a firing one becomes acknowledged (routing stops repeating
    it); the cause and measures taken are recorded on the alert and in its events. A
    resolved alert keeps its state but still takes the close-out, since a department often
    answers after the figures have recovered."""
    alert = get_alert_or_raise(session, alert_id=alert_id)
    if alert.state is AlertState.FIRING:
        alert.state = AlertState.ACKNOWLEDGED
        alert.changed_at = now
    alert.acknowledged_by, alert.acknowledged_at = who, now
    alert.cause, alert.measures_taken = cause, measures
    add_event(session, alert, AlertEventKind.ACKNOWLEDGED, who=who, at=now,
           text=message("alert.acknowledged", Language.ZH, cause=cause or "—",
                        measures=measures or "—"))
    session.flush()
    return alert


def comment(session: Session, alert_id: int, *, who: str, text: str, now: datetime) -> AlertEvent:
    """Add a comment to an alert's record (its state does not change)."""
    alert = get_alert_or_raise(session, alert_id=alert_id)
    event = add_event(session, alert, AlertEventKind.COMMENTED, who=who, at=now, text=text)
    session.flush()
    return event


def silence(session: Session, *, rule: str | None, target_id: int | None, series: str | None,
            until: datetime, reason: str, who: str, now: datetime) -> AlertSilence:
    """Mute a rule, a target or a series ("indicator@region"), or a combination, until
    `until`. Open alerts it covers are marked silenced at once (an event each); later
    firings it covers are recorded, marked silenced, and routed to nobody."""
    if rule is None and target_id is None and series is None:
        raise SilenceError(message("alert.silence_empty", Language.EN))
    if until <= now:
        raise SilenceError(message("alert.silence_past", Language.EN, until=until.isoformat()))
    row = AlertSilence(rule=rule, target_id=target_id, series=series, until=until,
                       reason=reason, who=who, created_at=now)
    session.add(row)
    text = message("alert.silenced_by", Language.ZH, until=until.date().isoformat(),
                   reason=reason)
    for alert in _open_alerts(session):
        if covers(row, alert, now=now) and not alert.silenced:
            alert.silenced = True
            add_event(session, alert, AlertEventKind.SILENCED, who=who, at=now, text=text)
    session.flush()
    return row


def _open_alerts(session: Session) -> Sequence[Alert]:
    return session.scalars(select(Alert).where(Alert.state != AlertState.RESOLVED)
                           .order_by(Alert.id)).all()


def covers(row: AlertSilence, alert: Alert, *, now: datetime) -> bool:
    """Tell whether a silence mutes an alert at `now`: every part it names matches. A
    series names a data alert's subject only: muting a series under review leaves the
    targets that read it audible."""
    series = alert.subject.removeprefix("series:") if alert.target_id is None else None
    return (now < row.until
            and (row.rule is None or row.rule == alert.rule)
            and (row.target_id is None or row.target_id == alert.target_id)
            and (row.series is None or row.series == series))


def active_silences(session: Session, *, now: datetime) -> list[AlertSilence]:
    """Return the silences in force at `now`."""
    return list(session.scalars(select(AlertSilence).where(AlertSilence.until > now)
                                .order_by(AlertSilence.id)))


def silenced(silences: Sequence[AlertSilence], alert: Alert, *, now: datetime) -> bool:
    """Tell whether any of `silences` mutes the alert at `now`."""
    return any(covers(row, alert, now=now) for row in silences)


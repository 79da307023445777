"""What a person does to alerts through the API or the inbox page, with who may do it and
the audit record: acknowledge (the 督办 close-out), comment, silence.

An administrator may act on any alert; an uploader only on alerts about their own regions
and indicators (the scope of their uploads, `User.permission()`); a reader (a leader, a
viewer) on none. Every act is audited in its own transaction with the act itself, and the
functions flush, never commit: the request owns the transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from indicators.alerts import lifecycle
from indicators.alerts.rules import all_rules
from indicators.data import queries as indicator_queries
from indicators.tables.alerts import Alert, AlertEvent, AlertSilence
from indicators.text.messages import bilingual
from service import audit
from service.audit import AuditAction
from service.tables import Role, User


class AlertForbiddenError(PermissionError):
    """The user may not act on this alert (or set this silence); the message is bilingual."""


class AlertInputError(ValueError):
    """A silence naming an unknown rule, target or series; the message is bilingual."""


def may_write(user: User, *, region: str, indicator: str) -> bool:
    """Tell whether `user` may act on an alert about this region and indicator."""
    return user.role is not Role.READER and user.permission().allows(region=region,
                                                                     indicator=indicator)


def _writable(session: Session, user: User, alert_id: int) -> Alert:
    """The alert, if the user may act on it (`AlertNotFoundError`, `AlertForbiddenError`)."""
    alert = lifecycle.get_alert_or_raise(session, alert_id=alert_id)
    if not may_write(user, region=alert.region_code, indicator=alert.indicator_code):
        raise AlertForbiddenError(bilingual("alert_page.forbidden", alert_id=alert_id))
    return alert


def acknowledge(session: Session, *, user: User, alert_id: int, cause: str, measures: str,
                now: datetime) -> Alert:
    """Acknowledge an alert with the cause and the measures taken, audited."""
    _writable(session, user, alert_id)
    alert = lifecycle.acknowledge(session, alert_id, who=user.name, cause=cause,
                                  measures=measures or None, now=now)
    audit.record(session, actor=user.name, action=AuditAction.ALERT_ACKNOWLEDGE,
                 object_type="alert", object_key=str(alert_id), at=now,
                 details={"cause": cause, "measures": measures, "state": alert.state.value})
    return alert


def comment(session: Session, *, user: User, alert_id: int, text: str,
            now: datetime) -> AlertEvent:
    """Add a comment to an alert's record, audited."""
    _writable(session, user, alert_id)
    event = lifecycle.comment(session, alert_id, who=user.name, text=text, now=now)
    audit.record(session, actor=user.name, action=AuditAction.ALERT_COMMENT,
                 object_type="alert", object_key=str(alert_id), at=now,
                 details={"text": text, "event": event.id})
    return event


def _series_scope(series: str) -> tuple[str, str]:
    """The indicator and region a series "indicator@region" names (422 when malformed)."""
    indicator, at, region = series.partition("@")
    if not (indicator and at and region):
        raise AlertInputError(bilingual("alert_page.bad_series", series=series))
    return indicator, region


def silence(session: Session, *, user: User, rule: str | None, target_key: str | None,
            series: str | None, until: datetime, reason: str, now: datetime) -> AlertSilence:
    """Mute a rule, a target or a series until `until`, audited. An uploader may mute only
    a target or a series of their own scope; a silence of a rule everywhere is for an
    administrator."""
    if user.role is Role.READER:
        raise AlertForbiddenError(bilingual("api.read_only"))
    if rule is None and target_key is None and series is None:
        raise AlertInputError(bilingual("alert.silence_empty"))
    if until <= now:
        raise AlertInputError(bilingual("alert.silence_past", until=until.isoformat()))
    if rule is not None and rule not in {r.code for r in all_rules()}:
        raise AlertInputError(bilingual("alert_page.unknown_rule", rule=rule))
    target = None
    if target_key is not None:
        target = indicator_queries.get_target(session, key=target_key)
        if target is None:
            raise AlertInputError(bilingual("api.not_found", what="target", code=target_key))
    scopes = ([(target.region_code, target.indicator.code)] if target is not None else []) \
        + ([_series_scope(series)[::-1]] if series is not None else [])
    if user.role is not Role.ADMIN and (not scopes or not all(
            may_write(user, region=r, indicator=i) for r, i in scopes)):
        raise AlertForbiddenError(bilingual("alert_page.silence_forbidden"))
    row = lifecycle.silence(session, rule=rule, target_id=target.id if target else None,
                            series=series, until=until, reason=reason, who=user.name, now=now)
    audit.record(session, actor=user.name, action=AuditAction.ALERT_SILENCE,
                 object_type="alert_silence", object_key=str(row.id), at=now,
                 details={"rule": rule, "target_key": target_key, "series": series,
                          "until": until.isoformat(), "reason": reason})
    return row

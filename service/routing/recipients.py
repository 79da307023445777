"""Recipients and their subscriptions: add, list, remove (flush only; the caller commits),
and the active subscriptions as plain values for `service.routing.plan`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from indicators.vocab import Audience, Severity
from service.audit import AuditAction, cli_actor, record
from service.routing.plan import RecipientRef, SubscriptionRule
from service.routing.tables import Recipient, RobotKind, Subscription, SubscriptionKind

__all__ = ["Recipient", "Subscription", "add_recipient", "add_subscription",
           "get_recipient", "list_recipients", "recipient_records", "remove_recipient",
           "subscription_rules"]


def get_recipient(session: Session, *, name: str) -> Recipient | None:
    return session.scalar(select(Recipient).where(Recipient.name == name))


def list_recipients(session: Session) -> list[Recipient]:
    """Every recipient by name, with their subscriptions."""
    return list(session.scalars(select(Recipient).order_by(Recipient.name)
                                .options(selectinload(Recipient.subscriptions))))


def add_recipient(session: Session, *, name: str, role: str, email: str | None = None,
                  robot: RobotKind | None = None, robot_name: str | None = None,
                  language: str = "zh", actor: str | None = None) -> Recipient:
    """Add a recipient reachable by email, by a group robot, or both; audited."""
    recipient = Recipient(name=name, role=role, email=email, robot=robot,
                          robot_name=robot_name, language=language, active=True)
    session.add(recipient)
    session.flush()
    record(session, actor=actor or cli_actor(), action=AuditAction.RECIPIENT_ADD,
           object_type="recipient", object_key=name,
           details={"role": role, "email": email, "robot": robot and robot.value,
                    "robot_name": robot_name, "language": language})
    return recipient


def remove_recipient(session: Session, *, recipient: Recipient,
                     actor: str | None = None) -> None:
    """Remove a recipient and their subscriptions; audited."""
    record(session, actor=actor or cli_actor(), action=AuditAction.RECIPIENT_REMOVE,
           object_type="recipient", object_key=recipient.name, details={})
    session.delete(recipient)
    session.flush()


def add_subscription(session: Session, *, recipient: Recipient, kind: SubscriptionKind,
                     lead_department: str | None = None, region_code: str | None = None,
                     indicator_code: str | None = None, document_code: str | None = None,
                     min_severity: Severity | None = None, audience: Audience | None = None,
                     actor: str | None = None) -> Subscription:
    """Subscribe a recipient to digests, immediate alerts or data alerts; audited."""
    subscription = Subscription(
        recipient=recipient, kind=kind, lead_department=lead_department,
        region_code=region_code, indicator_code=indicator_code, document_code=document_code,
        min_severity=min_severity, audience=audience)
    session.add(subscription)
    session.flush()
    record(session, actor=actor or cli_actor(), action=AuditAction.SUBSCRIPTION_ADD,
           object_type="recipient", object_key=recipient.name,
           details={"id": subscription.id, **_filters(subscription)})
    return subscription


def _filters(subscription: Subscription) -> dict[str, Any]:
    return {"kind": subscription.kind.value, "department": subscription.lead_department,
            "region": subscription.region_code, "indicator": subscription.indicator_code,
            "document": subscription.document_code,
            "min_severity": subscription.min_severity and subscription.min_severity.value,
            "audience": subscription.audience and subscription.audience.value}


def _ref(recipient: Recipient) -> RecipientRef:
    return RecipientRef(recipient.id, recipient.name, recipient.role, recipient.email,
                        recipient.robot, recipient.robot_name, recipient.language,
                        recipient.active)


def subscription_rules(session: Session) -> list[SubscriptionRule]:
    """Every subscription of an active recipient, as plain values for routing."""
    rules = []
    for recipient in list_recipients(session):
        if not recipient.active:
            continue
        ref = _ref(recipient)
        rules += [SubscriptionRule(s.id, ref, s.kind, s.lead_department, s.region_code,
                                   s.indicator_code, s.document_code, s.min_severity,
                                   s.audience)
                  for s in sorted(recipient.subscriptions, key=lambda s: s.id)]
    return rules


def recipient_records(session: Session) -> list[dict[str, Any]]:
    """Every recipient with their subscriptions, as records (`recipient list --json`)."""
    return [{"name": r.name, "role": r.role, "email": r.email,
             "robot": r.robot and r.robot.value, "robot_name": r.robot_name,
             "language": r.language, "active": r.active,
             "created_at": r.created_at.isoformat(),
             "subscriptions": [{"id": s.id, **_filters(s)}
                               for s in sorted(r.subscriptions, key=lambda s: s.id)]}
            for r in list_recipients(session)]

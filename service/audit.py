"""The audit trail: every write recorded with who, when (UTC), what, which object and its
details, in the transaction of the write itself, so that a write and its record land or
fail together."""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.clock import utc_now
from service.tables import AuditEntry

__all__ = ["AuditAction", "AuditEntry", "cli_actor", "entries", "record"]


class AuditAction(StrEnum):
    UPLOAD_ACCEPTED = "upload.accepted"
    UPLOAD_REJECTED = "upload.rejected"
    UPLOAD_DUPLICATE = "upload.duplicate"
    USER_ADD = "user.add"
    USER_REVOKE = "user.revoke"
    USER_TOKEN = "user.token"
    USER_PASSWORD = "user.password"
    CATALOGUE_LOAD = "catalogue.load"
    TARGET_CREATE = "target.create"
    TARGET_EDIT = "target.edit"
    TARGET_APPROVE = "target.approve"
    TARGET_RETIRE = "target.retire"
    SIGN_IN = "user.sign_in"
    SIGN_OUT = "user.sign_out"
    RECIPIENT_ADD = "recipient.add"
    RECIPIENT_REMOVE = "recipient.remove"
    SUBSCRIPTION_ADD = "subscription.add"
    ALERT_ACKNOWLEDGE = "alert.acknowledge"
    ALERT_COMMENT = "alert.comment"
    ALERT_SILENCE = "alert.silence"


def cli_actor() -> str:
    """Who a command-line write is recorded as: `cli:` and the operating-system login (the
    command line has no signed-in user; whoever can run it can reach the database)."""
    try:
        login = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, no LOGNAME: still record the write
        login = "unknown"
    return f"cli:{login}"


def record(session: Session, *, actor: str, action: AuditAction, object_type: str,
           object_key: str, details: Mapping[str, Any] | None = None,
           at: datetime | None = None) -> AuditEntry:
    """Add one entry to the caller's transaction (flushed, so it has its id)."""
    entry = AuditEntry(at=at or utc_now(), actor=actor[:160], action=action.value,
                       object_type=object_type, object_key=object_key[:255],
                       details=dict(details or {}))
    session.add(entry)
    session.flush()
    return entry


def entries(session: Session, *, action: AuditAction | None = None,
            actor: str | None = None) -> list[AuditEntry]:
    """The entries in the order they were written (by id: `at` may be a moment the caller
    chose, such as the time an upload was received), optionally of one action or actor."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if action is not None:
        query = query.where(AuditEntry.action == action.value)
    if actor is not None:
        query = query.where(AuditEntry.actor == actor)
    return list(session.scalars(query))

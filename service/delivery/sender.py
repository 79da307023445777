"""Sending the outbox: claim a due message, send it, mark it; retry with backoff; dead at last.

Each message goes through three short transactions: claim (pending → sending, with a fresh
claim token and `claimed_at`, committed before anything is sent), send (outside any
transaction), mark (sent, or back to pending with the next attempt's time, or dead). A
failure stays with its message: the next due message is sent regardless.

Exactly once, honestly: the database records each message as sent exactly once, and every
attempt carries the same Message-ID. If the process dies after the server accepted the
message but before the mark was committed, the message stays `sending`; once its lease
(`TARGETWATCH_SEND_LEASE_MINUTES`) has passed it is due again and is sent again with the
SAME Message-ID, so the receiving mail system can drop the duplicate. To the wire this is
at-least-once within that window, which is kept as small as it can be: the mark is the
first thing done after the server says yes. Robots have no Message-ID; a group may see
such a message twice in that window.

Two senders never send one message at once: a claim is an UPDATE … WHERE id = … AND the
state (and claim token) it was seen with, and only the sender whose UPDATE changed the row
sends it (PostgreSQL also skips rows another sender has locked: FOR UPDATE SKIP LOCKED).

Test-only hook: with the environment variable TARGETWATCH_TEST_KILL_AFTER_SEND=1 the
process kills itself (SIGKILL) right after a successful send, before marking it, so a test
can prove the crash window is handled. Nothing else reads it.
"""

from __future__ import annotations

import os
import signal
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, true, update
from sqlalchemy.orm import Session, sessionmaker

from service.db import transaction
from service.delivery.channels import Channel, DeliveryError, OutgoingMessage
from service.delivery.outbox import get_message, outgoing
from service.delivery.tables import ChannelName, OutboxMessage, OutboxState
from service.settings import Settings

KILL_AFTER_SEND = "TARGETWATCH_TEST_KILL_AFTER_SEND"
SENDER_DIED = ("gave up: the sender stopped while sending it on every attempt "
               "(a message that crashes the sender)")


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to try: attempt n waits 2**(n-1) minutes, capped."""

    max_attempts: int = 8
    backoff_max: timedelta = timedelta(minutes=60)
    lease: timedelta = timedelta(minutes=10)

    @classmethod
    def from_settings(cls, settings: Settings) -> RetryPolicy:
        return cls(max_attempts=settings.send_max_attempts,
                   backoff_max=timedelta(minutes=settings.send_backoff_max_minutes),
                   lease=timedelta(minutes=settings.send_lease_minutes))

    def backoff(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failed attempt: 1, 2, 4 … minutes, capped."""
        return min(timedelta(minutes=2 ** min(max(attempts - 1, 0), 30)), self.backoff_max)


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    retried: int = 0
    dead: int = 0


def send_due(session_factory: sessionmaker[Session], *, now: datetime,
             channels: Mapping[ChannelName, Channel],
             policy: RetryPolicy | None = None, limit: int | None = None) -> SendReport:
    """Send every message due at `now` on the given channels, one at a time; return how
    many were sent, put back for a retry, and given up (dead)."""
    policy = policy or RetryPolicy()
    counts = {"sent": 0, "retried": 0, "dead": 0}
    seen: set[int] = set()
    while limit is None or len(seen) < limit:
        claimed = _claim_next(session_factory, now=now, channels=channels, policy=policy,
                              skip=seen)
        if claimed is None:
            break
        message, token, attempts = claimed
        seen.add(message.outbox_id)
        if attempts > policy.max_attempts:  # its senders died while sending it, every time
            outcome = _failed(session_factory, message.outbox_id, token, now=now,
                              policy=policy, detail=SENDER_DIED, permanent=True)
        else:
            outcome = _attempt(session_factory, message, token, now=now,
                               channel=channels[message.channel], policy=policy)
        counts[outcome] += 1
    return SendReport(**counts)


def _due(now: datetime, lease: timedelta):  # type: ignore[no-untyped-def]
    return or_(and_(OutboxMessage.state == OutboxState.PENDING,
                    OutboxMessage.next_attempt_at <= now),
               and_(OutboxMessage.state == OutboxState.SENDING,
                    OutboxMessage.claimed_at <= now - lease))


def _claim_next(session_factory: sessionmaker[Session], *, now: datetime,
                channels: Mapping[ChannelName, Channel], policy: RetryPolicy,
                skip: set[int]) -> tuple[OutgoingMessage, str, int] | None:
    """Claim the next due message: (what to send, the claim token, its attempts counting
    this one), or None when none is due. Committed before returning, so a crash from here
    on leaves it `sending`."""
    if not channels:
        return None
    while True:
        with transaction(session_factory) as session:
            query = (select(OutboxMessage.id, OutboxMessage.state, OutboxMessage.claim_token)
                     .where(_due(now, policy.lease),
                            OutboxMessage.channel.in_(list(channels)),
                            OutboxMessage.id.not_in(skip) if skip else true())
                     .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(1))
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            row = session.execute(query).first()
            if row is None:
                return None
            token = uuid.uuid4().hex
            if _take(session, row, token=token, now=now):
                message = get_message(session, outbox_id=row.id)
                assert message is not None
                return outgoing(message), token, message.attempts
        skip = skip | {row.id}  # another sender took it between our read and our update


def _take(session: Session, row, *, token: str, now: datetime) -> bool:  # type: ignore[no-untyped-def]
    """Move the row to `sending` under our token if it is still as we saw it."""
    same_token = (OutboxMessage.claim_token.is_(None) if row.claim_token is None
                  else OutboxMessage.claim_token == row.claim_token)
    result = session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row.id, OutboxMessage.state == row.state, same_token)
        .values(state=OutboxState.SENDING, claim_token=token, claimed_at=now,
                attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1  # type: ignore[attr-defined]


def _attempt(session_factory: sessionmaker[Session], message: OutgoingMessage, token: str,
             *, now: datetime, channel: Channel, policy: RetryPolicy) -> str:
    """Send one claimed message and record the outcome: "sent", "retried" or "dead"."""
    try:
        channel.send(message)
    except DeliveryError as error:
        return _failed(session_factory, message.outbox_id, token, now=now, policy=policy,
                       detail=str(error), permanent=error.permanent)
    except Exception as error:  # a bug in one channel must not stop the other messages
        return _failed(session_factory, message.outbox_id, token, now=now, policy=policy,
                       detail=f"{type(error).__name__}: {error}", permanent=False)
    if os.environ.get(KILL_AFTER_SEND) == "1":
        os.kill(os.getpid(), signal.SIGKILL)  # test-only: die inside the crash window
    with transaction(session_factory) as session:
        _mark(session, message.outbox_id, token, state=OutboxState.SENT, sent_at=now,
              claim_token=None, last_error=None)
    return "sent"


def _failed(session_factory: sessionmaker[Session], outbox_id: int, token: str, *,
            now: datetime, policy: RetryPolicy, detail: str, permanent: bool) -> str:
    with transaction(session_factory) as session:
        attempts = session.scalar(select(OutboxMessage.attempts)
                                  .where(OutboxMessage.id == outbox_id)) or 0
        if permanent or attempts >= policy.max_attempts:
            _mark(session, outbox_id, token, state=OutboxState.DEAD, last_error=detail,
                  claim_token=None)
            return "dead"
        _mark(session, outbox_id, token, state=OutboxState.PENDING, last_error=detail,
              claim_token=None, next_attempt_at=now + policy.backoff(attempts))
    return "retried"


def _mark(session: Session, outbox_id: int, token: str, **values: object) -> None:
    """Record an outcome, only if our claim still holds (a sender that outlived its lease
    and lost the message to another records nothing)."""
    session.execute(update(OutboxMessage)
                    .where(OutboxMessage.id == outbox_id, OutboxMessage.claim_token == token)
                    .values(**values).execution_options(synchronize_session=False))

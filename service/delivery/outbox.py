"""Writing to the outbox and reading it: data functions that flush, never commit."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from dashboards.emails.message import InlineImage, RenderedMessage
from service.delivery.channels import OutgoingMessage
from service.delivery.tables import (
    ChannelName,
    MessageKind,
    OutboxImage,
    OutboxMessage,
    OutboxState,
)
from service.settings import get_settings

DEFAULT_DOMAIN = "targetwatch.localdomain"


def new_message_id(domain: str) -> str:
    """Return a globally unique Message-ID, ``<uuid@domain>``."""
    return f"<{uuid.uuid4().hex}@{domain or DEFAULT_DOMAIN}>"


def domain_of(address: str) -> str:
    """The domain of an email address (the part after the last @), or the default."""
    return address.rpartition("@")[2] or DEFAULT_DOMAIN


def enqueue(session: Session, *, dedupe_key: str, channel: ChannelName, address: str,
            recipient: str, kind: MessageKind, rendered: RenderedMessage, now: datetime,
            domain: str | None = None) -> OutboxMessage | None:
    """Queue one rendered message for one address, in the caller's transaction (flushed,
    not committed); return None when `dedupe_key` is already queued, so the same alert or
    digest never goes to a recipient twice. `domain` ends the Message-ID (default: the
    domain of `TARGETWATCH_MAIL_FROM`)."""
    domain = domain or domain_of(get_settings().mail_from)
    # `channel` and `kind` may also come as plain strings of the same values ("email",
    # "dingtalk", "wecom"; "alert", "digest", "immediate").
    if session.scalar(select(OutboxMessage.id).where(
            OutboxMessage.dedupe_key == dedupe_key)) is not None:
        return None
    message = OutboxMessage(
        dedupe_key=dedupe_key, channel=ChannelName(channel), address=address,
        recipient=recipient, kind=MessageKind(kind), subject=rendered.subject,
        text=rendered.text, html=rendered.html, markdown=rendered.markdown,
        language=rendered.language,
        message_id=new_message_id(domain), state=OutboxState.PENDING, attempts=0,
        next_attempt_at=now, created_at=now,
        images=[OutboxImage(content_id=i.content_id, filename=i.filename, png=i.png)
                for i in rendered.images])
    try:
        # A concurrent transaction may have queued the same key since the check above:
        # its unique constraint answers, and only this insert is undone.
        with session.begin_nested():
            session.add(message)
    except IntegrityError:
        return None
    return message


def outgoing(message: OutboxMessage) -> OutgoingMessage:
    """The values a channel sends, detached from the session."""
    rendered = RenderedMessage(
        subject=message.subject, text=message.text, html=message.html,
        markdown=message.markdown, language=message.language,
        images=tuple(InlineImage(content_id=i.content_id, png=i.png, filename=i.filename)
                     for i in message.images))
    return OutgoingMessage(outbox_id=message.id, channel=message.channel,
                           address=message.address, message_id=message.message_id,
                           created_at=message.created_at, rendered=rendered)


def get_message(session: Session, *, outbox_id: int) -> OutboxMessage | None:
    return session.scalar(select(OutboxMessage).options(selectinload(OutboxMessage.images))
                          .where(OutboxMessage.id == outbox_id))


def list_messages(session: Session, *, state: OutboxState | None = None,
                  limit: int = 200) -> list[OutboxMessage]:
    """Return the newest messages first, of one state or of all."""
    query = select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(limit)
    if state is not None:
        query = query.where(OutboxMessage.state == state)
    return list(session.scalars(query))


def retry_message(session: Session, *, outbox_id: int, now: datetime) -> bool:
    """Put a dead message back to pending, due now, with its attempts reset; False when
    there is no dead message with this id. Its Message-ID stays the same."""
    message = session.get(OutboxMessage, outbox_id)
    if message is None or message.state != OutboxState.DEAD:
        return False
    message.state, message.attempts, message.next_attempt_at = OutboxState.PENDING, 0, now
    message.claim_token = message.claimed_at = None
    session.flush()
    return True

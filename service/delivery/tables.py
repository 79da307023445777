"""The outbox: rendered messages waiting to be sent, or sent, or dead.

A row is written in the same transaction as whatever caused it (an alert transition, a
digest), so a message exists exactly when its cause was committed; its `dedupe_key` is
unique, so the same alert or digest is never queued twice for one recipient.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.tables.base import Base, UTCDateTime, enum_column


class ChannelName(StrEnum):
    EMAIL = "email"
    DINGTALK = "dingtalk"
    WECOM = "wecom"


class MessageKind(StrEnum):
    ALERT = "alert"
    DIGEST = "digest"
    IMMEDIATE = "immediate"


class OutboxState(StrEnum):
    PENDING = "pending"  # due at next_attempt_at
    SENDING = "sending"  # claimed by a sender at claimed_at (due again after the lease)
    SENT = "sent"
    DEAD = "dead"  # gave up: permanent error or too many attempts; `outbox retry` revives


class OutboxMessage(Base):
    """One rendered message to one address on one channel, and how its sending went."""

    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(primary_key=True)
    # e.g. "alert:{alert_id}:{fire_count}:{recipient}" or "digest:{schedule}:{period}:{recipient}"
    dedupe_key: Mapped[str] = mapped_column(String(255), unique=True)
    channel: Mapped[ChannelName] = mapped_column(enum_column(ChannelName, "outbox_channel"))
    address: Mapped[str] = mapped_column(String(320))  # email address, or a robot's name
    recipient: Mapped[str] = mapped_column(String(160))  # who it is for, as a label
    kind: Mapped[MessageKind] = mapped_column(enum_column(MessageKind, "outbox_kind"))
    subject: Mapped[str] = mapped_column(String(998))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    markdown: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    # "<uuid@domain>", made once at enqueue: every attempt carries the same id.
    message_id: Mapped[str] = mapped_column(String(255), unique=True)
    state: Mapped[OutboxState] = mapped_column(enum_column(OutboxState, "outbox_state"),
                                               index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(64))

    images: Mapped[list[OutboxImage]] = relationship(
        back_populates="message", order_by="OutboxImage.id", cascade="all, delete-orphan")


class OutboxImage(Base):
    """A PNG shown inline in a message's HTML as ``cid:{content_id}``."""

    __tablename__ = "outbox_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_messages.id"), index=True)
    content_id: Mapped[str] = mapped_column(String(255))
    filename: Mapped[str] = mapped_column(String(255))
    png: Mapped[bytes] = mapped_column(LargeBinary)

    message: Mapped[OutboxMessage] = relationship(back_populates="images")

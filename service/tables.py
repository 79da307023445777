"""ORM tables of the service: users, their API tokens (`service.users` manages them), their
browser sessions (`service.sessions`) and the audit trail of every write (`service.audit`)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.clock import utc_now
from indicators.tables.base import Base, UTCDateTime, enum_column
from ingest.checks.permissions import WritePermission


class Role(StrEnum):
    ADMIN = "admin"
    UPLOADER = "uploader"
    READER = "reader"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"))
    # Region codes this user may write; indicator codes too, or None for any indicator.
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    indicators: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # An argon2 hash (argon2-cffi's encoded form); None for a user who signs in by token only.
    password_hash: Mapped[str | None] = mapped_column(String(255))
    # Set by `user revoke`: a disabled user's tokens and password are refused.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Login rate limiting: failed password checks in a row, and until when the next is refused.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

    @property
    def active(self) -> bool:
        return self.disabled_at is None

    def permission(self) -> WritePermission:
        """Return what this user may write, for the ingest pipeline."""
        if self.role is Role.ADMIN:
            return WritePermission.everything()
        if self.role is Role.READER:
            return WritePermission(regions=frozenset(), indicators=frozenset())
        return WritePermission(regions=frozenset(self.regions),
                               indicators=None if self.indicators is None
                               else frozenset(self.indicators))


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship(back_populates="tokens")


class WebSession(Base):
    """A signed-in browser: the cookie holds a random token, the table its SHA-256 hash, the
    synchroniser token every form of the session must return (CSRF), and when it ends.
    Server-side, so that signing out or `user revoke` ends it at once."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended: Mapped[bool] = mapped_column(Boolean, default=False)

    user: Mapped[User] = relationship()


class AuditEntry(Base):
    """One write: who did it, when (UTC), what, to which object, with its details.

    `actor` is a user name, or `cli:<login>` / `system:<job>` for writes made without a
    user; it is text, not a key to `users`, so an entry outlives any change to the user.
    `action` is one of `service.audit.AuditAction`, kept as text so that a new action needs
    no migration."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(160), index=True)
    action: Mapped[str] = mapped_column(String(64), index=True)
    object_type: Mapped[str] = mapped_column(String(32))
    object_key: Mapped[str] = mapped_column(String(255))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

"""Users and API tokens: who may upload figures for which regions and indicators.

A token is shown once when created and stored only as its SHA-256 hash. Users with the
role `admin` may write everything; `uploader`s the regions (and, if listed, indicators)
they were given; `reader`s nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from indicators.db import Base, UTCDateTime, utc_now
from indicators.models import _enum
from ingest.permissions import WritePermission


class Role(StrEnum):
    ADMIN = "admin"
    UPLOADER = "uploader"
    READER = "reader"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[Role] = mapped_column(_enum(Role, "user_role"))
    # Region codes this user may write; indicator codes too, or None for any indicator.
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    indicators: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    tokens: Mapped[list[ApiToken]] = relationship(back_populates="user")

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


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(session: Session, *, name: str, role: Role, regions: list[str],
             indicators: list[str] | None = None) -> tuple[User, str]:
    """Create a user with a first API token; return the user and the token (shown once)."""
    user = User(name=name, role=role, regions=sorted(regions), indicators=indicators)
    session.add(user)
    token = issue_token(session, user=user)
    return user, token


def issue_token(session: Session, *, user: User) -> str:
    """Create a new API token for a user; only its hash is stored."""
    token = "tw_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user=user, token_sha256=_digest(token)))
    session.flush()
    return token


def user_for_token(session: Session, *, token: str, now: datetime) -> User | None:
    """Return the user a valid, unrevoked token belongs to, recording its use."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token),
                                                ApiToken.revoked.is_(False)))
    if row is None:
        return None
    row.last_used_at = now
    return row.user

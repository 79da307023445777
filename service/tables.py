"""ORM tables of the service: users and their API tokens (`service.users` manages them)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, Boolean, ForeignKey, String
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

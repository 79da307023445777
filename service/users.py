"""Users and API tokens: who may upload figures for which regions and indicators.

A token is shown once when created and stored only as its SHA-256 hash. Users with the
role `admin` may write everything; `uploader`s the regions (and, if listed, indicators)
they were given; `reader`s nothing.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.tables import ApiToken, Role, User

__all__ = ["ApiToken", "Role", "User", "add_user", "issue_token", "user_for_token"]


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


def user_for_token(session: Session, *, token: str, now: datetime,
                   record_use: bool = True) -> User | None:
    """Return the user a valid, unrevoked token belongs to, recording its use (not on a
    read: a GET takes no write lock, so reading a report leaves `last_used_at` alone)."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token),
                                                ApiToken.revoked.is_(False)))
    if row is None:
        return None
    if record_use:
        row.last_used_at = now
    return row.user

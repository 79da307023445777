"""Users and API tokens: who may read, and who may write what.

Roles: `admin` writes everything; an `uploader` writes the regions (and, if listed, the
indicators) they were given; a `reader` (a leader, a viewer) writes nothing. A token is
shown once when created and stored only as its SHA-256 hash; a password only as its argon2
hash (`service.passwords`). `revoke_user` revokes every token and disables the user. Every
change is recorded in the audit trail in its own transaction (`service.audit`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from service.audit import AuditAction, cli_actor, record
from service.passwords import hash_password
from service.sessions import end_user_sessions
from service.tables import ApiToken, Role, User

__all__ = ["ApiToken", "Role", "UnknownRole", "User", "add_user", "issue_token",
           "parse_role", "revoke_user", "set_password", "user_for_token", "user_records"]

# What people call the roles, besides their stored names (the issue says "administrator",
# "leader", "viewer"; a clerk may type the Chinese).
ROLE_NAMES: dict[str, Role] = {
    "admin": Role.ADMIN, "administrator": Role.ADMIN, "管理员": Role.ADMIN,
    "uploader": Role.UPLOADER, "上传员": Role.UPLOADER, "填报员": Role.UPLOADER,
    "reader": Role.READER, "leader": Role.READER, "viewer": Role.READER,
    "领导": Role.READER, "查看者": Role.READER,
}


class UnknownRole(ValueError):
    """A role name that is none of ROLE_NAMES."""


def parse_role(text: str) -> Role:
    try:
        return ROLE_NAMES[text.strip().lower()]
    except KeyError:
        raise UnknownRole(text) from None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(session: Session, *, name: str, role: Role, regions: list[str],
             indicators: list[str] | None = None, password: str | None = None,
             actor: str | None = None) -> tuple[User, str]:
    """Create a user (with a password, if given) and a first API token; return the user
    and the token (shown once). A weak password raises `WeakPassword` before any write."""
    password_hash = None if password is None else hash_password(password)
    user = User(name=name, role=role, regions=sorted(regions), indicators=indicators,
                password_hash=password_hash)
    session.add(user)
    session.flush()
    actor = actor or cli_actor()
    record(session, actor=actor, action=AuditAction.USER_ADD, object_type="user",
           object_key=name, details={"role": role.value, "regions": user.regions,
                                     "indicators": indicators,
                                     "password": password_hash is not None})
    token = issue_token(session, user=user, actor=actor)
    return user, token


def issue_token(session: Session, *, user: User, actor: str | None = None) -> str:
    """Create a new API token for a user; only its hash is stored."""
    token = "tw_" + secrets.token_urlsafe(32)
    row = ApiToken(user=user, token_sha256=_digest(token))
    session.add(row)
    session.flush()
    record(session, actor=actor or cli_actor(), action=AuditAction.USER_TOKEN,
           object_type="user", object_key=user.name, details={"token_id": row.id})
    return token


def set_password(session: Session, *, user: User, password: str,
                 actor: str | None = None) -> None:
    """Give a user a new password (refused if weak); a lock-out from failures ends."""
    user.password_hash = hash_password(password)
    user.failed_logins, user.locked_until = 0, None
    record(session, actor=actor or cli_actor(), action=AuditAction.USER_PASSWORD,
           object_type="user", object_key=user.name)


def revoke_user(session: Session, *, user: User, now: datetime,
                actor: str | None = None) -> int:
    """Revoke every token of a user, end their browser sessions and disable the user;
    return how many tokens were still live. Revoking again changes nothing but is recorded."""
    live = [token for token in user.tokens if not token.revoked]
    for token in live:
        token.revoked = True
    user.disabled_at = user.disabled_at or now
    sessions = end_user_sessions(session, user=user)
    record(session, actor=actor or cli_actor(), action=AuditAction.USER_REVOKE,
           object_type="user", object_key=user.name,
           details={"tokens_revoked": [token.id for token in live],
                    "sessions_ended": sessions}, at=now)
    return len(live)


def user_for_token(session: Session, *, token: str, now: datetime,
                   record_use: bool = True) -> User | None:
    """Return the active user a valid, unrevoked token belongs to, recording its use (not
    on a read: a GET takes no write lock, so reading a report leaves `last_used_at` alone)."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token),
                                                ApiToken.revoked.is_(False)))
    if row is None or row.user.disabled_at is not None:
        return None
    if record_use:
        row.last_used_at = now
    return row.user


def user_records(session: Session) -> list[dict[str, Any]]:
    """Every user, by name, with what `user list` shows: role, regions, indicators (None:
    any), live and all tokens, the last use of any token, password set, disabled since."""
    users = session.scalars(select(User).options(selectinload(User.tokens))
                            .order_by(User.name))
    return [_record(user) for user in users]


def _record(user: User) -> dict[str, Any]:
    uses = [t.last_used_at for t in user.tokens if t.last_used_at is not None]
    return {"name": user.name, "role": user.role.value, "regions": list(user.regions),
            "indicators": None if user.indicators is None else list(user.indicators),
            "tokens_live": sum(not t.revoked for t in user.tokens),
            "tokens_total": len(user.tokens),
            "last_used_at": max(uses).isoformat() if uses else None,
            "password": user.password_hash is not None,
            "created_at": user.created_at.isoformat(),
            "disabled_at": None if user.disabled_at is None else user.disabled_at.isoformat()}

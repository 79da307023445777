"""Browser sessions: who a page request comes from.

Signing in with a password starts a session: the browser keeps a random token in an
HttpOnly cookie and the table keeps only its SHA-256 hash, with the CSRF token every form of
that session must send back and the moment it expires. Signing out ends it; so does `user
revoke` (every session of the user), at once, since the check reads the table on each
request. Sign-ins and sign-outs are written to the audit trail.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from service.audit import AuditAction, record
from service.tables import User, WebSession

# The cookie a signed-in browser sends (HttpOnly, SameSite=Lax; set by service/web/login.py).
SESSION_COOKIE = "tw_session"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, *, user: User, now: datetime, hours: float,
                  client: str = "") -> str:
    """Start a session for a user who has just proved their password; return the cookie
    token (shown to the browser only)."""
    token = secrets.token_urlsafe(32)
    session.add(WebSession(user=user, token_sha256=_digest(token),
                           csrf_token=secrets.token_urlsafe(32), created_at=now,
                           expires_at=now + timedelta(hours=hours)))
    record(session, actor=user.name, action=AuditAction.SIGN_IN, object_type="user",
           object_key=user.name, details={"client": client}, at=now)
    return token


def session_for_token(session: Session, *, token: str, now: datetime) -> WebSession | None:
    """Return the live session a cookie token names: not ended, not expired, its user not
    disabled; None otherwise."""
    if not token:
        return None
    row = session.scalar(select(WebSession).where(WebSession.token_sha256 == _digest(token)))
    if row is None or row.ended or row.expires_at <= now or row.user.disabled_at is not None:
        return None
    return row


def end_session(session: Session, *, token: str, now: datetime) -> None:
    """Sign out: end the session the token names (nothing if there is none)."""
    row = session_for_token(session, token=token, now=now)
    if row is not None:
        row.ended = True
        record(session, actor=row.user.name, action=AuditAction.SIGN_OUT, object_type="user",
               object_key=row.user.name, at=now)


def end_user_sessions(session: Session, *, user: User) -> int:
    """End every live session of a user (when the user is revoked); return how many."""
    result = session.execute(update(WebSession).where(WebSession.user_id == user.id,
                                                      WebSession.ended.is_(False))
                             .values(ended=True))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]

"""Passwords: argon2 hashes (argon2-cffi's PasswordHasher) and the password check with the
foundations of login rate limiting.

A hash made under older parameters is replaced by one under the current parameters the
next time its password is checked, so raising the cost needs no migration. After
`MAX_FAILED_LOGINS` wrong passwords in a row a user's password is refused, right or wrong,
until `LOCK_SECONDS` have passed (doubling with every further failure, capped at
`MAX_LOCK_SECONDS`): guessing is slowed without locking the user out for good. A right
password resets the count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.tables import User

MIN_LENGTH = 10
MAX_LENGTH = 1024  # argon2 takes any length; a bound keeps a request from hashing megabytes
MAX_FAILED_LOGINS = 5
LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 3600
HASHER = PasswordHasher()
# Verified against when the name is unknown, so that an unknown name takes as long as a
# wrong password and does not tell which names exist.
_DUMMY_HASH = HASHER.hash("targetwatch-no-such-user")


class WeakPassword(ValueError):
    """A password refused before hashing: too short or too long."""


class LoginOutcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # unknown name, wrong password, or a user without a password
    LOCKED = "locked"
    DISABLED = "disabled"


@dataclass(frozen=True)
class LoginResult:
    outcome: LoginOutcome
    user: User | None = None
    retry_after: datetime | None = None


def check_strength(password: str) -> None:
    """Refuse a password shorter than MIN_LENGTH or longer than MAX_LENGTH characters."""
    if not MIN_LENGTH <= len(password) <= MAX_LENGTH:
        raise WeakPassword(password)


def hash_password(password: str, *, hasher: PasswordHasher = HASHER) -> str:
    check_strength(password)
    return hasher.hash(password)


def _matches(encoded: str, password: str, hasher: PasswordHasher) -> bool:
    try:
        return hasher.verify(encoded, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _lock_seconds(failures: int) -> int:
    return min(LOCK_SECONDS * 2 ** (failures - MAX_FAILED_LOGINS), MAX_LOCK_SECONDS)


def check_password(session: Session, *, name: str, password: str, now: datetime,
                   hasher: PasswordHasher = HASHER) -> LoginResult:
    """Check a user's password, counting failures and rehashing an outdated hash; the
    caller's transaction keeps the count (so it must commit a failure too)."""
    user = session.scalar(select(User).where(User.name == name))
    if user is None or user.password_hash is None:
        _matches(_DUMMY_HASH, password, hasher)
        return LoginResult(LoginOutcome.WRONG)
    if user.locked_until is not None and user.locked_until > now:
        return LoginResult(LoginOutcome.LOCKED, retry_after=user.locked_until)
    if not _matches(user.password_hash, password, hasher):
        user.failed_logins += 1
        if user.failed_logins >= MAX_FAILED_LOGINS:
            user.locked_until = now + timedelta(seconds=_lock_seconds(user.failed_logins))
        return LoginResult(LoginOutcome.WRONG)
    if user.disabled_at is not None:
        return LoginResult(LoginOutcome.DISABLED)
    user.failed_logins, user.locked_until = 0, None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return LoginResult(LoginOutcome.OK, user=user)

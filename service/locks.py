"""One process at a time for work that must not run twice at once: the alert evaluation
with its routing (two service processes, or the scheduler and a CLI run, against one
database would otherwise both raise and both enqueue).

PostgreSQL: a transaction-scoped advisory lock, taken without waiting; the process that
does not get it skips the work (the holder does it), and the lock ends with the holder's
transaction, committed or rolled back, so a crashed process never leaves it held.
SQLite: every writing transaction already begins with BEGIN IMMEDIATE (`service.db`), which
holds the file's write lock until it ends, so a second process waits and then finds the
work done (one open alert per target and rule, one message per dedupe key).
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# A fixed key per kind of work (advisory lock keys are one 64-bit number, database-wide).
LOCK_KEYS: dict[str, int] = {"alerts": 0x7477_0001, "digest": 0x7477_0002}


def try_work_lock(session: Session, work: str) -> bool:
    """Take the lock for `work` for the rest of this session's transaction; False when
    another process holds it (PostgreSQL). Always True on SQLite (see the module)."""
    if session.get_bind().dialect.name != "postgresql":
        return True
    return bool(session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"),
                               {"key": LOCK_KEYS[work]}))

"""ORM table of target versions: each state of a target's terms with the time it became known.

A target is edited in place (a corrected catalogue file, a re-set goal), but an assessment
as of an earlier date must judge the target as it was known then. So every change to the
terms a status is computed from is kept here, written by one hook on every flush: no path
that edits a target (catalogue load, CLI, API) can forget it.

`known_from` is the moment of the flush, or the moment set with `edits_known_from` (a
correction known since a date). A target created and then adjusted in one transaction is
one act of recording: the adjustments update that first version rather than add versions.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import JSON, ForeignKey, event, inspect
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from indicators.clock import utc_now
from indicators.tables.base import Base, UTCDateTime
from indicators.tables.catalogue import Target

# Columns that do not change what a target asks for: its identity, bookkeeping, review and
# wording. Every other column (including ones added later) is part of a version.
UNVERSIONED = frozenset({"id", "key", "created_at", "updated_at", "review_state",
                         "superseded_by_id", "quote", "clause", "note", "lead_department",
                         "deadline_basis"})
_KNOWN_FROM = "target_edits_known_from"
_CREATED = "target_versions_created"


class TargetVersion(Base):
    """A target's terms as they stood from `known_from` until the next version."""

    __tablename__ = "target_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("targets.id"), index=True)
    known_from: Mapped[datetime] = mapped_column(UTCDateTime)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)
    # Column name → value as JSON (decimals as text, enums as their value).
    terms: Mapped[dict[str, Any]] = mapped_column(JSON)

    target: Mapped[Target] = relationship()


def versioned_columns() -> list[str]:
    return [c.name for c in Target.__table__.columns if c.name not in UNVERSIONED]


def _plain(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return value


def terms_of(target: Target) -> dict[str, Any]:
    """Return the versioned columns of a target as JSON values (a foreign key given as a
    related object, not yet flushed into its column, is read from that object)."""
    terms = {name: _plain(getattr(target, name)) for name in versioned_columns()}
    for relation in inspect(Target).relationships:
        related = getattr(target, relation.key) if relation.key in target.__dict__ else None
        for local, remote in relation.local_remote_pairs:
            if local.name in terms and terms[local.name] is None and related is not None:
                terms[local.name] = _plain(getattr(related, remote.key))
    return terms


@contextmanager
def edits_known_from(session: Session, moment: datetime) -> Iterator[None]:
    """Date the target edits flushed inside the block at `moment` (not the flush time),
    and record each as a version of its own even for targets created in this session."""
    session.flush()
    session.info[_KNOWN_FROM] = moment
    session.info.pop(_CREATED, None)
    try:
        yield
        session.flush()
    finally:
        session.info.pop(_KNOWN_FROM, None)


def _changed(target: Target) -> bool:
    state = inspect(target)
    return any(state.attrs[name].history.has_changes() for name in versioned_columns())


@event.listens_for(Session, "before_flush")
def _record_versions(session: Session, _context: object, _instances: object) -> None:
    """Add a version for every new target and every changed one (see the module doc)."""
    created: dict[Target, TargetVersion] = session.info.setdefault(_CREATED, {})
    moment = session.info.get(_KNOWN_FROM) or utc_now()
    for target in [o for o in session.new if isinstance(o, Target)]:
        version = TargetVersion(target=target, known_from=moment, terms=terms_of(target))
        session.add(version)
        created[target] = version
    for target in [o for o in session.dirty if isinstance(o, Target) and _changed(o)]:
        if target in created:
            created[target].terms = terms_of(target)
        else:
            session.add(TargetVersion(target=target, known_from=moment, terms=terms_of(target)))


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_rollback")
def _forget_created(session: Session) -> None:
    session.info.pop(_CREATED, None)

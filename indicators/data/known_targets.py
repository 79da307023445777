"""Targets as they were known at a moment: an assessment as of D judges each target by the
version of its terms known on D (`indicators.tables.target_versions`).

A target is judged by its newest version known at the moment; before any (a target
entered today, assessed as of a past year), by the version first entered: the document
stated the target all along, and entering it is not an edit. Only later edits are
withheld from earlier dates. Which targets are assessed (approved ones) follows the review
as it stands now: approval confirms a transcription, it does not change the target.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Enum, Numeric, select
from sqlalchemy.orm import Session

from indicators.tables.catalogue import Document, Entity, Indicator, Region, Target
from indicators.tables.target_versions import TargetVersion, terms_of


def targets_as_of(session: Session, targets: Sequence[Target],
                  as_of: datetime) -> list[Target]:
    """Return each target as known at `as_of`: itself when its terms have not changed
    since, else an unsaved copy carrying the terms of then (same id and key)."""
    if not targets:
        return []
    versions: dict[int, list[TargetVersion]] = {}
    for version in session.scalars(select(TargetVersion).where(
            TargetVersion.target_id.in_([t.id for t in targets]))
            .order_by(TargetVersion.known_from, TargetVersion.id)):
        versions.setdefault(version.target_id, []).append(version)
    return [_as_known(session, t, versions.get(t.id, []), as_of) for t in targets]


def _as_known(session: Session, target: Target, versions: list[TargetVersion],
              as_of: datetime) -> Target:
    if not versions:
        return target
    known = [v for v in versions if v.known_from <= as_of]
    first = min(versions, key=lambda v: v.id)  # as entered, whatever date later edits claim
    terms = (known[-1] if known else first).terms
    current = terms_of(target)
    if all(current.get(name) == value for name, value in terms.items()):
        return target
    return _copy_with(session, target, terms)


def _restore(name: str, raw: Any) -> Any:
    """Turn a stored JSON value back into the column's Python value."""
    if raw is None:
        return None
    kind = Target.__table__.c[name].type
    if isinstance(kind, Enum) and kind.enum_class is not None:
        return kind.enum_class(raw)
    if isinstance(kind, Numeric):
        return Decimal(str(raw))
    return raw


def _copy_with(session: Session, target: Target, terms: dict[str, Any]) -> Target:
    """An unsaved Target with the live one's identity and the given terms; never added to
    the session, so nothing about it is written."""
    values = {c.name: getattr(target, c.name) for c in Target.__table__.columns}
    values.update({name: _restore(name, raw) for name, raw in terms.items()
                   if name in values})
    copy = Target(**values)
    copy.indicator = session.get(Indicator, copy.indicator_id)  # type: ignore[assignment]
    copy.region = session.get(Region, copy.region_code)  # type: ignore[assignment]
    copy.entity = session.get(Entity, copy.entity_id) if copy.entity_id else None
    copy.document = session.get(Document, copy.document_id) if copy.document_id else None
    copy.superseded_by = target.superseded_by
    return copy

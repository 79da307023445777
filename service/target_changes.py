"""A target created, edited, approved or retired through the API: the change, its audit
entry and, for a target that is assessed, its re-assessment, all in the caller's
transaction (an edit and its record land or fail together)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from indicators.data import target_edits
from indicators.runs.assessment import run_assessment
from indicators.tables.catalogue import Target
from indicators.tables.target_versions import edits_known_from
from indicators.vocab import ReviewState
from service.audit import AuditAction, record
from service.settings import Settings


def _audit(session: Session, *, actor: str, action: AuditAction, target: Target,
           now: datetime, details: dict[str, Any] | None = None) -> None:
    record(session, actor=actor, action=action, object_type="target", object_key=target.key,
           at=now, details=details)


def _reassess(session: Session, target: Target, *, now: datetime, settings: Settings) -> None:
    """Re-assess one approved target as of `now`, as an upload does for the targets whose
    figures it changed; a proposed or retired target is not assessed."""
    if target.review_state is ReviewState.APPROVED:
        run_assessment(session, as_of=now, thresholds=settings.thresholds, targets=[target])


def create(session: Session, *, draft: target_edits.TargetDraft, actor: str,
           now: datetime) -> Target:
    """Store a proposed target (not assessed until approved)."""
    with edits_known_from(session, now):
        target = target_edits.create_target(session, draft=draft)
    _audit(session, actor=actor, action=AuditAction.TARGET_CREATE, target=target, now=now,
           details={"indicator": draft.indicator, "region": draft.region})
    return target


def edit(session: Session, *, target: Target, changes: target_edits.TargetChanges, actor: str,
         now: datetime, settings: Settings) -> target_edits.Edit:
    """Change a target's terms, dated `now`; an approved target is re-assessed on them."""
    with edits_known_from(session, now):
        done = target_edits.edit_target(session, target=target, changes=changes)
    if done.changes:
        _audit(session, actor=actor, action=AuditAction.TARGET_EDIT, target=target, now=now,
               details={"changes": {name: list(pair) for name, pair in done.changes.items()}})
        _reassess(session, target, now=now, settings=settings)
    return done


def approve(session: Session, *, target: Target, actor: str, now: datetime,
            settings: Settings) -> None:
    """Approve a proposed target and assess it at once (approving twice changes nothing)."""
    if target_edits.approve_target(session, target=target):
        _audit(session, actor=actor, action=AuditAction.TARGET_APPROVE, target=target, now=now)
        _reassess(session, target, now=now, settings=settings)


def retire(session: Session, *, target: Target, retirement: target_edits.Retirement,
           actor: str, now: datetime) -> None:
    """Retire a target, keeping its row, its versions and its past results."""
    before = target.review_state.value
    target_edits.retire_target(session, target=target, retirement=retirement)
    _audit(session, actor=actor, action=AuditAction.TARGET_RETIRE, target=target, now=now,
           details={"review_state_before": before,
                    "superseded_by": retirement.superseded_by})

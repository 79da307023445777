"""HTTP only: create, edit, approve and retire a target.

An uploader may create and edit targets of their own regions and indicators; approving
and retiring belong to an administrator; a reader writes nothing. Every write is audited
and an approved target is re-assessed at once (`service.target_changes`)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Request
from sqlalchemy.orm import Session

from indicators.clock import utc_now
from indicators.data import queries as indicator_queries
from indicators.data.records import target_record
from indicators.data.target_edits import (
    Retirement,
    TargetChanges,
    TargetDraft,
    TargetEditError,
)
from indicators.tables.catalogue import Target
from indicators.text.messages import bilingual
from service import target_changes
from service.api.deps import SessionDep, WriterDep
from service.users import Role, User

router = APIRouter(prefix="/api/targets", tags=["targets"])
_REFUSALS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Not allowed for this user / 无权操作"},
    404: {"description": "No such target / 目标不存在"},
    409: {"description": "Conflicts with the stored target / 与已有目标冲突"},
}


def _in_scope(user: User, *, region: str, indicator: str) -> None:
    """Refuse (403) a target outside the user's regions or indicators."""
    if not user.permission().allows(region=region, indicator=indicator):
        raise HTTPException(status_code=403, detail=bilingual(
            "target.forbidden", region=region, indicator=indicator))


def _admin(user: User) -> None:
    if user.role is not Role.ADMIN:
        raise HTTPException(status_code=403, detail=bilingual("target.admin_only"))


def _target(session: Session, key: str) -> Target:
    target = indicator_queries.get_target(session, key=key)
    if target is None:
        raise HTTPException(status_code=404,
                            detail=bilingual("api.not_found", what="target", code=key))
    return target


def _refused(error: TargetEditError) -> HTTPException:
    return HTTPException(status_code=409 if error.conflict else 422,
                         detail=" ".join(error.problems))


@router.post("", status_code=201, responses=_REFUSALS)
def create_target(session: SessionDep, user: WriterDep,
                  draft: Annotated[TargetDraft, Body()]) -> dict[str, Any]:
    """Add a target as `proposed`, with its verbatim quote; an administrator approves it.

    The indicator, region, entity and document must exist, the unit must convert to the
    indicator's, and the quote must occur verbatim in the document's stored text."""
    _in_scope(user, region=draft.region, indicator=draft.indicator)
    try:
        target = target_changes.create(session, draft=draft, actor=user.name, now=utc_now())
    except TargetEditError as error:
        raise _refused(error) from None
    return target_record(target)


@router.patch("/{key}", responses=_REFUSALS)
def edit_target(request: Request, session: SessionDep, user: WriterDep, key: str,
                changes: Annotated[TargetChanges, Body()]) -> dict[str, Any]:
    """Change the given terms of a target. Its earlier terms stay on record (an assessment
    as of an earlier date uses them), and an approved target is re-assessed at once."""
    target = _target(session, key)
    _in_scope(user, region=target.region_code, indicator=target.indicator.code)
    try:
        target_changes.edit(session, target=target, changes=changes, actor=user.name,
                            now=utc_now(), settings=request.app.state.settings)
    except TargetEditError as error:
        raise _refused(error) from None
    return target_record(target)


@router.post("/{key}/approve", responses=_REFUSALS)
def approve_target(request: Request, session: SessionDep, user: WriterDep,
                   key: str) -> dict[str, Any]:
    """Approve a proposed target (administrators only): from now on it is assessed and
    forecast. Approving an approved target changes nothing; a retired one is refused."""
    _admin(user)
    target = _target(session, key)
    try:
        target_changes.approve(session, target=target, actor=user.name, now=utc_now(),
                               settings=request.app.state.settings)
    except TargetEditError as error:
        raise _refused(error) from None
    return target_record(target)


@router.post("/{key}/retire", responses=_REFUSALS)
def retire_target(session: SessionDep, user: WriterDep, key: str,
                  retirement: Annotated[Retirement | None, Body()] = None) -> dict[str, Any]:
    """Retire a target (administrators only), optionally naming the target that supersedes
    it. The row, its versions and its past assessments stay; it is no longer assessed."""
    _admin(user)
    target = _target(session, key)
    try:
        target_changes.retire(session, target=target, retirement=retirement or Retirement(),
                              actor=user.name, now=utc_now())
    except TargetEditError as error:
        raise _refused(error) from None
    return target_record(target)

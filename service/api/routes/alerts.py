"""HTTP only: list and read alerts, acknowledge one (the 督办 close-out), comment on one,
silence a rule, a target or a series.

Any signed-in user (or token) reads; an administrator acts on any alert, an uploader on
alerts of their own regions and indicators, a reader on none (`service.alert_acts`).
Every act is audited."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Path, Query
from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from indicators.alerts import lifecycle
from indicators.alerts.listing import alert_events, alert_views, list_alerts
from indicators.alerts.views import AlertView
from indicators.clock import utc_now
from indicators.data.target_edits import Printable
from indicators.tables.alerts import AlertEvent
from indicators.text.messages import bilingual
from indicators.vocab import AlertState, Audience, Severity
from service import alert_acts
from service.api.deps import SessionDep, WriterDep
from service.api.pagination import MAX_OFFSET, Page, PageDep

router = APIRouter(prefix="/api/alerts", tags=["alerts"])
OPEN_STATES = (AlertState.FIRING, AlertState.ACKNOWLEDGED)
_REFUSALS: dict[int | str, dict[str, Any]] = {
    403: {"description": "Not allowed for this user / 无权操作"},
    404: {"description": "No such alert / 预警不存在"},
}
AlertId = Annotated[int, Path(ge=1, le=MAX_OFFSET, description="The alert's id")]
Text = Annotated[str, Field(min_length=1, max_length=5000), Printable]
Short = Annotated[str, Field(min_length=1, max_length=120, pattern=r"^[A-Za-z0-9_.@\-/]+$"),
                  Printable]


def _bounded(moment: datetime) -> datetime:
    """Refuse a moment beyond the years a silence can sensibly last (or overflow UTC)."""
    if not 2000 <= moment.year <= 2100:
        raise ValueError(bilingual("alert_page.bad_until", value=moment.isoformat()))
    return moment.astimezone(UTC)


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Acknowledgement(_Body):
    """The 督办 close-out: why it happened and what was done."""

    cause: Text
    measures: Annotated[str, Field(max_length=5000), Printable] = ""


class Comment(_Body):
    text: Text


class Silence(_Body):
    """Mute a rule, a target, a series ("indicator@region"), or a combination, until a
    moment (with its offset)."""

    rule: Short | None = None
    target_key: Annotated[str, Field(min_length=1, max_length=200), Printable] | None = None
    series: Short | None = None
    until: Annotated[AwareDatetime, AfterValidator(_bounded)]
    reason: Text


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def alert_record(view: AlertView) -> dict[str, Any]:
    """An alert as JSON: every `AlertView` field, and the target page's link."""
    record = {name: _plain(value) for name, value in asdict(view).items()}
    record["target_url"] = f"/targets/{view.target_key}" if view.target_key else None
    return record


def event_record(event: AlertEvent) -> dict[str, Any]:
    """One step of an alert's record as JSON."""
    return {"id": event.id, "kind": event.kind.value, "who": event.who,
            "at": event.at.isoformat(), "text": event.text,
            "severity": event.severity.value if event.severity else None}


def _refused(error: Exception) -> HTTPException:
    if isinstance(error, lifecycle.AlertNotFoundError):
        return HTTPException(status_code=404,
                             detail=bilingual("alert.not_found", alert_id=error.alert_id))
    if isinstance(error, alert_acts.AlertForbiddenError):
        return HTTPException(status_code=403, detail=str(error))
    return HTTPException(status_code=422, detail=str(error))


def _states(state: list[AlertState] | None) -> Iterator[AlertState]:
    yield from state or OPEN_STATES


@router.get("", response_model=Page[dict[str, Any]])
def list_alert_records(
    session: SessionDep, page: PageDep,
    state: Annotated[list[AlertState] | None, Query(
        description="firing, acknowledged or resolved (repeatable); default: the open ones")
    ] = None,
    audience: Audience | None = None, severity: Severity | None = None,
    rule: Annotated[str | None, Query(max_length=40, description="A rule code")] = None,
    target: Annotated[str | None, Query(max_length=200, description="A target key")] = None,
) -> Page[dict[str, Any]]:
    """The alerts, most recently changed first, with how many match in all."""
    views, total = list_alerts(session, states=list(_states(state)), audience=audience,
                               rule=rule, target_key=target, severity=severity,
                               offset=page.offset, limit=page.limit)
    return Page(total=total, limit=page.limit, offset=page.offset,
                items=[alert_record(v) for v in views])


@router.get("/{alert_id}", responses=_REFUSALS)
def get_alert(session: SessionDep, alert_id: AlertId) -> dict[str, Any]:
    """One alert with its events, oldest first."""
    try:
        alert = lifecycle.get_alert_or_raise(session, alert_id=alert_id)
    except lifecycle.AlertNotFoundError as error:
        raise _refused(error) from None
    return alert_record(alert_views(session, [alert_id])[0]) | {
        "cause": alert.cause, "measures_taken": alert.measures_taken,
        "events": [event_record(e) for e in alert_events(session, alert_id)]}


@router.post("/{alert_id}/acknowledge", responses=_REFUSALS)
def acknowledge_alert(session: SessionDep, user: WriterDep, alert_id: AlertId,
                      body: Annotated[Acknowledgement, Body()]) -> dict[str, Any]:
    """Acknowledge an alert with its cause and the measures taken (a firing alert becomes
    acknowledged; a resolved one keeps its state and takes the close-out)."""
    try:
        alert_acts.acknowledge(session, user=user, alert_id=alert_id, cause=body.cause,
                               measures=body.measures, now=utc_now())
    except (LookupError, PermissionError) as error:
        raise _refused(error) from None
    return get_alert(session, alert_id)


@router.post("/{alert_id}/comments", status_code=201, responses=_REFUSALS)
def comment_on_alert(session: SessionDep, user: WriterDep, alert_id: AlertId,
                     body: Annotated[Comment, Body()]) -> dict[str, Any]:
    """Add a comment to an alert's record."""
    try:
        event = alert_acts.comment(session, user=user, alert_id=alert_id, text=body.text,
                                   now=utc_now())
    except (LookupError, PermissionError) as error:
        raise _refused(error) from None
    return event_record(event)


@router.post("/silences", status_code=201, responses=_REFUSALS)
def silence_alerts(session: SessionDep, user: WriterDep,
                   body: Annotated[Silence, Body()]) -> dict[str, Any]:
    """Mute a rule, a target or a series until a moment; open alerts it covers are marked
    silenced at once, and later firings it covers are routed to nobody."""
    try:
        row = alert_acts.silence(session, user=user, rule=body.rule, target_key=body.target_key,
                                 series=body.series, until=body.until, reason=body.reason,
                                 now=utc_now())
    except (ValueError, PermissionError) as error:
        raise _refused(error) from None
    return {"id": row.id, "rule": row.rule, "target_key": body.target_key,
            "series": row.series, "until": row.until.isoformat(), "reason": row.reason,
            "who": row.who}

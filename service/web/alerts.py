"""HTTP only: the alerts inbox `/alerts`, one alert's page `/alerts/{id}`, and the forms
that acknowledge, comment on and silence an alert (`service.alert_acts`: who may, and the
audit record).

Alerts are shown as stored: a replay day (`?as_of=`) keeps its links but does not turn
the alerts back (their life is a record of its own, not re-derived from figures). Every
form posts its CSRF token (`CsrfDep`) and, done, sends the browser back to the alert."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from sqlalchemy import select
from sqlalchemy.orm import Session

from dashboards.pages.alerts import (
    STATES,
    EventLine,
    Filters,
    event_line,
    inbox_blocks,
    render_alert_missing,
    render_alert_page,
)
from dashboards.pages.layout import PageBlocks, PageContext, render_around
from indicators.alerts import lifecycle
from indicators.alerts.listing import alert_events, alert_views, list_alerts
from indicators.alerts.rules import all_rules
from indicators.clock import china_day_end, utc_now
from indicators.tables.alerts import Alert
from indicators.text.messages import bilingual
from indicators.vocab import AlertState, Audience, Severity
from service import alert_acts
from service.api.deps import SessionDep
from service.api.pagination import MAX_OFFSET
from service.web.deps import CsrfDep, PageDep, PageUserDep
from service.web.page_cache import cached_page_data

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
AlertId = Annotated[int, Path(ge=1, le=MAX_OFFSET)]
LongText = Annotated[str, Form(max_length=5000)]


def _states(state: str) -> list[AlertState]:
    if state == "open":
        return [AlertState.FIRING, AlertState.ACKNOWLEDGED]
    return [AlertState(state)]


@router.get("/alerts", response_class=HTMLResponse)
def inbox(request: Request, session: SessionDep, context: PageDep,
          state: Annotated[str, Query(pattern="^(" + "|".join(STATES) + ")$")] = "open",
          audience: Audience | None = None, severity: Severity | None = None,
          rule: Annotated[str | None, Query(max_length=40)] = None,
          offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0) -> HTMLResponse:
    """The stored alerts with the filters asked for, a page at a time."""
    filters = Filters(state=state, audience=audience.value if audience else None,
                      severity=severity.value if severity else None, rule=rule or None,
                      offset=offset)
    blocks = cached_page_data(request, session, "alerts",
                              (context.path, context.query, context.language),
                              lambda: _inbox_blocks(session, context, filters))
    return HTMLResponse(render_around(blocks, context))


def _inbox_blocks(session: Session, context: PageContext, filters: Filters) -> PageBlocks:
    views, total = list_alerts(
        session, states=_states(filters.state),
        audience=Audience(filters.audience) if filters.audience else None,
        severity=Severity(filters.severity) if filters.severity else None,
        rule=filters.rule, offset=filters.offset, limit=PAGE_SIZE)
    return inbox_blocks(context, views, total=total, filters=filters, page_size=PAGE_SIZE,
                        rules=[r.code for r in all_rules()])


def event_lines(session: Session, context: PageContext, alert_id: int) -> list[EventLine]:
    """An alert's record, oldest first, as shown."""
    return [event_line(context, at=e.at, who=e.who, kind=e.kind.value, text=e.text)
            for e in alert_events(session, alert_id)]


@router.get("/alerts/{alert_id}", response_class=HTMLResponse)
def alert_page(alert_id: AlertId, session: SessionDep, context: PageDep,
               user: PageUserDep) -> HTMLResponse:
    """One alert with its record; the forms only for a user who may act on it."""
    alert = session.get(Alert, alert_id)
    if alert is None:
        return HTMLResponse(render_alert_missing(context, alert_id), status_code=404)
    view = alert_views(session, [alert_id])[0]
    can_write = alert_acts.may_write(user, region=alert.region_code,
                                     indicator=alert.indicator_code)
    return HTMLResponse(render_alert_page(
        context, view, event_lines(session, context, alert_id), can_write=can_write,
        cause=alert.cause, measures=alert.measures_taken))


def _text(value: str, *, required: bool = True) -> str:
    """Form text as typed: refused (422) when empty but required, or holding a control
    character other than a line break or tab (as every endpoint refuses them)."""
    text = value.strip()
    if any(c not in "\t\n\r" and unicodedata.category(c) in ("Cc", "Cs") for c in text):
        raise HTTPException(status_code=422, detail=bilingual("target.control_character"))
    if required and not text:
        raise HTTPException(status_code=422, detail=bilingual("alert_page.empty_text"))
    return text


def _done(context: PageContext, alert_id: int) -> RedirectResponse:
    return RedirectResponse(context.url(f"/alerts/{alert_id}"), status_code=303)


def _http(error: Exception) -> HTTPException:
    if isinstance(error, lifecycle.AlertNotFoundError):
        return HTTPException(status_code=404,
                             detail=bilingual("alert.not_found", alert_id=error.alert_id))
    return HTTPException(status_code=403 if isinstance(error, PermissionError) else 422,
                         detail=str(error))


@router.post("/alerts/{alert_id}/acknowledge")
def acknowledge_form(alert_id: AlertId, session: SessionDep, context: PageDep,
                     user: PageUserDep, _csrf: CsrfDep, cause: LongText,
                     measures: LongText = "") -> RedirectResponse:
    """Acknowledge the alert with the cause and measures taken, then show it."""
    try:
        alert_acts.acknowledge(session, user=user, alert_id=alert_id, cause=_text(cause),
                               measures=_text(measures, required=False), now=utc_now())
    except (LookupError, PermissionError) as error:
        raise _http(error) from None
    return _done(context, alert_id)


@router.post("/alerts/{alert_id}/comment")
def comment_form(alert_id: AlertId, session: SessionDep, context: PageDep,
                 user: PageUserDep, _csrf: CsrfDep, text: LongText) -> RedirectResponse:
    """Add a comment to the alert's record, then show it."""
    try:
        alert_acts.comment(session, user=user, alert_id=alert_id, text=_text(text),
                           now=utc_now())
    except (LookupError, PermissionError) as error:
        raise _http(error) from None
    return _done(context, alert_id)


def _until(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise HTTPException(status_code=422, detail=bilingual(
            "alert_page.bad_until", value=value[:40])) from None


@router.post("/alerts/{alert_id}/silence")
def silence_form(alert_id: AlertId, session: SessionDep, context: PageDep,
                 user: PageUserDep, _csrf: CsrfDep, reason: LongText,
                 until: Annotated[str, Form(max_length=40)],
                 what: Annotated[str, Form(pattern="^(rule_target|target|series)$")]
                 ) -> RedirectResponse:
    """Mute this alert's target (every rule, or this rule on it) or its series until the
    end of a day (Beijing time)."""
    alert = session.scalar(select(Alert).where(Alert.id == alert_id))
    if alert is None:
        raise _http(lifecycle.AlertNotFoundError(alert_id))
    key = alert.target.key if alert.target is not None else None
    series = alert.subject.removeprefix("series:") if key is None else None
    try:
        alert_acts.silence(session, user=user, rule=alert.rule if what == "rule_target"
                           else None, target_key=key, series=series,
                           until=china_day_end(_until(until)), reason=_text(reason),
                           now=utc_now())
    except (ValueError, PermissionError) as error:
        raise _http(error) from None
    return _done(context, alert_id)

"""Who a page request comes from and what it asks for: the signed-in user (a session
cookie; otherwise the browser is sent to /login), the language, the as-of day of a replay,
and the CSRF check every form passes.

Every page takes `PageDep` (any signed-in user) or `UploaderPageDep` (an administrator or
an uploader; a reader is refused 403); every POST form route takes `CsrfDep`."""

from __future__ import annotations

import hmac
from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from dashboards.pages.layout import PageContext
from indicators.clock import CHINA_TIME, china_day_end, utc_now
from indicators.tables.alerts import Alert
from indicators.tables.assessments import AssessmentRun
from indicators.text.messages import bilingual
from indicators.vocab import AlertState
from service.api.deps import LanguageDep, SessionDep
from service.sessions import SESSION_COOKIE, session_for_token
from service.tables import Role, User, WebSession

LOGIN_CSRF_COOKIE = "tw_login_csrf"


class LoginRequired(Exception):
    """A page asked for without a live session: answered with a redirect to /login."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


def web_session(request: Request, session: SessionDep) -> WebSession | None:
    """The live session the request's cookie names, if any."""
    return session_for_token(session, token=request.cookies.get(SESSION_COOKIE, ""),
                             now=utc_now())


WebSessionDep = Annotated[WebSession | None, Depends(web_session)]


def as_of_day(as_of: Annotated[str | None, Query(
        description="Replay: show what was known at the end of this day (YYYY-MM-DD, "
                    "Beijing time)")] = None) -> date | None:
    """The replay day asked for; empty means today. A day not yet over is refused (422),
    since what is known on it can still change."""
    if not as_of:
        return None
    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        raise HTTPException(status_code=422, detail=bilingual("web.bad_as_of", value=as_of[:40])) \
            from None
    if china_day_end(day) >= utc_now():
        raise HTTPException(status_code=422, detail=bilingual("web.bad_as_of", value=as_of))
    return day


def replay_days(session: Session) -> tuple[date, ...]:
    """The days with a stored retrospective assessment, newest first, offered in the as-of
    picker."""
    moments = session.scalars(select(AssessmentRun.as_of).where(
        AssessmentRun.retrospective.is_(True)).distinct())
    return tuple(sorted({m.astimezone(CHINA_TIME).date() for m in moments}, reverse=True))


def page_context(request: Request, session: SessionDep, language: LanguageDep,
                 signed_in: WebSessionDep,
                 day: Annotated[date | None, Depends(as_of_day)]) -> PageContext:
    """The context of a page for a signed-in user; without a session the browser is sent
    to sign in and brought back afterwards."""
    if signed_in is None:
        raise LoginRequired(str(request.url.path) + (f"?{request.url.query}"
                                                     if request.url.query else ""))
    return PageContext(
        language=language, path=request.url.path,
        query=tuple((k, v) for k, v in request.query_params.multi_items() if k != "lang"),
        user_name=signed_in.user.name, role=signed_in.user.role.value,
        csrf_token=signed_in.csrf_token, as_of=day,
        as_of_moment=china_day_end(day) if day else utc_now(),
        replay_days=replay_days(session), open_alerts=open_alert_count(session))


def open_alert_count(session: Session) -> int:
    """How many alerts are firing or acknowledged (the navigation shows it)."""
    return session.scalar(select(func.count(Alert.id)).where(
        Alert.state != AlertState.RESOLVED)) or 0


PageDep = Annotated[PageContext, Depends(page_context)]


def page_user(signed_in: WebSessionDep) -> User:
    """The signed-in user (a page route that checks what they may write)."""
    if signed_in is None:
        raise HTTPException(status_code=401, detail=bilingual("api.unauthorized"))
    return signed_in.user


PageUserDep = Annotated[User, Depends(page_user)]


def uploader_page(context: PageDep) -> PageContext:
    """A page only writers reach: a reader (leader, viewer) is refused 403."""
    if context.role == Role.READER.value:
        raise HTTPException(status_code=403, detail=bilingual("web.readers_cannot_upload"))
    return context


UploaderPageDep = Annotated[PageContext, Depends(uploader_page)]


async def check_csrf(request: Request, signed_in: WebSessionDep) -> None:
    """Refuse (403) a form whose csrf_token is not its session's (or, before signing in,
    the login cookie's)."""
    form = await request.form()
    sent = form.get("csrf_token")
    expected = request.cookies.get(LOGIN_CSRF_COOKIE) if request.url.path == "/login" \
        else signed_in.csrf_token if signed_in is not None else None
    if not isinstance(sent, str) or not expected or not _same(sent, expected):
        raise HTTPException(status_code=403, detail=bilingual("web.csrf_failed"))


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


CsrfDep = Annotated[None, Depends(check_csrf)]

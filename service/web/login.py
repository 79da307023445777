"""Signing in and out of the pages.

A password check goes through `service.passwords` (argon2, the lock-out per name after
repeated failures); on top of it each client address may try `TARGETWATCH_LOGIN_RATE` times
(a moving window, the `limits` library), so one address cannot try many names. The login
form carries a CSRF token from a cookie of its own (there is no session yet); the session
cookie is HttpOnly and SameSite=Lax, Secure when `TARGETWATCH_COOKIE_SECURE` is set."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter

from dashboards.pages.layout import PageContext, render_page
from indicators.clock import CHINA_TIME, utc_now
from indicators.text.messages import Language, message
from service.api.deps import LanguageDep, SessionDep
from service.passwords import LoginOutcome, check_password
from service.sessions import end_session, start_session
from service.web.deps import LOGIN_CSRF_COOKIE, SESSION_COOKIE, CsrfDep

router = APIRouter(include_in_schema=False)
_LIMITER = MovingWindowRateLimiter(MemoryStorage())


def _safe_next(target: str) -> str:
    """Only a path on this site: never an absolute URL (no open redirect)."""
    parts = urlsplit(target)
    return target if target.startswith("/") and not target.startswith("//") \
        and not parts.scheme and not parts.netloc else "/"


def _login_page(language: Language, *, next_url: str, token: str, name: str = "",
                problem: str | None = None, status: int = 200) -> HTMLResponse:
    context = PageContext(language=language, path="/login", as_of_moment=utc_now(),
                          csrf_token=token)
    response = HTMLResponse(render_page("login.html", context, next=next_url, name=name,
                                        problem=problem), status_code=status)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        path="/login")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, language: LanguageDep, next: str = "/") -> HTMLResponse:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(32)
    return _login_page(language, next_url=_safe_next(next), token=token)


@router.post("/login")
def login(request: Request, session: SessionDep, language: LanguageDep, _: CsrfDep,
          name: Annotated[str, Form(max_length=120)],
          password: Annotated[str, Form(max_length=1024)],
          next: Annotated[str, Form(max_length=2000)] = "/") -> Response:
    """Check the password; on success start a session and go where the user was going."""
    settings = request.app.state.settings
    client = request.client.host if request.client else "unknown"
    token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not _LIMITER.hit(parse(settings.login_rate), id(request.app), client):
        return _login_page(language, next_url=_safe_next(next), token=token, name=name,
                           problem=message("login.rate_limited", language), status=429)
    now = utc_now()
    result = check_password(session, name=name.strip(), password=password, now=now)
    if result.outcome is not LoginOutcome.OK or result.user is None:
        problem = message("login.locked", language, when=result.retry_after.astimezone(CHINA_TIME)
                     .strftime("%H:%M:%S")) if result.outcome is LoginOutcome.LOCKED and \
            result.retry_after else message(f"login.{result.outcome.value}", language)
        return _login_page(language, next_url=_safe_next(next), token=token, name=name,
                           problem=problem, status=401)
    cookie = start_session(session, user=result.user, now=now, hours=settings.session_hours,
                           client=client)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, cookie, max_age=int(settings.session_hours * 3600),
                        httponly=True, samesite="lax", secure=settings.cookie_secure)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep, _: CsrfDep) -> Response:
    end_session(session, token=request.cookies.get(SESSION_COOKIE, ""), now=utc_now())
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response

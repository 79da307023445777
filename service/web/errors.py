"""Errors on pages as pages: a browser asking for an HTML page gets the status, the reason in
its language and a way back, never a JSON document or a stack trace."""

from __future__ import annotations

import json
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from dashboards.pages.layout import PageContext, render_page
from indicators.clock import utc_now
from indicators.text.messages import Language, has_message
from service.api import problems
from service.sessions import SESSION_COOKIE, session_for_token


def wants_page(request: Request) -> bool:
    """A request for a page (not the API, not the docs) from something that reads HTML."""
    path = request.url.path
    return not path.startswith(("/api/", "/docs", "/redoc", "/openapi", "/static/")) \
        and "text/html" in request.headers.get("accept", "")


def error_page(request: Request, status: int, detail: str) -> HTMLResponse:
    """The error in the page's language (a bilingual detail "中文 / English" is split),
    inside the usual frame: a signed-in user keeps their navigation, so a 403 is a page of
    the site with a way on, not a dead end."""
    asked = request.query_params.get("lang")
    language = Language(asked if asked in ("zh", "en") else request.app.state.settings.language)
    zh, _, en = detail.partition(" / ")
    context = PageContext(language=language, path=request.url.path, as_of_moment=utc_now(),
                          **_signed_in(request))
    heading = f"web.status.{status}"
    title = context.t(heading) if has_message(heading) else HTTPStatus(status).phrase
    return HTMLResponse(render_page("error.html", context, status=status, title=title,
                                    detail=(en or zh) if language is Language.EN else zh),
                        status_code=status)


def _signed_in(request: Request) -> dict[str, str]:
    """The user and role of the request's live session, if any (read-only: an error page
    never refreshes or writes a session)."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return {}
    try:
        with request.app.state.session_factory() as session:
            found = session_for_token(session, token=token, now=utc_now())
            return {} if found is None else {"user_name": found.user.name,
                                             "role": found.user.role.value,
                                             "csrf_token": found.csrf_token}
    except Exception:  # the error page must render even when the database is the error
        return {}


def install(app: FastAPI) -> None:
    """Answer a page's errors with a page; the API's stay problem documents."""
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal)


async def _http_error(request: Request, error: HTTPException) -> Response:
    answer = await problems.http_error(request, error)
    if not wants_page(request):
        return answer
    return error_page(request, error.status_code, _detail(answer.body))


async def _internal(request: Request, error: Exception) -> Response:
    answer = await problems.internal_error(request, error)
    return error_page(request, 500, _detail(answer.body)) if wants_page(request) else answer


async def _invalid(request: Request, error: RequestValidationError) -> Response:
    answer = await problems.invalid_parameters(request, error)
    if not wants_page(request):
        return answer
    body = json.loads(answer.body)
    return error_page(request, 422, "；".join(e["detail_zh"] for e in body["errors"]) + " / "
                      + "; ".join(e["detail_en"] for e in body["errors"]))


def _detail(body: bytes | memoryview) -> str:
    return str(json.loads(bytes(body))["detail"])

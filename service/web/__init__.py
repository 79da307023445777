"""The pages people read and the forms they send: each module holds one page's routes and
`ROUTERS` lists them; `install` adds them to the app with the page-only error handling
(a browser that is not signed in is sent to /login; an error on a page is an HTML page)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import RedirectResponse
from starlette.responses import Response

from service.web import (
    alerts,
    board,
    compare,
    errors,
    login,
    static,
    target,
    track_record,
    upload,
)
from service.web.deps import LoginRequired
from service.web.headers import SecurityHeaders

ROUTERS: tuple[APIRouter, ...] = (
    login.router,
    static.router,
    board.router,
    track_record.router,
    target.router,
    compare.router,
    upload.router,
    alerts.router,
)


def install(app: FastAPI) -> None:
    for router in ROUTERS:
        app.include_router(router)
    app.add_exception_handler(LoginRequired, _to_login)  # type: ignore[arg-type]
    errors.install(app)
    app.add_middleware(SecurityHeaders)


async def _to_login(request: Request, error: LoginRequired) -> Response:
    language = request.query_params.get("lang")
    target = f"/login?next={quote(error.next_url, safe='')}" + (f"&lang={language}"
                                                         if language in ("zh", "en") else "")
    return RedirectResponse(target, status_code=303)

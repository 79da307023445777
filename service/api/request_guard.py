"""Refuse a request whose path, query or headers hold a NUL or another control character,
before any route reads it: PostgreSQL cannot store or even compare text holding NUL, so
such a value would otherwise end as a server error in whichever query met it first."""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Receive, Scope, Send

from indicators.text.messages import bilingual
from service.api.problems import INVALID_PARAMETER, problem

# C0 controls except tab, and DEL: never part of a code, a name or a date.
_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


def has_control_characters(scope: Scope) -> bool:
    """Tell whether the request's path, query string or a header value holds a control
    character (percent-encoded ones included)."""
    raw_path = scope.get("raw_path") or scope.get("path", "").encode("utf-8", "surrogatepass")
    query = scope.get("query_string", b"").replace(b"+", b" ")
    return any(_CONTROL.search(unquote_to_bytes(part)) for part in (raw_path, query)) or any(
        _CONTROL.search(value) for _, value in scope.get("headers", []))


class RefuseControlCharacters:
    """ASGI middleware answering such a request 422 with a problem document."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and has_control_characters(scope):
            response = problem(422, bilingual("api.control_character"), type_=INVALID_PARAMETER,
                               title=bilingual("api.invalid_parameters_title"))
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

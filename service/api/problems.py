"""Errors as RFC 9457 problem details (application/problem+json), in Chinese and English.

Every error the API answers has the same shape: `type`, `title`, `status`, `detail` (Chinese
/ English, as every message a person must act on), and for invalid parameters `errors`: one
entry per parameter with its location, the value as sent (shortened) and the reason in both
languages. FastAPI's own 422 body (`{"detail": [{"loc": …, "msg": …}]}`) never reaches a
client.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from indicators.text.messages import Language, bilingual, message

LOG = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"
INVALID_PARAMETER = "urn:targetwatch:problem:invalid-parameter"
_VALUE_CHARS = 80
# Pydantic error types with a reason of their own; any other falls back to `api.bad_format`.
_REASONS = {
    "enum": "api.expected_one_of", "literal_error": "api.expected_one_of",
    "greater_than_equal": "api.at_least", "greater_than": "api.above",
    "less_than_equal": "api.at_most", "less_than": "api.below",
    "int_parsing": "api.integer", "int_from_float": "api.integer",
    "float_parsing": "api.number", "bool_parsing": "api.boolean",
    "datetime_parsing": "api.datetime", "datetime_from_date_parsing": "api.datetime",
    "date_parsing": "api.date", "date_from_datetime_parsing": "api.date",
    "missing": "api.missing", "string_pattern_mismatch": "api.bad_format",
}


_GENERIC = {404: "api.no_such_path", 405: "api.method_not_allowed"}


def install(app: FastAPI) -> None:
    """Answer invalid parameters, every HTTP error and any unexpected failure with a problem
    document (never a stack trace)."""
    app.add_exception_handler(RequestValidationError, invalid_parameters)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, http_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, internal_error)


def problem(status: int, detail: str, *, type_: str = "about:blank", title: str | None = None,
            headers: Mapping[str, str] | None = None, **extra: Any) -> JSONResponse:
    """Return a problem+json response; `title` defaults to the status's reason phrase."""
    body = {"type": type_, "title": title or HTTPStatus(status).phrase, "status": status,
            "detail": detail, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON,
                        headers=dict(headers or {}))


async def http_error(request: Request, error: HTTPException) -> JSONResponse:
    """Our own errors carry a bilingual detail already; Starlette's (no such path, wrong
    method) carry only the status phrase, and get a bilingual one here."""
    phrase = HTTPStatus(error.status_code).phrase
    detail = error.detail if isinstance(error.detail, str) and error.detail != phrase else \
        bilingual(_GENERIC.get(error.status_code, "api.http_error"), path=request.url.path,
                  method=request.method, status=error.status_code, phrase=phrase)
    return problem(error.status_code, detail, headers=error.headers)


async def internal_error(request: Request, error: Exception) -> JSONResponse:
    """Log the failure with its traceback and a reference; the client gets the reference
    and no detail of the code."""
    reference = secrets.token_hex(6)
    LOG.error("internal error %s on %s %s", reference, request.method, request.url.path,
              exc_info=error)
    return problem(500, bilingual("api.internal_error", reference=reference),
                   reference=reference)


async def invalid_parameters(_request: Request, error: RequestValidationError) -> JSONResponse:
    errors = [parameter_error(e) for e in error.errors()]
    names = ", ".join(dict.fromkeys(e["parameter"] for e in errors))
    return problem(422, bilingual("api.invalid_parameters", names=names),
                   type_=INVALID_PARAMETER, title=bilingual("api.invalid_parameters_title"),
                   errors=errors)


def parameter_error(error: Mapping[str, Any]) -> dict[str, Any]:
    """One entry of `errors`: where, the value as sent, and why, in both languages."""
    location, name = _where(error.get("loc", ()))
    value = _shortened(error.get("input"))
    key = _REASONS.get(str(error.get("type")), "api.bad_format")
    reasons = {lang: message(key, lang, **_context(error.get("ctx") or {}, lang),
                             detail=error.get("msg", "")) for lang in Language}
    template = "api.missing_parameter" if key == "api.missing" else "api.invalid_parameter"
    detail = {lang: message(template, lang, name=name, value=value, reason=reasons[lang])
              for lang in Language}
    return {"location": location, "parameter": name, "value": value,
            "detail_zh": detail[Language.ZH], "detail_en": detail[Language.EN]}


def _where(loc: Sequence[Any]) -> tuple[str, str]:
    parts = [str(part) for part in loc]
    if parts and parts[0] in {"query", "path", "header", "body", "cookie"}:
        return parts[0], ".".join(parts[1:]) or parts[0]
    return "body", ".".join(parts)


def _shortened(value: Any) -> str:
    text = "" if value is None or isinstance(value, dict) else str(value)
    return text if len(text) <= _VALUE_CHARS else text[:_VALUE_CHARS - 1] + "…"


def _context(ctx: Mapping[str, Any], language: Language) -> dict[str, str]:
    """The limits a reason quotes (ge, expected…), as text; the allowed values as a list in
    the language's way ("zh、en" / "zh, en")."""
    values = {name: str(value) for name, value in ctx.items() if name != "error"}
    if "expected" in values:
        choices = re.findall(r"'([^']*)'", values["expected"]) or [values["expected"]]
        values["expected"] = ("、" if language is Language.ZH else ", ").join(choices)
    return {"ge": "", "gt": "", "le": "", "lt": "", "expected": "", **values}

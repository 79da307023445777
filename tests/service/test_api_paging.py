"""Every API list is paged with its total: read from the app's own routes, so a new list
route that returns a bare array, or takes no limit and offset, fails here."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import sessionmaker

from service.app import create_app
from service.settings import Settings


def _schema() -> dict[str, Any]:
    return create_app(settings=Settings(), factory=sessionmaker()).openapi()


def _ok_schema(schema: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    content = operation.get("responses", {}).get("200", {}).get("content", {})
    found: dict[str, Any] = content.get("application/json", {}).get("schema", {})
    while "$ref" in found:
        found = schema["components"]["schemas"][found["$ref"].rsplit("/", 1)[-1]]
    return found


def _lists(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """GET /api routes whose answer is a list: a bare array or a page of items."""
    found = {}
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or not path.startswith("/api/"):
            continue
        body = _ok_schema(schema, operation)
        if body.get("type") == "array" or "items" in body.get("properties", {}):
            found[path] = operation | {"body": body}
    return found


def test_every_list_route_takes_limit_and_offset_and_answers_its_total() -> None:
    lists = _lists(_schema())
    assert {"/api/targets", "/api/regions", "/api/indicators", "/api/documents",
            "/api/observations", "/api/forecasts"} <= set(lists)
    for path, operation in sorted(lists.items()):
        parameters = {p["name"] for p in operation.get("parameters", [])}
        assert {"limit", "offset"} <= parameters, f"{path} takes no limit/offset"
        assert {"total", "limit", "offset", "items"} <= set(
            operation["body"].get("properties", {})), f"{path} answers no page with its total"

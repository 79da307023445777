"""Every API error is an RFC 9457 problem document with its reason in Chinese and English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.api.problems import INVALID_PARAMETER, PROBLEM_JSON
from service.app import create_app
from service.db import make_engine, session_factory
from service.migrate import upgrade
from service.settings import Settings
from tests.signed import reader_headers


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The app over an empty migrated SQLite file: errors do not depend on the data nor
    on the database (the session is the same code on both), so one fast database serves."""
    url = f"sqlite:///{tmp_path_factory.mktemp('problems') / 'targetwatch.db'}"
    engine = make_engine(url)
    upgrade(engine)
    headers = reader_headers(session_factory(engine))
    engine.dispose()
    with TestClient(create_app(settings=Settings(database_url=url, language="zh")),
                    headers=headers) as client:
        yield client

# (request, the parameters it names, a fragment of each reason in Chinese and in English)
INVALID = [
    ("/?lang=xx", {"lang": ("可选值为 zh、en", "expected one of zh, en")}),
    ("/api/assessments?status=nonsense",
     {"status": ("可选值为 achieved、on_track", "expected one of achieved, on_track")}),
    ("/api/targets?offset=-1", {"offset": ("不得小于 0", "at least 0")}),
    ("/api/observations?limit=0&offset=x",
     {"limit": ("不得小于 1", "at least 1"), "offset": ("须为整数", "whole number")}),
    ("/api/forecasts?limit=abc", {"limit": ("须为整数", "whole number")}),
    ("/api/observations?as_of=yesterday", {"as_of": ("带时区的时间", "time with a zone")}),
    ("/api/templates?regions=370300", {"indicators": ("缺少参数", "is required")}),
]


def _is_problem(response, status: int) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert response.status_code == status
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body = response.json()
    assert {"type", "title", "status", "detail"} <= body.keys()
    assert body["status"] == status
    zh, _, en = body["detail"].partition(" / ")
    assert zh and en, body["detail"]
    return body  # type: ignore[no-any-return]


def test_invalid_query_values_get_a_problem_naming_each_parameter(client: TestClient) -> None:
    for url, expected in INVALID:
        body = _is_problem(client.get(url), 422)
        assert body["type"] == INVALID_PARAMETER
        assert body["title"] == "请求参数无效 / Invalid request parameters"
        by_name = {e["parameter"]: e for e in body["errors"]}
        assert by_name.keys() == expected.keys(), url
        for name, (zh, en) in expected.items():
            assert by_name[name]["location"] == "query"
            assert zh in by_name[name]["detail_zh"], (url, by_name[name])
            assert en in by_name[name]["detail_en"], (url, by_name[name])
            assert name in body["detail"]


def test_a_huge_value_is_quoted_shortened(client: TestClient) -> None:
    body = _is_problem(client.get("/api/assessments", params={"status": "x" * 5000}), 422)
    assert len(body["errors"][0]["value"]) <= 80
    assert len(client.get("/api/assessments", params={"status": "x" * 5000}).content) < 2000


def test_other_errors_are_problems_too(client: TestClient) -> None:
    missing = _is_problem(client.get("/api/targets/no-such-target"), 404)
    assert "未找到" in missing["detail"] and "not found" in missing["detail"]
    nowhere = _is_problem(client.get("/api/nowhere"), 404)
    assert "/api/nowhere" in nowhere["detail"] and "没有这个地址" in nowhere["detail"]
    _is_problem(client.delete("/api/targets"), 405)
    unauthorized = client.post("/api/uploads", files={"file": ("x.csv", b"a,b\r\n")},
                               headers={"Authorization": ""})
    assert _is_problem(unauthorized, 401)["title"] == "Unauthorized"
    assert unauthorized.headers["www-authenticate"] == "Bearer"
    naive = _is_problem(client.get("/api/observations?as_of=2018-01-01T00:00:00"), 422)
    assert "时区" in naive["detail"]


def test_valid_values_are_still_answered(client: TestClient) -> None:
    assert client.get("/login?lang=en").status_code == 200
    assert client.get("/api/assessments?status=on_track").status_code == 200
    assert client.get("/api/targets?offset=0&limit=1").json()["limit"] == 1


def test_an_unexpected_failure_is_a_problem_with_a_reference_and_no_traceback(
        caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(settings=Settings(database_url="sqlite:///:memory:", language="zh"))

    @app.get("/api/broken")
    def broken() -> None:
        raise RuntimeError("secret detail of the code")

    @app.get("/broken-page")
    def broken_page() -> None:
        raise RuntimeError("secret detail of the code")

    with TestClient(app, raise_server_exceptions=False) as client:
        api = client.get("/api/broken", headers={"Authorization": ""})
        page = client.get("/broken-page", headers={"Accept": "text/html"})
    body = _is_problem(api, 500)
    assert "服务器内部错误" in body["detail"] and "Internal server error" in body["detail"]
    assert body["reference"] in caplog.text and "secret detail" in caplog.text
    for answer in (api, page):
        assert "secret detail" not in answer.text and "Traceback" not in answer.text
    assert page.status_code == 500 and "text/html" in page.headers["content-type"]
    assert "服务器内部错误" in page.text

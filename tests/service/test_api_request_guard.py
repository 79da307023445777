"""A request holding a control character is refused as a problem before any query runs
(PostgreSQL cannot compare text holding NUL)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("url", ["/api/targets?document=%00", "/api/forecasts?region=a%0Ab",
                                 "/api/targets/002%00x", "/api/observations?indicator=%1F"])
def test_a_control_character_is_refused_on_both_databases(client: TestClient, url: str) -> None:
    refused = client.get(url)
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert "控制字符" in refused.json()["detail"] and "control" in refused.json()["detail"]


def test_a_tab_or_a_chinese_name_passes(client: TestClient) -> None:
    assert client.get("/api/targets", params={"document": "00\t2"}).status_code == 200
    assert client.get("/api/targets/淄博").status_code == 404

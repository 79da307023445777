"""The HTTP API and the first page, over a real database holding the seed catalogue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

AS_OF = datetime(2020, 6, 30, 12, tzinfo=UTC)  # a fixed moment: results do not move with the clock


@pytest.fixture
def page_size_max() -> int:
    return 50


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}


def test_targets_filter_by_region_and_document(client: TestClient) -> None:
    body = client.get("/api/targets", params={"region": "330783"}).json()
    assert body["total"] == 4
    assert {t["document"] for t in body["items"]} == {"001"}
    assert client.get("/api/targets", params={"document": "003"}).json()["total"] == 13


def test_targets_are_paged_and_the_page_size_is_capped(client: TestClient) -> None:
    first = client.get("/api/targets", params={"limit": 10, "offset": 0}).json()
    second = client.get("/api/targets", params={"limit": 10, "offset": 10}).json()
    assert len(first["items"]) == len(second["items"]) == 10
    assert not {t["key"] for t in first["items"]} & {t["key"] for t in second["items"]}
    assert client.get("/api/targets", params={"limit": 10_000}).json()["limit"] == 50
    assert client.get("/api/targets", params={"limit": 0}).status_code == 422


def test_a_target_carries_its_source_and_quote(client: TestClient) -> None:
    body = client.get("/api/targets", params={"indicator": "gdp_growth",
                                              "region": "330783"}).json()
    (target,) = body["items"]
    assert target["quote"] == "地区生产总值年均增速8%左右"
    assert (target["comparator"], target["value"], target["deadline"]) == ("approx", "8", 2018)
    assert client.get(f"/api/targets/{target['key']}").json() == target


def test_an_unknown_target_is_a_bilingual_404(client: TestClient) -> None:
    response = client.get("/api/targets/no-such-key")
    assert response.status_code == 404
    assert "未找到" in response.json()["detail"] and "not found" in response.json()["detail"]


def test_observations_filter_by_document(client: TestClient) -> None:
    body = client.get("/api/observations", params={"document": "004", "limit": 200}).json()
    assert body["total"] == 87
    assert all(o["region"] == "370300" and not o["illustrative"] for o in body["items"])


def test_observations_as_of_needs_a_time_zone(client: TestClient) -> None:
    response = client.get("/api/observations", params={"as_of": "2018-01-01T00:00:00"})
    assert response.status_code == 422
    ok = client.get("/api/observations", params={"as_of": "2018-01-01T00:00:00+08:00"})
    assert ok.status_code == 200 and ok.json()["total"] == 0


def test_reference_lists(client: TestClient) -> None:
    documents = client.get("/api/documents", params={"limit": 2, "offset": 4}).json()
    assert (documents["total"], [d["code"] for d in documents["items"]]) == (5, ["004"])
    regions = {r["code"]: r for r in client.get("/api/regions").json()["items"]}
    assert regions["330783"]["parent"] == "330700"
    indicators = {i["code"] for i in client.get("/api/indicators").json()["items"]}
    assert {"gdp_growth", "forest_coverage"} <= indicators


def test_assessments_show_each_status(client: TestClient,
                                     session_factory) -> None:  # type: ignore[no-untyped-def]
    from indicators.runs.assessment import run_assessment

    assert client.get("/api/assessments").json() == {"as_of": None, "total": 0, "limit": 50,
                                                     "offset": 0, "items": []}
    with session_factory() as session, session.begin():
        run_assessment(session, as_of=AS_OF)
    body = client.get("/api/assessments").json()
    assert body["total"] == 89
    assert {r["status"] for r in body["items"]} == {"not_assessable"}  # no figures loaded
    assert client.get("/api/assessments", params={"document": "001"}).json()["total"] == 4
    assert {r["basis"] for r in body["items"]} == {"none"}

"""The exact records the read API returns, field by field and in order: the routes only
translate HTTP, and what they return comes from indicators.data.board."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from indicators.runs.assessment import run_assessment
from indicators.runs.forecast import run_forecast

NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
ASSESSMENT_FIELDS = [
    "key", "document", "region", "indicator", "as_of", "status", "status_zh", "final",
    "reason_zh", "reason_en", "illustrative", "basis", "latest_preliminary", "latest_year",
    "latest_value", "required_value", "time_share", "distance_share", "progress_ratio", "gap",
    "required_rate", "required_change", "escap_ratio", "baseline_stated", "baseline_observed",
    "probability", "forecast_year", "forecast_mean", "forecast_lo_80", "forecast_hi_80",
    "forecast_lo_95", "forecast_hi_95", "forecast_model", "in_year", "superseded_by"]
FORECAST_FIELDS = [
    "target", "indicator", "region", "entity", "deadline", "unit", "series_id",
    "forecast_run_id", "forecast_as_of", "model", "reason", "n_obs", "last_period", "points",
    "assessed_as_of", "status", "forecast_year", "forecast_mean", "forecast_lo_80",
    "forecast_hi_80", "forecast_lo_95", "forecast_hi_95", "forecast_model", "probability"]


def test_reference_records(client: TestClient) -> None:
    regions = client.get("/api/regions").json()["items"]
    assert [r["code"] for r in regions] == sorted(r["code"] for r in regions)
    assert next(r for r in regions if r["code"] == "330783") == {
        "code": "330783", "name": "东阳市", "name_en": "Dongyang", "level": "county",
        "parent": "330700"}
    indicators = client.get("/api/indicators").json()["items"]
    assert next(i for i in indicators if i["code"] == "gdp_growth") == {
        "code": "gdp_growth", "name": "地区生产总值增长率", "name_en": "GRP growth (real)",
        "unit": "%", "frequency": "quarterly", "higher_is_better": True,
        "value_type": "growth_rate", "definition": "按可比价格计算"}
    document = client.get("/api/documents").json()["items"][1]
    assert list(document) == ["code", "title", "issuer", "issued_on", "plan_start",
                              "plan_end", "region", "script", "text_sha256"]
    assert {k: v for k, v in document.items() if k != "text_sha256"} == {
        "code": "001", "title": "东阳市县域经济体制综合改革总体方案",
        "issuer": "东阳市人民政府办公室", "issued_on": "2016-04-08", "plan_start": 2016,
        "plan_end": 2018, "region": "330783", "script": "hans"}


def test_assessment_filters_combine(client: TestClient,
                                    session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session, session.begin():
        run_assessment(session, as_of=NOW)

    def keys(**params: str) -> list[str]:
        body = client.get("/api/assessments", params=params).json()
        assert body["as_of"] == NOW.isoformat() and body["total"] == len(body["items"])
        return [item["key"] for item in body["items"]]

    dongyang = keys(region="330783")
    assert len(dongyang) == 4 and dongyang == sorted(dongyang)
    assert keys(document="001", status="not_assessable") == dongyang
    assert keys(region="330783", document="002") == []
    assert keys(status="achieved") == []
    (item,) = client.get("/api/assessments", params={"region": "330783"}).json()["items"][:1]
    assert list(item) == ASSESSMENT_FIELDS


def test_forecast_records_and_runs(client: TestClient,
                                   session_factory: sessionmaker[Session]) -> None:
    with session_factory() as session, session.begin():
        first = run_forecast(session, as_of=NOW).id
        second = run_forecast(session, as_of=NOW).id
    runs = client.get("/api/forecasts/runs", params={"limit": 1, "offset": 1}).json()
    assert (runs["total"], runs["limit"], runs["offset"]) == (2, 1, 1)
    (older,) = runs["items"]
    assert list(older) == ["id", "as_of", "started_at", "finished_at", "series_count", "seed",
                           "levels", "method_version"]
    assert (older["id"], older["as_of"], older["seed"], older["levels"]) == (
        first, NOW.isoformat(), 0, [80, 95])
    assert client.get("/api/forecasts/runs").json()["items"][0]["id"] == second
    page = client.get("/api/forecasts", params={"limit": 2, "offset": 1}).json()
    everything = client.get("/api/forecasts").json()
    assert page["items"] == everything["items"][1:3]
    assert list(page["items"][0]) == FORECAST_FIELDS

"""Uploads through the API and the command line, with tokens, permissions and templates."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from indicators.clock import china_midnight
from indicators.tables.observations import Observation
from service.app import create_app
from service.settings import Settings
from service.users import Role, add_user
from tests.ingest.files import csv_bytes
from tests.seed import seed_catalogues

# Figures land, and targets are re-assessed, at a fixed moment: mid-2020, Beijing time.
LANDED_AT = datetime(2020, 6, 30, 12, tzinfo=UTC)
# 2013: a year document 004 (loaded with the catalogue) has no figures for.
ROWS = [("地区生产总值", "淄博市", "2013", "3800", "亿元", ""),
        ("地区生产总值增长率", "淄博市", "2013", "9.5", "%", "")]


@pytest.fixture
def tokens(session_factory: sessionmaker[Session]) -> dict[str, str]:
    with session_factory() as session, session.begin():
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
        return {role: add_user(session, name=f"{role}-user", role=Role(role), regions=regions)[1]
                for role, regions in (("uploader", ["370300"]), ("reader", []),
                                      ("admin", []))}


@pytest.fixture
def client(session_factory: sessionmaker[Session], tokens: dict[str, str]) -> Iterator[TestClient]:
    app = create_app(settings=Settings(upload_max_bytes=100_000, language="zh"),
                     factory=session_factory)
    with TestClient(app) as client:
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _post(client: TestClient, content: bytes, token: str | None, name: str = "zibo.csv",
          **params: str):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/uploads", files={"file": (name, content)}, headers=headers,
                       params=params)


def test_an_upload_needs_a_valid_token(client: TestClient, tokens: dict[str, str]) -> None:
    assert _post(client, csv_bytes(ROWS), None).status_code == 401
    assert _post(client, csv_bytes(ROWS), "tw_not-a-token").status_code == 401
    refused = _post(client, csv_bytes(ROWS), tokens["reader"])
    assert refused.status_code == 403 and "无权" in refused.json()["detail"]


def test_an_accepted_upload_returns_its_report(client: TestClient, tokens: dict[str, str]) -> None:
    response = _post(client, csv_bytes(ROWS), tokens["uploader"])
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["figures_new"]) == ("accepted", 2)
    assert "已接收" in body["summary_zh"] and "Accepted" in body["summary_en"]
    again = _post(client, csv_bytes(ROWS), tokens["uploader"]).json()
    assert again["status"] == "duplicate"


def test_a_rejected_upload_is_422_with_the_rows_named(client: TestClient,
                                                      tokens: dict[str, str]) -> None:
    rows = [*ROWS, ("地区生产总值", "吕梁市", "2013", "1228.6", "亿元", "")]
    response = _post(client, csv_bytes(rows), tokens["uploader"])
    assert response.status_code == 422
    (issue,) = response.json()["issues"]
    assert (issue["row"], issue["code"]) == (4, "ingest.not_permitted")
    accepted = _post(client, csv_bytes(rows), tokens["admin"])
    assert accepted.status_code == 200


def test_a_file_over_the_size_limit_is_413(client: TestClient, tokens: dict[str, str]) -> None:
    big = csv_bytes(ROWS * 3000)
    assert len(big) > 100_000
    response = _post(client, big, tokens["uploader"])
    assert response.status_code == 413 and "超过上限" in response.json()["detail"]


def test_the_template_downloads_and_comes_back_accepted(client: TestClient,
                                                       tokens: dict[str, str]) -> None:
    response = client.get("/api/templates", headers=_bearer(tokens["reader"]), params={
        "indicators": "gdp,gdp_growth", "regions": "370300", "periods": "2012,2013"})
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["数据"]
    assert [c.value for c in sheet[1]][:5] == ["指标", "地区", "时期", "数值", "单位"]
    assert sheet.max_row == 5 and sheet["E2"].value == "亿元"
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    assert validated >= {"A2", "B2", "D2", "E2", "F2"}
    assert book["lists"].sheet_state == "hidden"
    for row, value in zip(range(2, 6), (3557.2, 3800, 10.1, 9.5), strict=True):
        sheet.cell(row=row, column=4, value=value)
    filled = io.BytesIO()
    book.save(filled)
    upload = _post(client, filled.getvalue(), tokens["uploader"], name="filled.xlsx")
    assert upload.status_code == 200, upload.json()
    assert upload.json()["figures_new"] == 4
    bad = client.get("/api/templates", params={"indicators": "nope", "regions": "370300"},
                     headers=_bearer(tokens["reader"]))
    assert bad.status_code == 422 and "nope" in bad.json()["detail"]


def test_the_ingest_command_reports_and_sets_its_exit_code(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load")
    good, bad = tmp_path / "zibo.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes(ROWS))
    bad.write_bytes(csv_bytes([("地区生产总值", "淄博市", "2013", "abc", "亿元", "")]))
    dry = run("ingest", str(good), "--dry-run")
    assert dry.exit_code == 0 and "试运行" in dry.stdout
    accepted = run("ingest", str(good), "--json")
    assert accepted.exit_code == 0 and json.loads(accepted.stdout)["figures_new"] == 2
    rejected = run("ingest", str(bad))
    assert rejected.exit_code == 1
    assert "无法识别为数值" in rejected.stdout and "已拒收" in rejected.stdout
    assert run("ingest", str(tmp_path / "missing.csv")).exit_code == 2


def test_user_add_prints_a_token_once_and_template_writes_a_file(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("catalog", "load")
    created = run("user", "add", "zibo-bureau", "--role", "uploader", "--regions", "370300")
    assert created.exit_code == 0
    assert created.stdout.strip().splitlines()[-1].startswith("tw_")
    assert run("user", "add", "zibo-bureau", "--regions", "370300").exit_code == 1
    assert run("user", "add", "x", "--regions", "999999").exit_code == 1
    path = tmp_path / "t.xlsx"
    made = run("template", "--indicators", "gdp", "--regions", "370300", "--periods", "2025",
               "-o", str(path))
    assert made.exit_code == 0 and load_workbook(path)["数据"]["A2"].value == "地区生产总值"


def test_landing_figures_re_assesses_the_targets_that_read_them(
        session_factory: sessionmaker[Session], tokens: dict[str, str]) -> None:
    from sqlalchemy import select

    from indicators.tables.assessments import AssessmentRun
    from ingest.checks.permissions import WritePermission
    from service.uploads import ingest_and_reassess

    rows = [("高速铁路通车里程", "山东省", str(year), value, "公里", "")
            for year, value in ((2017, 1240), (2018, 1747), (2019, 1987))]
    with session_factory() as session, session.begin():
        report = ingest_and_reassess(
            session, content=csv_bytes(rows), file_name="sd.csv", uploader="山东省统计局",
            permission=WritePermission.everything(), now=LANDED_AT, settings=Settings())
        assert report.status == "accepted"
        run = session.scalars(select(AssessmentRun).order_by(AssessmentRun.id.desc())).first()
        assert run is not None
        assert [r.target.key for r in run.results] == ["003-high-speed-rail-km-2022"]
        (result,) = run.results
        assert result.status.value == "off_track"  # 747 of the 1,304 km due by 2019: 0.57
        assert "2019年实际1,987公里" in result.reason_zh


def test_the_published_form_field_dates_the_figures(client: TestClient, tokens: dict[str, str],
                                                    session_factory: sessionmaker[Session]
                                                    ) -> None:
    headers = {"Authorization": f"Bearer {tokens['uploader']}"}
    bad = client.post("/api/uploads", files={"file": ("zibo.csv", csv_bytes(ROWS))},
                      data={"published": "10/01/2014"}, headers=headers)
    assert bad.status_code == 422 and "公布日期" in bad.json()["detail"]
    early = client.post("/api/uploads", files={"file": ("zibo.csv", csv_bytes(ROWS))},
                        data={"published": "2013-12-31"}, headers=headers)
    assert early.status_code == 422
    assert {i["code"] for i in early.json()["issues"]} == {"ingest.published_early"}
    response = client.post("/api/uploads", files={"file": ("zibo.csv", csv_bytes(ROWS))},
                           data={"published": "2014-01-10"}, headers=headers)
    assert response.status_code == 200, response.json()
    with session_factory() as session:
        landed = session.scalars(select(Observation).where(
            Observation.upload_id == response.json()["upload_id"])).all()
    assert {o.vintage_at for o in landed} == {china_midnight(date(2014, 1, 10))}
    assert len(landed) == 2

"""The board's exports hold exactly what the page shows (same filters and sort, every
page), with headers in the page's language and no cell a spreadsheet would run; and
/api/assessments is paged."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import UTC, datetime

import openpyxl
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from indicators.runs.assessment import run_assessment
from indicators.tables.catalogue import Target
from tests.factories import add_annual_figures

NOW = datetime(2020, 6, 30, 12, tzinfo=UTC)
ROW_KEY = re.compile(r'<tr data-key="([^"]+)">')


@pytest.fixture
def leader(signed_in: Callable[[str], TestClient],
           session_factory: sessionmaker[Session]) -> TestClient:
    client = signed_in("leader")
    with session_factory() as session, session.begin():
        add_annual_figures(session, indicator_code="gdp_growth", region_code="330783",
                           values={2016: "8.1", 2017: "7.9", 2018: "8.0"})
        target = session.scalar(select(Target).where(Target.key.like("001-fai%")))
        assert target is not None
        target.lead_department = "=HYPERLINK(\"http://x\")"
        run_assessment(session, as_of=NOW)
    return client


def csv_rows(client: TestClient, **params: str) -> list[list[str]]:
    response = client.get("/board.csv", params=params)
    assert response.status_code == 200 and response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def xlsx_rows(client: TestClient, **params: str) -> list[list[object]]:
    response = client.get("/board.xlsx", params=params)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("params", [{}, {"region": "330783", "sort": "status", "desc": "1"},
                                    {"document": "002", "sort": "deadline"}])
def test_the_exports_hold_the_rows_the_page_shows_in_its_order(
        leader: TestClient, params: dict[str, str]) -> None:
    shown = ROW_KEY.findall(leader.get("/", params=params).text)
    assert shown
    for rows in (csv_rows(leader, **params), xlsx_rows(leader, **params)):
        assert rows[0][:3] == ["目标编号", "状态", "原因"]
        assert [row[0] for row in rows[1:]] == shown


def test_the_headers_follow_the_language(leader: TestClient) -> None:
    assert csv_rows(leader, lang="en")[0][:3] == ["Target key", "Status", "Reason"]
    assert xlsx_rows(leader, lang="en")[0][:3] == ["Target key", "Status", "Reason"]


def test_a_formula_like_cell_is_never_a_formula(leader: TestClient) -> None:
    column = csv_rows(leader)[0].index("牵头单位")
    (row,) = [r for r in csv_rows(leader, region="330783") if r[0].startswith("001-fai")]
    assert row[column] == "'=HYPERLINK(\"http://x\")"
    response = leader.get("/board.xlsx", params={"region": "330783"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = next(c for c in sheet.iter_rows() if str(c[0].value).startswith("001-fai"))
    assert cells[column].data_type == "s" and cells[column].value.startswith("=HYPERLINK")


def test_an_unknown_export_is_not_found(leader: TestClient) -> None:
    assert leader.get("/board.pdf").status_code in (404, 422)


def test_assessments_are_paged_and_filter_like_the_board(leader: TestClient) -> None:
    first = leader.get("/api/assessments", params={"limit": 10}).json()
    second = leader.get("/api/assessments", params={"limit": 10, "offset": 10}).json()
    assert (first["total"], first["limit"], first["offset"], len(first["items"])) == (
        89, 10, 0, 10)
    assert not {i["key"] for i in first["items"]} & {i["key"] for i in second["items"]}
    assert first["as_of"] == NOW.isoformat()
    by_deadline = leader.get("/api/assessments", params={"deadline": "2018-2018"}).json()
    board = ROW_KEY.findall(leader.get("/", params={"deadline": "2018"}).text)
    assert by_deadline["total"] == len(board)
    assert leader.get("/api/assessments", params={"deadline": "soon"}).status_code == 422
    department = leader.get("/api/assessments", params={"department": "市农委"}).json()
    assert department["total"] == 6

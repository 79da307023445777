"""The target board at `/`: filters narrow rows and counts, sorting orders, marks carry a
shape and a word, user strings are escaped, and a replay shows the older run."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dashboards.pages.layout import STATUS_SHAPES
from indicators.runs.assessment import run_assessment
from indicators.tables.catalogue import Target
from tests.factories import add_annual_figures

NOW = datetime(2020, 6, 30, 12, tzinfo=UTC)
BEFORE = datetime(2017, 6, 30, 12, tzinfo=UTC)  # before document 003 (2018-02-13)
ROW = re.compile(r'<tr data-key="([^"]+)">(.*?)</tr>', re.S)


@pytest.fixture
def leader(signed_in: Callable[[str], TestClient],
           session_factory: sessionmaker[Session]) -> TestClient:
    """A signed-in reader over the seed catalogue, two of Dongyang's targets with figures
    (one met, one missed), a retrospective run as of mid-2017 and a current one."""
    client = signed_in("leader")
    with session_factory() as session, session.begin():
        add_annual_figures(session, indicator_code="gdp_growth", region_code="330783",
                           values={2015: "8.4", 2016: "8.1", 2017: "7.9", 2018: "8.0"})
        add_annual_figures(session, indicator_code="fixed_asset_investment_growth",
                           region_code="330783", values={2016: "5", 2017: "6", 2018: "4"})
        run_assessment(session, as_of=BEFORE, retrospective=True)
        run_assessment(session, as_of=NOW)
    return client


def rows(html: str) -> list[tuple[str, str]]:
    return [(key, body) for key, body in ROW.findall(html)]


def statuses(html: str) -> list[str]:
    return [re.search(r'data-status="([^"]+)"', body).group(1)  # type: ignore[union-attr]
            for _, body in rows(html)]


def header_count(html: str) -> int:
    groups = html.split('<div class="groups">')[1].split("</div>\n  <p")[0]
    return sum(int(n) for n in re.findall(r"</span> [^<]*? (\d+)</span>", groups))


def test_every_target_is_on_the_board_with_its_mark_and_counted(leader: TestClient) -> None:
    page = leader.get("/")
    assert page.status_code == 200
    found = rows(page.text)
    assert len(found) == 89 and header_count(page.text) == 89
    for key, body in found:
        mark = re.search(r'<span class="shape" aria-hidden="true">(.)</span> ([^<]+)</span>',
                         body)
        assert mark is not None, key  # a shape and a word, never colour alone
        assert mark.group(1) in STATUS_SHAPES.values() and mark.group(2).strip()
        assert f'href="/targets/{key}' in body
    assert {"achieved", "missed"} <= set(statuses(page.text))


def test_filters_narrow_the_rows_and_the_counts(leader: TestClient) -> None:
    dongyang = leader.get("/", params={"region": "330783"}).text
    assert len(rows(dongyang)) == 4 and header_count(dongyang) == 4
    missed = leader.get("/", params={"region": "330783", "status": "missed"}).text
    assert statuses(missed) == ["missed"] and header_count(missed) == 1
    assert len(rows(leader.get("/", params={"document": "003"}).text)) == 13
    assert all('<td class="deadline">2018' in body for _, body in rows(
        leader.get("/", params={"deadline": "2018"}).text))
    assert rows(leader.get("/", params={"nature": "binding"}).text) == []  # none stated
    empty = leader.get("/", params={"region": "330783", "deadline": "2030-2035"}).text
    assert rows(empty) == [] and "没有符合条件的目标" in empty


def test_a_department_filter_keeps_its_targets(leader: TestClient) -> None:
    page = leader.get("/", params={"department": "市农委"}).text
    assert len(rows(page)) == 6 and page.count("市农委</td>") == 6


def test_sorting_orders_the_rows_either_way(leader: TestClient) -> None:
    def deadlines(**params: str) -> list[int]:
        html = leader.get("/", params={"sort": "deadline", **params}).text
        return [int(re.findall(r'<td class="deadline">(\d{4})', body)[0])
                for _, body in rows(html)]

    ascending, descending = deadlines(), deadlines(desc="1")
    assert ascending == sorted(ascending) and descending == sorted(ascending, reverse=True)
    order = statuses(leader.get("/", params={"sort": "status", "region": "330783"}).text)
    assert order == ["achieved", "missed", "not_assessable", "not_assessable"]


def test_a_parameter_that_cannot_be_read_is_a_problem(leader: TestClient) -> None:
    response = leader.get("/", params={"sort": "quote"})
    assert response.status_code == 422
    assert "sort" in response.text and "quote" in response.text and "deadline |" in response.text


def test_a_user_string_is_escaped(leader: TestClient,
                                  session_factory: sessionmaker[Session]) -> None:
    hostile = '"><script>alert("x")</script>'
    with session_factory() as session, session.begin():
        target = session.scalar(select(Target).where(Target.region_code == "330783"))
        assert target is not None
        target.lead_department = hostile
    page = leader.get("/", params={"region": "330783"}).text
    assert "<script>alert" not in page
    assert "&#34;&gt;&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_a_replay_shows_the_older_run_and_hides_later_documents(leader: TestClient) -> None:
    page = leader.get("/", params={"as_of": "2017-06-30"}).text
    keys = [key for key, _ in rows(page)]
    assert keys and not any(key.startswith("003-") for key in keys)
    assert "2017-06-30" in page
    dongyang = leader.get("/", params={"as_of": "2017-06-30", "region": "330783"}).text
    assert "achieved" not in statuses(dongyang) and "missed" not in statuses(dongyang)
    assert "2018 · " not in dongyang  # no 2018 figure was known in mid-2017

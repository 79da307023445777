"""The board as a signed-in reader sees it: targets in Chinese and English, each status
counted, verdicts on published and on illustrative data apart."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

AS_OF = datetime(2020, 6, 30, 12, tzinfo=UTC)  # a fixed moment
SignedIn = Callable[[str], TestClient]


def test_the_first_page_lists_targets_in_chinese_and_english(signed_in: SignedIn) -> None:
    client = signed_in("leader")
    page = client.get("/")
    assert page.status_code == 200
    assert "目标清单" in page.text and "地区生产总值年均增速8%左右" in page.text
    assert "年均增长 ≈ 8%" in page.text
    english = client.get("/", params={"lang": "en"}).text
    assert "Targets" in english and "average annual growth ≈ 8 %" in english


def test_the_board_shows_each_status(signed_in: SignedIn,
                                     session_factory: sessionmaker[Session]) -> None:
    from indicators.runs.assessment import run_assessment

    with session_factory() as session, session.begin():
        run_assessment(session, as_of=AS_OF)
    page = signed_in("leader").get("/").text
    assert "无法评估 89" in page and "status-not_assessable" in page
    assert "尚无数据 89 项" in page


def test_the_board_counts_verdicts_on_real_and_on_illustrative_data_apart(
        signed_in: SignedIn, session_factory: sessionmaker[Session]) -> None:
    """After the demo: the header has one line per basis, their counts add up to every
    target and agree with the API; every row is labelled with its verdict's basis."""
    from service.demo.actuals import BUNDLED_ACTUALS
    from service.demo.loader import load_demo

    with session_factory() as session, session.begin():
        load_demo(session, actuals_csv=BUNDLED_ACTUALS, now=AS_OF.replace(year=2026))
    client = signed_in("leader")
    items = client.get("/api/assessments").json()["items"]
    real = sum(r["basis"] == "real" for r in items)
    generated = sum(r["basis"] in ("illustrative", "mixed") for r in items)
    assert real > 0 and generated > 0 and real + generated == 89
    page = client.get("/").text
    assert f"基于公开数据 {real} 项" in page and f"基于示例数据 {generated} 项" in page
    assert page.count('class="basis basis-') == 89
    rail = page.split('data-key="003-high-speed-rail-km-2022"')[1].split("</tr>")[0]
    assert '<span class="basis basis-real"' in rail and "公开数据" in rail
    english = client.get("/", params={"lang": "en"}).text
    assert f"{real} verdicts on published data" in english
    assert f"{generated} verdicts on illustrative data" in english

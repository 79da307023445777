"""After the demo the board counts verdicts on published and on illustrative data apart,
agreeing with the API, and says each target and its figures in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from service.demo.actuals import BUNDLED_ACTUALS
from service.demo.loader import load_demo

NOW = datetime(2026, 6, 30, 12, tzinfo=UTC)


def test_the_board_counts_verdicts_by_basis_and_speaks_both_languages(
        signed_in: Callable[[str], TestClient],
        session_factory: sessionmaker[Session]) -> None:
    client = signed_in("leader")
    with session_factory() as session, session.begin():
        load_demo(session, actuals_csv=BUNDLED_ACTUALS, now=NOW)
    items = [item for offset in (0, 50) for item in client.get(
        "/api/assessments", params={"offset": offset, "limit": 50}).json()["items"]]
    real = sum(r["basis"] == "real" for r in items)
    generated = sum(r["basis"] in ("illustrative", "mixed") for r in items)
    assert real > 0 and generated > 0 and real + generated == 89
    page = client.get("/").text
    assert f"基于公开数据 {real} 项" in page and f"基于示例数据 {generated} 项" in page
    assert len(re.findall(r'class="basis basis-', page)) == 89
    assert "年均增长 ≈ 8%" in page and "示例数据</span>" in page
    rail = page.split('data-key="003-high-speed-rail-km-2022"')[1].split("</tr>")[0]
    assert 'class="basis basis-real"' in rail and "公开数据" in rail and "公布" in rail
    english = client.get("/", params={"lang": "en"}).text
    assert f"{real} verdicts on published data" in english
    assert f"{generated} verdicts on illustrative data" in english
    assert "average annual growth ≈ 8 %" in english and "Target board" in english

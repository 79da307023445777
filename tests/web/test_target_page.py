"""The target page `/targets/{key}` through the app, signed in, on SQLite and PostgreSQL:
the gap chart's traces beside the quote, the status and the "why this status" panel; the
revision and status histories in order; the page as known on a past day; user strings
escaped; an unknown key; the chart as a PNG."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from dashboards.charts.export import CHROMIUM_VARIABLE, SYSTEM_CHROMIUM
from indicators.tables.catalogue import Target
from tests.strict import skip_or_fail
from tests.web.target_page_data import HOSTILE, KEY, load_forest

# The small catalogue's forest target: the seed catalogue would clash with it.
EMPTY_DATABASE = True

SignedIn = Callable[[str], TestClient]
PAGE = f"/targets/{KEY}"


@pytest.fixture
def seeded() -> None:
    """No seed catalogue: these tests need only the small one, and assessing the seed's 89
    targets three times would take most of a minute."""


@pytest.fixture
def forest(session_factory: sessionmaker[Session], tmp_path: Path) -> None:
    """The forest target with its figures and runs, its quote holding markup (as if typed
    in by an editor; the catalogue loader would refuse it as not in the document)."""
    with session_factory() as session, session.begin():
        load_forest(session, tmp_path)
        target = session.scalar(select(Target).where(Target.key == KEY))
        assert target is not None
        target.quote = f"2020年达到33% {HOSTILE}"


def chart_traces(html: str, div_id: str) -> list[dict[str, Any]]:
    """The traces of a Plotly chart embedded in a page, as Plotly.newPlot receives them."""
    found = re.search(rf'Plotly\.newPlot\(\s*"{div_id}",\s*', html)
    assert found, f"no chart {div_id} on the page"
    return json.JSONDecoder().raw_decode(html[found.end():])[0]


def _days(html: str, css_class: str) -> list[str]:
    return re.findall(rf'<tr class="{css_class}" data-day="([0-9-]+)"', html)


def test_the_page_shows_the_chart_beside_the_quote_status_and_why(
        forest: None, signed_in: SignedIn) -> None:
    page = signed_in("reader").get(PAGE)
    assert page.status_code == 200
    html = page.text
    assert '<script src="/static/plotly.min.js"></script>' in html
    names = {trace["name"] for trace in chart_traces(html, "target-gap-chart")}
    assert {"实际值（最终）", "实际值（修订）", "实际值（初步）", "序时要求路径", "目标值", "预测",
            "预测80%区间", "预测95%区间"} <= names
    assert {t["name"] for t in chart_traces(html, "status-history-chart")} == {"状态", "达标概率"}
    assert "测试规划" in html and 'data-status="on_track"' in html
    assert "为何是这个状态" in html and "线性路径" in html and "由达标概率决定" in html
    assert "53%（适用）" in html  # an expected target: the expected cut point applies
    assert "2017-02-01公布（初步）" in html  # the latest figure's vintage
    assert f'href="{PAGE}/chart.png?lang=zh"' in html
    assert 'id="alerts"' in html and "此目标没有预警记录" in html  # none raised, and it says so
    english = signed_in("admin").get(PAGE, params={"lang": "en"}).text
    assert "Why this status" in english
    assert "Required path" in {t["name"] for t in chart_traces(english, "target-gap-chart")}


def test_the_histories_are_in_order(forest: None, signed_in: SignedIn) -> None:
    html = signed_in("reader").get(PAGE).text
    assert _days(html, "run") == ["2019-06-01", "2017-06-01", "2016-06-01"]  # newest first
    years = [int(y) for y in re.findall(r'<tr class="vintage[^"]*" data-year="(\d+)"', html)]
    assert years == sorted(years, reverse=True) and years[0] == 2016
    revision = re.search(r'<tr class="vintage revision" data-year="2015">.*?</tr>', html, re.S)
    assert revision and "原为29.6%（2016-03-01公布）" in revision.group(0)


def test_as_of_a_past_day_shows_what_was_known_then(forest: None, signed_in: SignedIn) -> None:
    html = signed_in("reader").get(PAGE, params={"as_of": "2017-01-31"}).text
    assert 'data-status="at_risk"' in html and "所用评估：2016-06-01（回溯评估" in html
    assert _days(html, "run") == ["2016-06-01"]
    years = re.findall(r'<tr class="vintage[^"]*" data-year="(\d+)"', html)
    assert "2016" not in years and "2015" in years  # 2016 was published on 2017-02-01


def test_user_strings_are_escaped_on_the_page_and_in_the_chart(
        forest: None, signed_in: SignedIn) -> None:
    html = signed_in("reader").get(PAGE).text
    assert "<img" not in html
    assert "2020年达到33% &lt;img src=x onerror=alert(1)&gt;" in html  # the quote
    assert "统计公报 &lt;img src=x onerror=alert(1)&gt;" in html  # a figure's source
    # The chart's hover text is escaped before Plotly sees it (it renders hover as HTML).
    hover = [text for trace in chart_traces(html, "target-gap-chart")
             for text in trace.get("hovertext", [])]
    assert any("统计公报 &lt;img src=x onerror=alert(1)&gt;" in text for text in hover)
    assert not any("<img" in text for text in hover)


def test_an_unknown_key_is_a_bilingual_404_page_and_an_api_problem(
        forest: None, signed_in: SignedIn) -> None:
    client = signed_in("reader")
    page = client.get("/targets/no-such-<b>")
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert "未找到目标" in page.text and "Target not found" in page.text
    assert "<b>" not in page.text
    api = client.get("/api/targets/no-such", headers={"Accept": "application/json"})
    assert api.status_code == 404
    assert api.headers["content-type"].startswith("application/problem+json")
    assert client.get("/targets/no-such/chart.png").status_code == 404


def test_a_browser_not_signed_in_is_sent_to_sign_in(forest: None, anonymous: TestClient) -> None:
    answer = anonymous.get(PAGE, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login?next=")


def test_the_chart_downloads_as_a_png_as_known_on_the_day_asked(
        forest: None, signed_in: SignedIn) -> None:
    if not SYSTEM_CHROMIUM.is_file():
        skip_or_fail(f"no system Chromium at {SYSTEM_CHROMIUM}")
    client = signed_in("reader")
    now = client.get(f"{PAGE}/chart.png")
    assert now.status_code == 200 and now.content.startswith(b"\x89PNG")
    assert now.headers["content-type"] == "image/png"
    assert "max-age" in now.headers["cache-control"]
    then = client.get(f"{PAGE}/chart.png", params={"as_of": "2016-12-01"})
    assert then.content.startswith(b"\x89PNG") and then.content != now.content


def test_without_chromium_the_png_is_a_503_saying_what_to_install(
        forest: None, signed_in: SignedIn, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    monkeypatch.setenv(CHROMIUM_VARIABLE, str(tmp_path / "no-chromium"))
    answer = signed_in("reader").get(f"{PAGE}/chart.png")
    assert answer.status_code == 503 and "chromium" in answer.text


def test_targets_without_figures_or_forecast_still_render(forest: None,
                                                          signed_in: SignedIn) -> None:
    client = signed_in("reader")
    # T1-gdp has no figure at all; T1-forest-2015 is superseded, its deadline long past;
    # as of 2010 neither has a verdict, a forecast or a history yet.
    for key in ("T1-gdp", "T1-forest-2015"):
        page = client.get(f"/targets/{key}")
        assert page.status_code == 200, key
        assert chart_traces(page.text, "target-gap-chart") is not None
        assert client.get(f"/targets/{key}", params={"as_of": "2010-01-01"}).status_code == 200

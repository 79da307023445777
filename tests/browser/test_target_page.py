"""One target's story in Debian's Chromium: a leader clicks a row of the replayed board and
gets the target-gap chart drawn by Plotly (actual figures, the required path, the target,
the forecast with its 80% and 95% fans), the verbatim quote, the "why this status" panel
and the history of its status, all as known on the replay day. (The PNG export is tested in
tests/web/test_target_page.py: it costs a Chromium start of its own.)

Screenshots in tests/artifacts/: target_zh.png, target_en.png, target_history_zh.png.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from indicators.text.messages import Language, message
from service.demo.loader import OPEN_AS_OF

KEY = "002-rural-income-2015"  # 吕梁市 rural income: off track on the replay day
TRACES = ("actual_line", "required_path", "target", "forecast", "fan_80", "fan_95")


@pytest.fixture(scope="module")
def open_as_of() -> date | None:
    return OPEN_AS_OF


def _plots(page: Any, within: str) -> list[list[dict[str, Any]]]:
    """Each Plotly chart inside `within`, once drawn: its traces' names and x values."""
    page.wait_for_function("(within) => [...document.querySelectorAll(within + "
                           "' .js-plotly-plot')].every(p => p.querySelector('.main-svg'))",
                           arg=within)
    return page.evaluate("""(within) => [...document.querySelectorAll(within + ' .js-plotly-plot')]
        .map(plot => plot.data.map(t => ({name: t.name,
                                          x: (t.x || []).filter(v => v !== null)})))""",
                         within)


def _overlapping(page: Any, within: str) -> list[tuple[str, str]]:
    """The pairs of text labels drawn over each other in the chart (the title, the
    deadline, the illustrative note, the legend's entries)."""
    return page.evaluate("""(within) => {
        const plot = document.querySelector(within + ' .js-plotly-plot');
        const labels = [...plot.querySelectorAll('.gtitle, .annotation, .legendtext')]
            .map(e => [e.textContent, e.getBoundingClientRect()]);
        const out = [];
        labels.forEach(([a, r], i) => labels.slice(i + 1).forEach(([b, q]) => {
            if (r.left < q.right && q.left < r.right && r.top < q.bottom && q.top < r.bottom)
                out.push([a, b]);
        }));
        return out;
    }""", within)


def _open_from_the_board(page: Any, base_url: str, language: Language) -> None:
    page.goto(f"{base_url}/?lang={language.value}&as_of={OPEN_AS_OF.isoformat()}",
              wait_until="load")
    with page.expect_navigation():
        page.click(f"tr[data-key='{KEY}'] a[href^='/targets/']")
    assert f"/targets/{KEY}?" in page.url and f"as_of={OPEN_AS_OF.isoformat()}" in page.url
    assert page.locator("h1").get_attribute("data-key") == KEY


@pytest.mark.parametrize("language", list(Language))
def test_a_board_row_opens_the_target_chart_with_every_trace(page: Any, base_url: str,
                                                             screenshot: Any,
                                                             language: Language) -> None:
    _open_from_the_board(page, base_url, language)
    [chart] = _plots(page, ".target-chart")
    names = {trace["name"] for trace in chart}
    assert {message(f"chart.{role}", language) for role in TRACES} <= names
    by_name = {trace["name"]: trace["x"] for trace in chart}
    actual = by_name[message("chart.actual_line", language)]
    assert actual and max(actual) < OPEN_AS_OF.year  # only what was published by then
    forecast = by_name[message("chart.forecast", language)]
    assert forecast[0] == max(actual) and max(forecast) > max(actual)  # it continues the line
    assert page.locator(".target-chart .legend").count() == 1
    assert _overlapping(page, ".target-chart") == []
    screenshot(page, f"target_{language.value}")
    assert page.errors == []


def test_the_quote_and_why_this_status_are_beside_the_chart(page: Any, base_url: str) -> None:
    _open_from_the_board(page, base_url, Language.ZH)
    quote = page.locator("#quote blockquote.quote")
    assert quote.is_visible() and len(quote.inner_text().strip()) > 5
    verdict = page.locator("#status .verdict")
    assert verdict.is_visible() and verdict.get_attribute("data-status") == "off_track"
    assert page.locator("#status .reason").inner_text().strip()
    why = page.locator("#why")
    assert why.is_visible()
    assert why.locator(".formula").inner_text().strip()
    assert why.locator("table.inputs tbody tr").count() >= 3
    assert why.locator("table.thresholds .applies").count() >= 1  # the threshold used
    chart_box = page.locator(".target-chart").bounding_box()
    aside_box = page.locator(".target-aside").bounding_box()
    assert chart_box and aside_box and aside_box["x"] > chart_box["x"] + chart_box["width"] / 2
    assert page.errors == []


def test_the_status_history_chart_stops_at_the_replay_day(page: Any, base_url: str,
                                                          screenshot: Any) -> None:
    _open_from_the_board(page, base_url, Language.ZH)
    [history] = _plots(page, "#history")
    names = {trace["name"] for trace in history}
    assert names == {message(f"history_chart.{role}", Language.ZH)
                     for role in ("status", "probability")}
    days = sorted({str(x)[:10] for trace in history for x in trace["x"]})
    assert days and days[-1] == OPEN_AS_OF.isoformat()
    assert page.locator("#history tr.run").count() == len(days)
    screenshot(page.locator("#history"), "target_history_zh")
    assert page.errors == []


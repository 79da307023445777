"""The two overview pages in Debian's Chromium, as a leader reads them: the track record
(the settled targets' statuses against their outcomes, the Brier score and the reliability
chart) and the region comparison (one indicator across regions, chosen in its form).

Screenshots in tests/artifacts/: track_record.png, track_record_en.png, compare.png.
"""

from __future__ import annotations

from typing import Any

import pytest

from indicators.text.messages import Language, message
from service.demo.loader import OPEN_AS_OF

SEVERAL_REGIONS = "urbanization_rate"  # the demo's one indicator with targets in two regions


def _plot_traces(page: Any) -> list[list[str]]:
    """Each Plotly chart on the page, once drawn: its traces' names."""
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                           ".every(p => p.querySelector('.main-svg'))")
    return page.evaluate("() => [...document.querySelectorAll('.js-plotly-plot')]"
                         ".map(p => p.data.map(t => t.name))")


@pytest.mark.parametrize("language", list(Language))
def test_the_track_record_shows_scores_and_the_reliability_chart(
        page: Any, base_url: str, screenshot: Any, language: Language) -> None:
    response = page.goto(f"{base_url}/track-record?lang={language.value}", wait_until="load")
    assert response is not None and response.status == 200
    [chart] = _plot_traces(page)
    assert {message(f"track.{role}", language) for role in ("count", "perfect", "observed")} \
        == set(chart)
    briers = [float(cell) for cell in page.locator("#scores tbody tr").evaluate_all(
        "rows => rows.map(r => r.cells[2].innerText)")]
    assert briers and all(0 <= brier <= 1 for brier in briers)
    targets = page.locator("#targets tbody tr[data-key]")
    assert targets.count() > 0
    outcomes = targets.locator("td[class^=outcome-]").evaluate_all(
        "cells => cells.map(c => c.className)")
    assert set(outcomes) <= {"outcome-achieved", "outcome-missed"}
    screenshot(page, "track_record" if language is Language.ZH else "track_record_en")
    assert page.errors == []


def test_a_track_record_row_opens_its_target(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/track-record", wait_until="load")
    row = page.locator("#targets tbody tr[data-key]").first
    key = row.get_attribute("data-key")
    with page.expect_navigation():
        row.locator("a").click()
    assert f"/targets/{key}" in page.url
    assert page.locator("h1").get_attribute("data-key") == key
    assert page.errors == []


def test_an_indicator_chosen_in_the_form_is_compared_across_regions(
        page: Any, base_url: str, screenshot: Any) -> None:
    page.goto(f"{base_url}/compare?lang=zh", wait_until="load")
    assert page.locator(".js-plotly-plot").count() == 0  # nothing chosen yet
    page.select_option("form.picker select[name=indicator]", SEVERAL_REGIONS)
    with page.expect_navigation():
        page.click("form.picker button[type=submit]")
    assert f"indicator={SEVERAL_REGIONS}" in page.url  # bookmarkable
    [chart] = _plot_traces(page)
    assert len(chart) >= 2
    rows = page.locator("#compare-table tbody tr[data-key]")
    regions = rows.evaluate_all("rows => rows.map(r => r.cells[0].innerText.trim())")
    assert len(set(regions)) == 2
    screenshot(page, "compare")
    assert page.errors == []


def test_the_comparison_replays_with_the_board(page: Any, base_url: str) -> None:
    day = OPEN_AS_OF.isoformat()
    page.goto(f"{base_url}/compare?indicator={SEVERAL_REGIONS}&as_of={day}", wait_until="load")
    assert page.locator(".replay").get_attribute("data-as-of") == day
    _plot_traces(page)
    links = page.locator("#compare-table a[href^='/targets/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))")
    assert links and all(f"as_of={day}" in link for link in links)  # the replay carries on
    statuses = page.locator("#compare-table tbody tr[data-status]").evaluate_all(
        "rows => rows.map(r => r.dataset.status)")
    assert statuses and not {"achieved", "missed"} & set(statuses)
    assert page.errors == []


def test_no_page_scrolls_sideways_on_a_laptop_screen(page: Any, base_url: str) -> None:
    """At 1280 px every page fits its width, in English, the longer language (the board's
    headings once made it 170 px wider than the screen)."""
    day = OPEN_AS_OF.isoformat()
    for path in ("/?", f"/?as_of={day}&", "/track-record?", f"/compare?indicator="
                 f"{SEVERAL_REGIONS}&", f"/targets/002-rural-income-2015?as_of={day}&"):
        page.goto(f"{base_url}{path}lang=en", wait_until="load")
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 1280, path
    assert page.errors == []

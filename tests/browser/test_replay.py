"""Replay in Debian's Chromium, served as `make demo` serves it (TARGETWATCH_OPEN_AS_OF):
`/` opens on the demo's replay day, a day typed in the nav's as-of box replays the board
as known then, with live statuses (on track, at risk, off track) instead of the settled
ones, and filters and sorting keep the day.

Screenshots in tests/artifacts/: board_asof_zh.png, board_asof_en.png.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from service.demo.loader import OPEN_AS_OF

LIVE = {"on_track", "at_risk", "off_track"}
SETTLED = {"achieved", "missed"}


@pytest.fixture(scope="module")
def open_as_of() -> date | None:
    """Serve the demo as `make demo` does (the Makefile's DEMO_OPEN_AS_OF is this day)."""
    return OPEN_AS_OF


def _statuses(page: Any) -> list[str]:
    return page.locator("tr[data-key] td .status").evaluate_all(
        "marks => marks.map(m => m.dataset.status)")


def _counted(page: Any) -> int:
    return sum(int(re.search(r"(\d+)\s*$", t).group(1))  # type: ignore[union-attr]
               for t in page.locator(".groups .status").all_inner_texts())


def test_the_makefile_opens_the_demo_on_the_day_the_tests_use() -> None:
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    assert f"DEMO_OPEN_AS_OF := {OPEN_AS_OF.isoformat()}" in makefile


def test_the_board_opens_on_the_replay_day_with_live_statuses(page: Any,
                                                              base_url: str) -> None:
    response = page.goto(f"{base_url}/", wait_until="load")
    assert response is not None and response.status == 200
    assert f"as_of={OPEN_AS_OF.isoformat()}" in page.url  # bookmarkable
    banner = page.locator(".replay")
    assert banner.get_attribute("data-as-of") == OPEN_AS_OF.isoformat()
    assert "回放" in banner.inner_text() and OPEN_AS_OF.isoformat() in banner.inner_text()
    assert page.locator("nav.top input[name=as_of]").input_value() == OPEN_AS_OF.isoformat()
    assert set(_statuses(page)) >= LIVE
    assert page.errors == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_day_typed_in_the_as_of_box_replays_the_board(page: Any, base_url: str,
                                                        screenshot: Any,
                                                        language: str) -> None:
    page.goto(f"{base_url}/?lang={language}", wait_until="load")  # today: all settled
    assert page.locator(".replay").count() == 0
    today = set(_statuses(page))
    assert today & SETTLED and not today & LIVE
    page.fill("nav.top input[name=as_of]", OPEN_AS_OF.isoformat())
    with page.expect_navigation():
        page.click("nav.top form.as-of-form button[type=submit]")
    assert f"as_of={OPEN_AS_OF.isoformat()}" in page.url and f"lang={language}" in page.url
    banner = page.locator(".replay").inner_text()
    assert ("回放" if language == "zh" else "Replay") in banner
    assert OPEN_AS_OF.isoformat() in banner
    statuses = _statuses(page)
    assert set(statuses) >= LIVE
    assert _counted(page) == len(statuses)  # the header counts what the table shows
    screenshot(page, f"board_asof_{language}")
    assert page.errors == []


def test_back_to_today_leaves_the_replay(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/?as_of={OPEN_AS_OF.isoformat()}", wait_until="load")
    with page.expect_navigation():
        page.click(".replay a")
    assert parse_qs(urlsplit(page.url).query).get("as_of", [""]) == [""]
    assert page.locator(".replay").count() == 0
    assert set(_statuses(page)) & SETTLED
    assert page.errors == []


def test_a_status_filter_on_the_replayed_board_narrows_rows_and_counts(
        page: Any, base_url: str, screenshot: Any) -> None:
    page.goto(f"{base_url}/", wait_until="load")
    everything = page.locator("tr[data-key]").count()
    page.select_option("form.board-tools select[name=status]", "at_risk")
    with page.expect_navigation():
        page.click("form.board-tools button[type=submit]")
    assert "status=at_risk" in page.url and f"as_of={OPEN_AS_OF.isoformat()}" in page.url
    statuses = _statuses(page)
    assert 0 < len(statuses) < everything and set(statuses) == {"at_risk"}
    assert _counted(page) == len(statuses)
    assert page.locator(".replay").count() == 1  # still the replayed day
    screenshot(page, "board_asof_at_risk")
    assert page.errors == []


def _percent(text: str) -> float | None:
    found = re.search(r"(\d+(?:\.\d+)?)\s*%", text)
    return float(found.group(1)) if found else None


def test_sorting_the_replayed_board_by_probability(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/", wait_until="load")
    header = page.locator("th a[href*='sort=probability']")
    for descending in (False, True):
        with page.expect_navigation():
            header.click()
        assert f"as_of={OPEN_AS_OF.isoformat()}" in page.url
        cells = page.locator("tr[data-key]").evaluate_all(
            "rows => rows.map(r => r.cells[9].innerText)")
        shown = [p for p in map(_percent, cells) if p is not None]
        assert len(shown) > 20
        assert shown == sorted(shown, reverse=descending)
        assert ("desc=1" in page.url) is descending
    assert page.errors == []


def test_a_day_not_yet_over_is_refused_with_a_page(page: Any, base_url: str) -> None:
    response = page.goto(f"{base_url}/?as_of=2999-01-01", wait_until="load")
    assert response is not None and response.status == 422
    assert "2999-01-01" in page.locator("main [role=alert]").inner_text()
    assert page.locator("tr[data-key]").count() == 0
    assert all("status of 422 " in error for error in page.errors)

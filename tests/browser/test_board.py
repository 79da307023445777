"""The target board at `/` in Debian's Chromium: what a leader sees first.

One demo database and one browser serve the whole module; each test opens its own page.
Screenshots land in tests/artifacts/ (board_zh.png, board_en.png, board_zh_full.png ...).
"""

from __future__ import annotations

import re
from typing import Any

CJK = re.compile(r"[\u3400-\u9fff]")


def _open(page: Any, base_url: str, query: str = "") -> Any:
    response = page.goto(f"{base_url}/{query}", wait_until="load")
    assert response is not None and response.status == 200
    return page


def test_the_board_loads_with_counts_by_basis_in_the_header(page: Any, base_url: str,
                                                            screenshot: Any) -> None:
    _open(page, base_url)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    groups = page.locator(".groups [data-basis]")
    assert groups.count() >= 2  # published figures, illustrative ones
    bases = [groups.nth(i).get_attribute("data-basis") for i in range(groups.count())]
    assert bases[0] == "real"
    for i in range(groups.count()):
        counts = [int(re.search(r"(\d+)\s*$", text).group(1))  # type: ignore[union-attr]
                  for text in groups.nth(i).locator(".status").all_inner_texts()]
        assert counts and all(n > 0 for n in counts)
    rows = page.locator("tr[data-key]").count()
    counted = sum(int(re.search(r"(\d+)\s*$", t).group(1))  # type: ignore[union-attr]
                  for t in page.locator(".groups .status").all_inner_texts())
    assert counted == rows  # every assessed target is counted once in the header
    screenshot(page, "board_zh")
    screenshot(page, "board_zh_full", full_page=True)
    assert page.errors == []


def test_every_row_has_a_status_mark(page: Any, base_url: str) -> None:
    _open(page, base_url)
    rows = page.locator("tr[data-key]")
    assert rows.count() == 89
    marks = page.locator("tr[data-key] td .status")
    assert marks.count() == rows.count()
    assert all(text.strip() for text in marks.all_inner_texts())
    assert page.errors == []


def test_lang_en_switches_to_english(page: Any, base_url: str, screenshot: Any) -> None:
    _open(page, base_url, "?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "targetwatch · Targets"
    screenshot(page, "board_en")
    screenshot(page, "board_en_full", full_page=True)
    assert page.errors == []

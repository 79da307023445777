"""The target board at `/` in Debian's Chromium: what a leader sees first.

One demo database and one browser serve the whole module; each test opens its own page.
Screenshots land in tests/artifacts/ (board_zh.png, board_en.png, board_zh_full.png ...).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

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
    assert page.errors == []


def test_every_row_has_a_status_mark(page: Any, base_url: str) -> None:
    _open(page, base_url)
    rows = page.locator("tr[data-key]")
    assert rows.count() == 89
    marks = page.locator("tr[data-key] td .status")
    assert marks.count() == rows.count()
    shapes = marks.locator(".shape").all_inner_texts()
    assert len(shapes) == rows.count() and all(shape.strip() for shape in shapes)
    words = [text.strip().lstrip("●○△▽■?").strip() for text in marks.all_inner_texts()]
    assert all(words)  # a shape and a word, never colour alone
    header = page.locator(".groups .status")
    assert header.count() == header.locator(".shape").count()
    assert page.errors == []


def test_lang_en_switches_to_english(page: Any, base_url: str, screenshot: Any) -> None:
    _open(page, base_url, "?lang=en")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Targets"
    screenshot(page, "board_en")
    assert page.errors == []


# What stays Chinese on the English page by design: the verbatim quotes, the documents'
# titles (proper names with no official English), and the switch back to Chinese.
_VERBATIM = ".quote, h2, nav .switch"


def test_the_english_board_has_no_chinese_outside_quotes_and_titles(page: Any,
                                                                      base_url: str) -> None:
    _open(page, base_url, "?lang=en")
    texts: list[str] = page.evaluate("""(verbatim) => {
        const out = [];
        const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        while (walk.nextNode()) {
            const node = walk.currentNode;
            if (!node.parentElement.closest(verbatim)) out.push(node.textContent.trim());
        }
        return out.filter(Boolean);
    }""", _VERBATIM)
    chinese = sorted({text for text in texts if CJK.search(text)})
    assert chinese == []
    assert "illustrative" in page.locator("tr[data-key] .illustrative").first.inner_text()
    # units said in English: 27万人 is "27 ×10k people", a bare classifier (个) dropped
    assert page.get_by_text("×10k people").count() > 0


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_illustrative_tag_stays_on_one_line(page: Any, base_url: str, screenshot: Any,
                                                language: str) -> None:
    """It wrapped into 示例数 / 据 / illustrative in the narrow latest-figure column."""
    _open(page, base_url, f"?lang={language}")
    tags = page.locator("tr[data-key] .illustrative")
    assert tags.count() > 50
    lines = tags.evaluate_all("""tags => tags.map(tag => {
        const style = getComputedStyle(tag);
        return [tag.getClientRects().length, tag.getBoundingClientRect().height,
                parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.6];
    })""")
    assert all(boxes == 1 and height <= line * 1.2 for boxes, height, line in lines)
    screenshot(page.locator("tr[data-key]").first, f"board_row_{language}")

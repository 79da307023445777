"""The upload page in Debian's Chromium, as the demo's uploader (吕梁市 and 淄博市) uses it:
a file chosen in the form's file input; a bad one is refused with the validation report as
a table (sheet, row, column, value, reason, suggestion) and nothing changed; a good one is
accepted; a file for a region that is not theirs is refused. The files come from the
upload corpus (tests/data/uploads/, outcomes in expected.yaml).

Screenshots in tests/artifacts/: upload_report.png, upload_accepted.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from indicators.text.messages import Language, message
from tests.browser.conftest import sign_in

CORPUS = Path(__file__).resolve().parents[1] / "data" / "uploads"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))["files"]
BAD = "bad_near_miss_indicator_names.csv"  # three misspelt indicators, each with a suggestion
GOOD = "2024年1-9月淄博市固定资产投资.csv"  # a statistics bureau's file, named as sent
ELSEWHERE = "good_several_regions.csv"  # good, but for regions the uploader may not write
# 工作表/行/列/原值/问题/建议: the report table's columns, as the terminal shows them
HEADERS = ("issue.sheet", "issue.row", "issue.column", "issue.raw", "report.problem",
           "issue.suggestion")


@pytest.fixture
def uploader(fresh_page: Any, base_url: str) -> Any:
    """A page signed in as the demo's uploader, on the upload form."""
    sign_in(fresh_page, base_url, "uploader")
    fresh_page.goto(f"{base_url}/upload?lang=zh", wait_until="load")
    return fresh_page


def _send(page: Any, name: str) -> Any:
    """Choose the corpus file in the form and send it; return the outcome line."""
    page.set_input_files("form.upload-form input[type=file]", str(CORPUS / "files" / name))
    with page.expect_navigation():
        page.click("form.upload-form button[type=submit]")
    assert page.locator("form.upload-form").count() == 1  # the form stays for the next file
    return page.locator("#upload-result .outcome")


def test_a_bad_file_is_refused_with_the_report_as_a_table(uploader: Any,
                                                          screenshot: Any) -> None:
    assert EXPECTED[BAD]["status"] == "rejected"
    outcome = _send(uploader, BAD)
    assert outcome.get_attribute("data-accepted") == "false"
    said = outcome.inner_text()
    assert message("upload_page.rejected", Language.ZH) in said
    assert "未作任何更改" in said and BAD in said  # rejected, nothing changed
    table = uploader.locator("#report-table")
    headers = table.locator("thead th").all_inner_texts()
    assert headers == [message(key, Language.ZH) for key in HEADERS]
    rows = table.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")
    assert len(rows) == len(EXPECTED[BAD]["suggests"])
    assert all(len(row) == len(HEADERS) and row[3] and row[4] for row in rows)
    suggestions = " ".join(row[5] for row in rows)
    assert all(name in suggestions for name in EXPECTED[BAD]["suggests"])
    newest = uploader.locator("#recent-uploads tbody tr").first
    assert BAD in newest.inner_text() and newest.get_attribute("data-status") == "rejected"
    screenshot(uploader, "upload_report")
    assert uploader.errors == []


def test_a_good_file_is_accepted_and_listed(uploader: Any, screenshot: Any) -> None:
    outcome = _send(uploader, GOOD)
    assert outcome.get_attribute("data-accepted") == "true"
    assert message("upload_page.accepted", Language.ZH) in outcome.inner_text()
    assert uploader.locator("#report-table").count() == 0
    listed = uploader.locator("#recent-uploads tbody tr").first
    assert GOOD in listed.inner_text() and listed.get_attribute("data-status") == "accepted"
    screenshot(uploader, "upload_accepted")
    assert uploader.errors == []


def test_a_file_for_regions_not_theirs_changes_nothing(uploader: Any) -> None:
    outcome = _send(uploader, ELSEWHERE)
    assert outcome.get_attribute("data-accepted") == "false"
    assert uploader.locator("#report-table tbody tr").count() >= 1
    assert uploader.errors == []


def test_a_dry_run_checks_without_storing(uploader: Any) -> None:
    uploader.check("form.upload-form input[name=dry_run]")
    outcome = _send(uploader, GOOD)
    assert outcome.get_attribute("data-accepted") == "true"
    assert message("upload_page.dry_run_ok", Language.ZH) in outcome.inner_text()
    assert uploader.errors == []

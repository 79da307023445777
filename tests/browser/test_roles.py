"""Who sees what, in Debian's Chromium: each demo role signs in through the form, sees the
board with its own name in the nav, sees the upload link only when it may upload, and a
leader who types /upload gets the 403 page, never the form. Signing out ends the session.

Screenshots in tests/artifacts/: forbidden_leader.png, forbidden_leader_en.png.
"""

from __future__ import annotations

from typing import Any

import pytest

from indicators.text.messages import Language, message
from service.demo.users import DEMO_USERS
from tests.browser.conftest import sign_in


def _upload_links(page: Any) -> Any:
    return page.locator("nav.top a[href^='/upload']:not(.switch)")


def _beyond_the_status(errors: list[str], status: int) -> list[str]:
    """The errors besides the one Chromium logs for a document answered with `status`
    (it reports every 4xx page as a failed resource): scripts must still raise none."""
    return [e for e in errors if f"status of {status} " not in e]


@pytest.mark.parametrize("name", ["admin", "uploader", "leader"])
def test_each_role_signs_in_through_the_form_and_sees_the_board(fresh_page: Any,
                                                                 base_url: str,
                                                                 name: str) -> None:
    sign_in(fresh_page, base_url, name)
    page = fresh_page
    assert page.url.startswith(f"{base_url}/?") or page.url == f"{base_url}/"
    assert page.locator("h1").inner_text() == "目标看板"
    assert page.locator("tr[data-key]").count() > 0
    who = page.locator("nav.top .who").inner_text()
    role = DEMO_USERS[name][0]
    assert name in who and message(f"role.{role.value}", Language.ZH) in who
    may_upload = name != "leader"
    assert _upload_links(page).count() == (1 if may_upload else 0)
    if may_upload:
        with page.expect_navigation():
            _upload_links(page).click()
        assert page.locator("form.upload-form input[type=file]").count() == 1
    assert page.errors == []


def test_a_wrong_password_keeps_the_form_with_a_reason(fresh_page: Any, base_url: str) -> None:
    sign_in(fresh_page, base_url, "leader", password="not the password")
    assert "/login" in fresh_page.url
    assert fresh_page.locator("form.login").count() == 1
    assert fresh_page.locator("form.login input[name=password]").input_value() == ""
    assert fresh_page.locator("form.login input[name=name]").input_value() == "leader"
    said = fresh_page.locator("form.login [role=alert]").inner_text()
    assert said == message("login.wrong", Language.ZH)
    assert fresh_page.locator("nav.top .who").count() == 0
    assert _beyond_the_status(fresh_page.errors, 401) == []


@pytest.mark.parametrize("language", list(Language))
def test_a_leader_who_types_the_upload_address_gets_the_403_page(
        page: Any, base_url: str, screenshot: Any, language: Language) -> None:
    response = page.goto(f"{base_url}/upload?lang={language.value}", wait_until="load")
    assert response is not None and response.status == 403
    assert page.locator("h1").inner_text().startswith("403")
    said = message("web.readers_cannot_upload", language)
    assert page.locator("main [role=alert]").inner_text() == said
    assert page.locator("input[type=file]").count() == 0
    assert page.locator("form.upload-form").count() == 0
    assert _upload_links(page).count() == 0
    screenshot(page, "forbidden_leader" if language is Language.ZH else "forbidden_leader_en")
    assert _beyond_the_status(page.errors, 403) == []


def test_signing_out_ends_the_session(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/?lang=zh", wait_until="load")
    with page.expect_navigation():
        page.click("nav.top form[action='/logout'] button")
    assert "/login" in page.url
    response = page.goto(f"{base_url}/compare", wait_until="load")
    assert response is not None and response.status == 200
    assert "/login" in page.url and "next=" in page.url  # sent to sign in again
    assert page.locator("nav.top .who").count() == 0
    assert page.errors == []

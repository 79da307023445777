"""The demo's opening day: `/` without parameters opens replayed as of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings


@pytest.fixture
def web_settings() -> Settings:
    return Settings(language="zh", login_rate="1000/minute", open_as_of=date(2016, 6, 30))


def test_the_board_opens_on_the_configured_replay_day(
        signed_in: Callable[[str], TestClient]) -> None:
    browser = signed_in("leader")
    opened = browser.get("/", follow_redirects=False)
    assert opened.headers["location"] == "/?lang=zh&as_of=2016-06-30"
    assert browser.get("/?lang=zh", follow_redirects=False).status_code == 200

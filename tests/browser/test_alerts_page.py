"""The alerts inbox in Debian's Chromium on the demo, its alerts evaluated as known on the
demo's day (30 June 2015): the administrator opens /alerts from the navigation, opens the
most severe alert, acknowledges it with a cause, and sees it acknowledged on its page and
in the inbox.

Screenshot in tests/artifacts/: alerts_zh.png (the inbox after the acknowledgement).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from indicators.alerts.evaluation import run_alerts
from indicators.clock import china_day_end
from service.db import make_engine, session_factory, transaction
from service.demo.loader import OPEN_AS_OF
from tests.browser.conftest import sign_in

NOW = datetime(2026, 12, 4, tzinfo=UTC)
CAUSE = "统计口径调整，城中村改造项目延期开工"


@pytest.fixture(scope="module")
def demo_database(demo_database: str) -> Iterator[str]:
    """This module's demo copy with its alerts evaluated as of the demo's day."""
    engine = make_engine(demo_database)
    try:
        # The rules alone: this page shows alerts; what is sent about them is tested elsewhere.
        with transaction(session_factory(engine)) as session:
            done = run_alerts(session, as_of=china_day_end(OPEN_AS_OF), now=NOW, trigger="cli")
        assert done.counts.get("fired", 0) >= 20
    finally:
        engine.dispose()
    yield demo_database


def test_an_admin_acknowledges_an_alert_with_its_cause(fresh_page: Any, base_url: str,
                                                       screenshot: Any) -> None:
    page = fresh_page
    sign_in(page, base_url, "admin")
    page.goto(f"{base_url}/?lang=zh", wait_until="load")
    link = page.locator("nav.top a.alerts-link")
    opened = int(link.locator(".count").get_attribute("data-open") or 0)
    assert opened >= 20 and "预警" in link.inner_text()
    with page.expect_navigation():
        link.click()
    severe = page.locator('tr.alert[data-severity="severe"][data-state="firing"]').first
    alert_id = severe.get_attribute("data-alert")
    assert "严重" in severe.inner_text()
    with page.expect_navigation():
        severe.locator("a", has_text="详情").click()
    page.fill("#acknowledge textarea[name=cause]", CAUSE)
    page.fill("#acknowledge textarea[name=measures]", "已督促牵头单位报送整改计划")
    with page.expect_navigation():
        page.click("#acknowledge button[type=submit]")
    assert page.locator("dd.state").get_attribute("data-state") == "acknowledged"
    assert CAUSE in page.locator("dd.cause").inner_text()
    assert "admin" in page.locator("table.events").inner_text()
    page.goto(f"{base_url}/alerts?lang=zh", wait_until="load")
    row = page.locator(f'tr.alert[data-alert="{alert_id}"]')
    assert row.get_attribute("data-state") == "acknowledged"
    assert "已确认" in row.locator("td.state").inner_text()
    screenshot(page, "alerts_zh")
    assert page.errors == []

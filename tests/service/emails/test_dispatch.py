"""Routing put to work on both databases: the planned messages rendered and queued in the
outbox, each dedupe key once, a second run queuing nothing."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from dashboards.charts.export import PNG_SIGNATURE, SYSTEM_CHROMIUM
from indicators.text.messages import Language
from indicators.vocab import Severity, Status
from service.delivery.tables import OutboxMessage
from service.dispatch import enqueue_digests, enqueue_immediate, target_url
from service.routing.recipients import add_recipient, add_subscription
from service.routing.tables import RobotKind, SubscriptionKind
from service.settings import Settings
from tests.indicators.alerts.alert_factories import (
    NOW,
    add_series_alert,
    add_target_alert,
    load_small_catalogue,
    store_result,
)
from tests.strict import skip_or_fail

SETTINGS = Settings(public_url="https://tw.example.gov.cn", mail_from="tw@example.gov.cn")


def _recipients(session: Session) -> tuple[int, int]:
    """The leaders' office and a statistics clerk; their ids (PostgreSQL's sequences are
    not rolled back with a test's transaction, so ids are read, not assumed)."""
    leaders = add_recipient(session, name="市领导办公室", role="市领导",
                            email="leaders@example.gov.cn", robot=RobotKind.DINGTALK,
                            robot_name="leaders-office", actor="test")
    add_subscription(session, recipient=leaders, kind=SubscriptionKind.DIGEST, actor="test")
    add_subscription(session, recipient=leaders, kind=SubscriptionKind.IMMEDIATE, actor="test")
    clerk = add_recipient(session, name="统计员", role="统计员", email="stats@example.gov.cn",
                          language="en", actor="test")
    add_subscription(session, recipient=clerk, kind=SubscriptionKind.DATA, actor="test")
    return leaders.id, clerk.id


def test_alerts_are_queued_once_to_whoever_wants_them(session: Session,
                                                      tmp_path: Path) -> None:
    if not SYSTEM_CHROMIUM.is_file():
        skip_or_fail(f"no system Chromium at {SYSTEM_CHROMIUM}")
    target = load_small_catalogue(session, tmp_path)
    leaders, clerk_id = _recipients(session)
    severe = add_target_alert(session, target, severity=Severity.SEVERE)
    warning = add_target_alert(session, target, rule="probability_low")
    overdue = add_series_alert(session)
    ids = [severe.id, warning.id, overdue.id]
    queued = enqueue_immediate(session, alert_ids=ids, now=NOW, settings=SETTINGS)
    assert sorted((m.recipient, m.channel.value, m.dedupe_key) for m in queued) == [
        ("市领导办公室", "dingtalk", f"alert:{severe.id}:1:{leaders}:dingtalk"),
        ("市领导办公室", "email", f"alert:{severe.id}:1:{leaders}:email"),
        ("统计员", "email", f"alert:{overdue.id}:1:{clerk_id}:email")]
    email = next(m for m in queued if m.address == "leaders@example.gov.cn")
    [chart] = email.images
    assert chart.png.startswith(PNG_SIGNATURE) and f"cid:{chart.content_id}" in email.html
    assert "https://tw.example.gov.cn/targets/T1-gdp?lang=zh" in email.html
    clerk = next(m for m in queued if m.recipient == "统计员")
    assert clerk.language == "en" and clerk.images == []  # a series has no target chart
    assert enqueue_immediate(session, alert_ids=ids, now=NOW, settings=SETTINGS) == []
    assert session.query(OutboxMessage).count() == 3


def test_the_digest_is_queued_once_per_recipient_and_channel(session: Session,
                                                            tmp_path: Path) -> None:
    target = load_small_catalogue(session, tmp_path)
    _recipients(session)
    store_result(session, target, at=NOW, status=Status.AT_RISK)
    add_target_alert(session, target)
    add_series_alert(session)
    queued = enqueue_digests(session, as_of=NOW, now=NOW, settings=SETTINGS)
    assert sorted((m.recipient, m.channel.value) for m in queued) == [
        ("市领导办公室", "dingtalk"), ("市领导办公室", "email")]
    robot = next(m for m in queued if m.channel.value == "dingtalk")
    assert "![" not in robot.markdown and "未关闭的预警（1 条）" in robot.markdown
    assert enqueue_digests(session, as_of=NOW, now=NOW, settings=SETTINGS) == []


def test_links_name_a_past_day_only() -> None:
    assert target_url("https://x/", "T 1", as_of=NOW, now=NOW, language=Language.EN) == \
        "https://x/targets/T%201?lang=en"
    later = NOW.replace(year=2016)
    assert target_url("https://x", "T1", as_of=NOW, now=later, language=Language.ZH) == \
        "https://x/targets/T1?as_of=2015-07-01&lang=zh"

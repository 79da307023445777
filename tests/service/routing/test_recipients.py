"""Recipients and subscriptions: stored on both databases, read back as routing values,
managed by the `recipient` and `subscription` commands."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from indicators.vocab import Audience, Severity
from service.audit import AuditAction, entries
from service.routing.plan import Channel
from service.routing.recipients import (
    add_recipient,
    add_subscription,
    get_recipient,
    remove_recipient,
    subscription_rules,
)
from service.routing.tables import RobotKind, Subscription, SubscriptionKind


def test_subscriptions_read_back_as_routing_values(session: Session) -> None:
    office = add_recipient(session, name="市领导办公室", role="市领导", email="lead@example.gov.cn",
                           robot=RobotKind.DINGTALK, robot_name="leaders", actor="test")
    clerk = add_recipient(session, name="统计员", role="统计员", email="stats@example.gov.cn",
                          language="en", actor="test")
    add_subscription(session, recipient=office, kind=SubscriptionKind.DIGEST, actor="test")
    add_subscription(session, recipient=clerk, kind=SubscriptionKind.DATA, region_code="370300",
                     min_severity=Severity.WARNING, audience=Audience.STATISTICS, actor="test")
    rules = {r.recipient.name: r for r in subscription_rules(session)}
    assert rules["市领导办公室"].whole and rules["市领导办公室"].recipient.channels() == [
        (Channel.EMAIL, "lead@example.gov.cn"), (Channel.DINGTALK, "leaders")]
    data = rules["统计员"]
    assert (data.kind, data.region_code, data.min_severity, data.audience) == (
        SubscriptionKind.DATA, "370300", Severity.WARNING, Audience.STATISTICS)
    assert data.recipient.language == "en" and not data.whole
    assert len(entries(session, action=AuditAction.SUBSCRIPTION_ADD)) == 2


def test_removing_a_recipient_removes_their_subscriptions(session: Session) -> None:
    person = add_recipient(session, name="市农委", role="牵头单位", email="nw@example.gov.cn",
                           actor="test")
    add_subscription(session, recipient=person, kind=SubscriptionKind.IMMEDIATE,
                     lead_department="市农委", actor="test")
    remove_recipient(session, recipient=person, actor="test")
    assert get_recipient(session, name="市农委") is None
    assert session.query(Subscription).count() == 0
    assert subscription_rules(session) == []


def test_inactive_recipients_get_nothing(session: Session) -> None:
    person = add_recipient(session, name="离任", role="市领导", email="x@example.gov.cn",
                           actor="test")
    add_subscription(session, recipient=person, kind=SubscriptionKind.DIGEST, actor="test")
    person.active = False
    session.flush()
    assert subscription_rules(session) == []


def test_recipient_commands(run) -> None:  # type: ignore[no-untyped-def]
    assert run("catalog", "load").exit_code == 0
    added = run("recipient", "add", "市发展改革委", "--role", "牵头单位",
                "--email", "fgw@example.gov.cn")
    assert added.exit_code == 0, added.output
    assert run("recipient", "add", "市发展改革委", "--role", "x",
               "--email", "y@example.gov.cn").exit_code == 1
    assert run("recipient", "add", "无渠道", "--role", "x").exit_code == 2
    assert run("recipient", "add", "坏机器人", "--role", "x", "--robot", "slack",
               "--robot-name", "r").exit_code == 2
    assert run("recipient", "add", "坏邮箱", "--role", "x", "--email", "nobody").exit_code == 2
    assert run("recipient", "add", "领导群", "--role", "市领导", "--robot", "dingtalk",
               "--robot-name", "leaders").exit_code == 0
    subscribed = run("subscription", "add", "市发展改革委", "--what", "immediate",
                     "--department", "市发展改革委", "--audience", "departments")
    assert subscribed.exit_code == 0, subscribed.output
    assert run("subscription", "add", "领导群", "--what", "digest").exit_code == 0
    assert run("subscription", "add", "领导群", "--what", "weekly").exit_code == 2
    assert run("subscription", "add", "领导群", "--what", "digest",
               "--audience", "departments").exit_code == 2  # a department names itself
    assert run("subscription", "add", "领导群", "--what", "digest",
               "--region", "999999").exit_code == 1
    assert run("subscription", "add", "无人", "--what", "digest").exit_code == 1
    records = {r["name"]: r for r in json.loads(run("recipient", "list", "--json").stdout)}
    assert records["领导群"]["robot"] == "dingtalk"
    [subscription] = records["市发展改革委"]["subscriptions"]
    assert (subscription["kind"], subscription["department"],
            subscription["audience"]) == ("immediate", "市发展改革委", "departments")
    table = run("recipient", "list").stdout
    assert "fgw@example.gov.cn" in table and "dingtalk:leaders" in table
    assert run("recipient", "remove", "领导群").exit_code == 0
    assert run("recipient", "remove", "领导群").exit_code == 1
    assert "领导群" not in run("recipient", "list").stdout

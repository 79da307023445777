"""Recipients and subscriptions: stored on both databases, read back as routing values,
managed by the `recipient` and `subscription` commands."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.vocab import Audience, Severity
from service.audit import AuditAction, entries
from service.demo.recipients import DEMO_RECIPIENTS, add_demo_recipients
from service.routing.plan import Channel, departments_of, plan_digest, plan_immediate
from service.routing.recipients import (
    add_recipient,
    add_subscription,
    get_recipient,
    remove_recipient,
    subscription_rules,
)
from service.routing.tables import RobotKind, Subscription, SubscriptionKind
from tests.dashboards.emails.alert_views import alert_view


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
    assert run("recipient", "add", "半个机器人", "--role", "x", "--email", "a@example.gov.cn",
               "--robot", "wecom").exit_code == 2  # a robot needs its name
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


def test_the_demo_s_departments_lead_seed_targets() -> None:
    led = {d for loaded in catalogue.read_catalogues(catalogue.seed_files())
           for t in loaded.catalogue.targets for d in departments_of(t.lead_department)}
    departments = [d for d in DEMO_RECIPIENTS if d.role == "牵头单位"]
    assert len(departments) == 2 and all(d.name in led for d in departments)


def test_the_demo_recipients_route_as_the_issue_says(session: Session) -> None:
    assert len(add_demo_recipients(session)) == 4
    assert add_demo_recipients(session) == []  # a second demo load adds nothing
    rules = subscription_rules(session)
    digests = plan_digest([alert_view(lead_department="市农委")], rules, schedule="weekly",
                          day=date(2015, 6, 30))
    assert sorted((d.recipient_name, d.channel.value, d.whole) for d in digests) == [
        ("市农委", "email", False), ("市发展改革委", "email", False),
        ("市领导办公室", "dingtalk", True), ("市领导办公室", "email", True)]
    data = alert_view(audience=Audience.STATISTICS, severity=Severity.WARNING)
    assert {d.recipient_name for d in plan_immediate([data], rules)} == {"统计局数据科"}
    severe = alert_view(lead_department="市农委", audience=Audience.DEPARTMENTS)
    assert {d.recipient_name for d in plan_immediate([severe], rules)} == {"市农委", "市领导办公室"}
    for_leaders = alert_view(audience=Audience.LEADERS)  # led by 市发展改革委
    planned = plan_immediate([for_leaders], rules)
    assert {(d.recipient_name, d.channel.value) for d in planned} == {
        ("市领导办公室", "email"), ("市领导办公室", "dingtalk"), ("市发展改革委", "email")}

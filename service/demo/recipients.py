"""The demo's recipients, so that alerts and digests have somewhere to go on a fresh demo:
the city leaders' office (the whole digest and severe alerts, by email and by its DingTalk
group robot), two lead departments that lead many seed targets (市发展改革委 and 市农委:
their own targets only) and a statistics clerk (the data alerts). The addresses are at
example.gov.cn, a domain that receives no mail."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.vocab import Audience
from service.routing.recipients import add_recipient, add_subscription
from service.routing.tables import Recipient, RobotKind, SubscriptionKind

# The robot's name in TARGETWATCH_DINGTALK_ROBOTS that the leaders' office group uses.
LEADERS_ROBOT = "leaders-office"


@dataclass(frozen=True)
class DemoRecipient:
    name: str
    role: str
    email: str
    subscriptions: tuple[dict[str, Any], ...]
    robot: RobotKind | None = None
    robot_name: str | None = None
    language: str = "zh"


def _department(name: str, email: str) -> DemoRecipient:
    """A lead department: the digest of its own targets, and their severe alerts at once
    (whether a rule addresses the leaders or the departments: it is their target)."""
    return DemoRecipient(name, "牵头单位", email, (
        {"kind": SubscriptionKind.DIGEST, "lead_department": name},
        {"kind": SubscriptionKind.IMMEDIATE, "lead_department": name}))


DEMO_RECIPIENTS: tuple[DemoRecipient, ...] = (
    DemoRecipient("市领导办公室", "市领导", "leaders@example.gov.cn", (
        {"kind": SubscriptionKind.DIGEST}, {"kind": SubscriptionKind.IMMEDIATE}),
        robot=RobotKind.DINGTALK, robot_name=LEADERS_ROBOT),
    _department("市发展改革委", "fgw@example.gov.cn"),
    _department("市农委", "nw@example.gov.cn"),
    DemoRecipient("统计局数据科", "统计员", "stats@example.gov.cn", (
        {"kind": SubscriptionKind.DATA, "audience": Audience.STATISTICS},)),
)


def add_demo_recipients(session: Session) -> list[str]:
    """Create the demo recipients that do not exist yet, with their subscriptions;
    return the names created (a recipient already there is left as it is)."""
    existing = set(session.scalars(select(Recipient.name)))
    created = []
    for demo in DEMO_RECIPIENTS:
        if demo.name in existing:
            continue
        recipient = add_recipient(session, name=demo.name, role=demo.role, email=demo.email,
                                  robot=demo.robot, robot_name=demo.robot_name,
                                  language=demo.language, actor="system:demo")
        for subscription in demo.subscriptions:
            add_subscription(session, recipient=recipient, actor="system:demo", **subscription)
        created.append(demo.name)
    return created

"""ORM tables of routing: the people and robot groups that receive alerts and digests, and
what each has subscribed to (`service.routing.recipients` manages them)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.clock import utc_now
from indicators.tables.base import Base, UTCDateTime, enum_column
from indicators.vocab import Audience, Severity


class SubscriptionKind(StrEnum):
    """What a subscription asks for: the scheduled digest, severe alerts at once, or the
    data alerts (figures overdue or suspicious) meant for the statistics staff."""

    DIGEST = "digest"
    IMMEDIATE = "immediate"
    DATA = "data"


class RobotKind(StrEnum):
    """The group robots Chinese offices use; each takes a markdown message by webhook."""

    DINGTALK = "dingtalk"
    WECOM = "wecom"


class Recipient(Base):
    """A person (by email) or an office group (by robot), with the role they hold, e.g.
    市领导, 牵头单位, 统计员: the role is a label for people; routing reads subscriptions."""

    __tablename__ = "recipients"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(60))
    email: Mapped[str | None] = mapped_column(String(254))
    robot: Mapped[RobotKind | None] = mapped_column(enum_column(RobotKind, "robot_kind"))
    # The robot's name in the channel settings (its webhook and secret live there).
    robot_name: Mapped[str | None] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(2), default="zh")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    subscriptions: Mapped[list[Subscription]] = relationship(
        back_populates="recipient", cascade="all, delete-orphan")


class Subscription(Base):
    """One thing a recipient wants, narrowed by filters (None: any). `lead_department`
    matches a target whose lead departments (as written, "、"-separated) include it."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient_id: Mapped[int] = mapped_column(ForeignKey("recipients.id"), index=True)
    kind: Mapped[SubscriptionKind] = mapped_column(
        enum_column(SubscriptionKind, "subscription_kind"))
    lead_department: Mapped[str | None] = mapped_column(String(200))
    region_code: Mapped[str | None] = mapped_column(String(12))
    indicator_code: Mapped[str | None] = mapped_column(String(80))
    document_code: Mapped[str | None] = mapped_column(String(40))
    min_severity: Mapped[Severity | None] = mapped_column(
        enum_column(Severity, "subscription_severity"))
    audience: Mapped[Audience | None] = mapped_column(
        enum_column(Audience, "subscription_audience"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)

    recipient: Mapped[Recipient] = relationship(back_populates="subscriptions")

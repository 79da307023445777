"""ORM tables of variance alerts: the alerts with their stored life, the events of that life,
silences, the log of every evaluation and the per-scope rule settings.

An alert is about a target, or (data alerts) about an indicator's series in a region. Its
`subject` names either in one NULL-free string ("target:12", "series:gdp@370300"), so that
one partial unique index keeps at most one open alert per rule and subject on both SQLite
and PostgreSQL, however often evaluations re-run. Tables only; `indicators.alerts` writes.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from indicators.clock import utc_now
from indicators.tables.base import Base, UTCDateTime, enum_column
from indicators.tables.catalogue import Target
from indicators.vocab import AlertState, Audience, Severity

OPEN_CONDITION = "state != 'resolved'"


class AlertEventKind(StrEnum):
    """What happened to an alert, one event each."""

    FIRED = "fired"
    REFIRED = "refired"  # fired again after it had resolved
    ESCALATED = "escalated"  # still firing, at a higher severity
    ACKNOWLEDGED = "acknowledged"
    COMMENTED = "commented"
    SILENCED = "silenced"
    RESOLVED = "resolved"


class RuleScope(StrEnum):
    """What a rule setting applies to; the most specific one wins (`indicators.alerts.config`)."""

    GLOBAL = "global"
    REGION = "region"
    INDICATOR = "indicator"
    DOCUMENT = "document"
    TARGET = "target"


def target_subject(target_id: int) -> str:
    """Name a target as the subject of an alert."""
    return f"target:{target_id}"


def series_subject(indicator_code: str, region_code: str) -> str:
    """Name an indicator's series in a region as the subject of a data alert."""
    return f"series:{indicator_code}@{region_code}"


class Alert(Base):
    """One firing of a rule about one subject, from raised to resolved. A rule that fires
    again after resolving reopens the same row (`fire_count` + 1), so the record of a
    target's trouble under one rule stays in one place."""

    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_one_open", "rule", "subject", unique=True,
              sqlite_where=sql_text(OPEN_CONDITION), postgresql_where=sql_text(OPEN_CONDITION)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(40), index=True)
    subject: Mapped[str] = mapped_column(String(200))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("targets.id"), index=True)
    # The series the alert reads: the target's indicator and region, or a data alert's own.
    indicator_code: Mapped[str] = mapped_column(String(80))
    region_code: Mapped[str] = mapped_column(String(12))
    audience: Mapped[Audience] = mapped_column(enum_column(Audience, "alert_audience"))
    severity: Mapped[Severity] = mapped_column(enum_column(Severity, "alert_severity"))
    state: Mapped[AlertState] = mapped_column(enum_column(AlertState, "alert_state"), index=True)
    # Muted by a silence when it last fired: kept on record, routed to nobody.
    silenced: Mapped[bool] = mapped_column(Boolean, default=False)
    fire_count: Mapped[int] = mapped_column(Integer, default=1)
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime)
    headline_zh: Mapped[str] = mapped_column(Text)
    headline_en: Mapped[str] = mapped_column(Text)
    reason_zh: Mapped[str | None] = mapped_column(Text)
    reason_en: Mapped[str | None] = mapped_column(Text)
    # The figures behind it: latest value and period, required value, gap, probability,
    # previous status and probability, interval bounds… (`indicators.alerts.facts`).
    measures: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    acknowledged_by: Mapped[str | None] = mapped_column(String(120))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 督办 close-out: the lead department's answer, part of the record.
    cause: Mapped[str | None] = mapped_column(Text)
    measures_taken: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    target: Mapped[Target | None] = relationship()
    events: Mapped[list[AlertEvent]] = relationship(back_populates="alert",
                                                    order_by="AlertEvent.id")


class AlertEvent(Base):
    """One step in an alert's life, with who took it (the system for evaluations) and when."""

    __tablename__ = "alert_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alerts.id"), index=True)
    kind: Mapped[AlertEventKind] = mapped_column(enum_column(AlertEventKind, "alert_event_kind"))
    who: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    text: Mapped[str | None] = mapped_column(Text)
    severity: Mapped[Severity | None] = mapped_column(
        enum_column(Severity, "alert_event_severity"))
    evaluation_id: Mapped[int | None] = mapped_column(ForeignKey("alert_evaluations.id"))

    alert: Mapped[Alert] = relationship(back_populates="events")


class AlertSilence(Base):
    """Mute a rule, a target or a series (any combination; None matches all) until a moment."""

    __tablename__ = "alert_silences"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str | None] = mapped_column(String(40))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("targets.id"))
    series: Mapped[str | None] = mapped_column(String(120))  # "indicator@region"
    until: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reason: Mapped[str] = mapped_column(Text)
    who: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utc_now)


class AlertEvaluation(Base):
    """One evaluation of every rule, logged whatever it found."""

    __tablename__ = "alert_evaluations"

    id: Mapped[int] = mapped_column(primary_key=True)
    as_of: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    trigger: Mapped[str] = mapped_column(String(20))  # cli, ingest, nightly, schedule
    # Transitions by kind, alerts checked, silenced…: {"fired": 3, "resolved": 1, …}
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)


class AlertRuleSetting(Base):
    """A rule switched on or off, or given other parameters, for one scope."""

    __tablename__ = "alert_rule_settings"
    __table_args__ = (UniqueConstraint("scope", "scope_key", "rule"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[RuleScope] = mapped_column(enum_column(RuleScope, "alert_rule_scope"))
    # The region, indicator or document code, the target key; "" for the global scope.
    scope_key: Mapped[str] = mapped_column(String(120), default="")
    rule: Mapped[str] = mapped_column(String(40))
    enabled: Mapped[bool | None] = mapped_column(Boolean)  # None: as the wider scope says
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

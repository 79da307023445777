"""Who receives what, as pure functions of the alerts (`AlertView`) and the subscriptions
(plain `SubscriptionRule` values): no database, no clock, so that the routing rules are
tested exhaustively with generated alerts and subscriptions.

The rules (issue 14):
- Data alerts (audience statistics: a figure overdue or suspicious) go to `data`
  subscriptions only: the statistics staff, never leaders or departments.
- Other alerts at or above the immediate severity (`TARGETWATCH_IMMEDIATE_SEVERITY`,
  severe by default) go out at once to `immediate` subscriptions that match them.
- Each `digest` subscriber receives at most one digest per schedule and channel, grouping
  everything that matches any of their subscriptions: a leader's unfiltered subscription
  gets the whole digest, a department's (lead department set) only its own targets.
- Every delivery carries a dedupe key; an alert's key names its `fire_count`, so the same
  alert is never sent twice to anyone unless it fires again after resolving.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from indicators.alerts.views import AlertView
from indicators.vocab import AlertState, Audience, Severity
from service.delivery.tables import ChannelName
from service.routing.tables import RobotKind, SubscriptionKind

SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.SEVERE: 2}
# How a target's lead departments are written when there are several: "市财政局、市科技局".
_DEPARTMENT_SEPARATORS = re.compile(r"[、，,；;]")


# How a message reaches a recipient (an email address, or a group robot by name): the
# outbox's own channel names, so a planned delivery is queued as it is.
Channel = ChannelName


@dataclass(frozen=True)
class RecipientRef:
    """A recipient as routing sees it (`service.routing.tables.Recipient`)."""

    id: int
    name: str
    role: str
    email: str | None = None
    robot: RobotKind | None = None
    robot_name: str | None = None
    language: str = "zh"
    active: bool = True

    def channels(self) -> list[tuple[Channel, str]]:
        """Return each (channel, address) the recipient can be reached at."""
        found = [] if not self.email else [(Channel.EMAIL, self.email)]
        if self.robot is not None and self.robot_name:
            found.append((Channel(self.robot.value), self.robot_name))
        return found


@dataclass(frozen=True)
class SubscriptionRule:
    """One subscription with its recipient; a filter that is None matches anything."""

    id: int
    recipient: RecipientRef
    kind: SubscriptionKind
    lead_department: str | None = None
    region_code: str | None = None
    indicator_code: str | None = None
    document_code: str | None = None
    min_severity: Severity | None = None
    audience: Audience | None = None

    @property
    def whole(self) -> bool:
        """Whether the subscription narrows nothing about targets (a leader's)."""
        return (self.lead_department, self.region_code, self.indicator_code,
                self.document_code) == (None, None, None, None)


@dataclass(frozen=True)
class TargetScope:
    """What a digest subscription narrows targets to (None: any)."""

    lead_department: str | None = None
    region_code: str | None = None
    indicator_code: str | None = None
    document_code: str | None = None


@dataclass(frozen=True)
class Delivery:
    """One immediate message: one alert to one recipient over one channel."""

    recipient_id: int
    recipient_name: str
    channel: Channel
    address: str
    language: str
    alert_ids: tuple[int, ...]
    dedupe_key: str


@dataclass(frozen=True)
class DigestDelivery:
    """One digest to one recipient over one channel: the open alerts that match them and
    the targets it covers (`whole`, or those matching any of `scopes`)."""

    recipient_id: int
    recipient_name: str
    channel: Channel
    address: str
    language: str
    alert_ids: tuple[int, ...]
    whole: bool
    scopes: tuple[TargetScope, ...]
    dedupe_key: str

    def covers(self, *, lead_department: str | None, region_code: str | None,
               indicator_code: str | None, document_code: str | None) -> bool:
        """Tell whether a target with these facts belongs in this digest."""
        return self.whole or any(
            scope_matches(s, lead_department=lead_department, region_code=region_code,
                          indicator_code=indicator_code, document_code=document_code)
            for s in self.scopes)


def alert_dedupe_key(alert_id: int, fire_count: int, recipient_id: int,
                     channel: Channel) -> str:
    """The key under which an alert's message to one recipient is stored at most once."""
    return f"alert:{alert_id}:{fire_count}:{recipient_id}:{channel.value}"


def digest_dedupe_key(schedule: str, day: date, recipient_id: int, channel: Channel) -> str:
    """The key of one scheduled digest to one recipient (one per schedule and day)."""
    return f"digest:{schedule}:{day.isoformat()}:{recipient_id}:{channel.value}"


def departments_of(written: str | None) -> set[str]:
    """Split a lead department as written ("市财政局、市科技局") into its departments."""
    if not written:
        return set()
    return {part.strip() for part in _DEPARTMENT_SEPARATORS.split(written) if part.strip()}


def scope_matches(scope: TargetScope | SubscriptionRule, *, lead_department: str | None,
                  region_code: str | None, indicator_code: str | None,
                  document_code: str | None) -> bool:
    """Tell whether a target (or an alert's subject) passes the scope's filters."""
    if scope.lead_department is not None and (
            scope.lead_department.strip() not in departments_of(lead_department)):
        return False
    pairs = ((scope.region_code, region_code), (scope.indicator_code, indicator_code),
             (scope.document_code, document_code))
    return all(wanted is None or wanted == actual for wanted, actual in pairs)


def _severity_at_least(severity: Severity, minimum: Severity | None) -> bool:
    return minimum is None or SEVERITY_RANK[severity] >= SEVERITY_RANK[minimum]


def alert_matches(rule: SubscriptionRule, view: AlertView) -> bool:
    """Tell whether an alert passes a subscription's filters (kind aside). A subscription
    for the departments' audience without a department matches nothing: a department
    hears of its own targets only."""
    if rule.audience is not None and view.audience is not rule.audience:
        return False
    if rule.audience is Audience.DEPARTMENTS and rule.lead_department is None:
        return False
    return _severity_at_least(view.severity, rule.min_severity) and scope_matches(
        rule, lead_department=view.lead_department, region_code=view.region_code,
        indicator_code=view.indicator_code, document_code=view.document_code)


def _wants_at_once(rule: SubscriptionRule, view: AlertView, minimum: Severity) -> bool:
    """Statistics alerts go to data subscriptions only, the others to immediate ones at
    or above the immediate severity."""
    if view.audience is Audience.STATISTICS:
        return rule.kind is SubscriptionKind.DATA
    return rule.kind is SubscriptionKind.IMMEDIATE and _severity_at_least(
        view.severity, minimum)


def _live(rules: Iterable[SubscriptionRule]) -> list[SubscriptionRule]:
    return [r for r in rules if r.recipient.active and r.recipient.channels()]


def plan_immediate(views: Sequence[AlertView], subscriptions: Sequence[SubscriptionRule], *,
                   minimum: Severity = Severity.SEVERE) -> list[Delivery]:
    """Plan the messages to send at once: every firing alert to every active recipient
    (on each of their channels) whose subscriptions want it now, once per recipient and
    channel however many of their subscriptions match."""
    planned: dict[str, Delivery] = {}
    for view in views:
        if view.state is not AlertState.FIRING:
            continue
        for rule in _live(subscriptions):
            if not (_wants_at_once(rule, view, minimum) and alert_matches(rule, view)):
                continue
            person = rule.recipient
            for channel, address in person.channels():
                key = alert_dedupe_key(view.alert_id, view.fire_count, person.id, channel)
                planned.setdefault(key, Delivery(person.id, person.name, channel, address,
                                                 person.language, (view.alert_id,), key))
    return list(planned.values())


def _digest_alert(view: AlertView) -> bool:
    """Open alerts for leaders and departments; data alerts never go into a digest."""
    return view.state is not AlertState.RESOLVED and view.audience is not Audience.STATISTICS


def plan_digest(views: Sequence[AlertView], subscriptions: Sequence[SubscriptionRule], *,
                schedule: str, day: date) -> list[DigestDelivery]:
    """Plan one digest per digest subscriber and channel for the schedule's `day`: the
    open alerts matching any of their digest subscriptions and the targets they cover."""
    by_recipient: dict[int, list[SubscriptionRule]] = {}
    for rule in _live(subscriptions):
        if rule.kind is SubscriptionKind.DIGEST:
            by_recipient.setdefault(rule.recipient.id, []).append(rule)
    planned = []
    for rules in by_recipient.values():
        person = rules[0].recipient
        alert_ids = tuple(sorted({v.alert_id for v in views if _digest_alert(v)
                                  and any(alert_matches(r, v) for r in rules)}))
        whole = any(r.whole and r.audience in (None, Audience.LEADERS) for r in rules)
        scopes = tuple(TargetScope(r.lead_department, r.region_code, r.indicator_code,
                                   r.document_code) for r in rules if not r.whole)
        for channel, address in person.channels():
            planned.append(DigestDelivery(
                person.id, person.name, channel, address, person.language, alert_ids, whole,
                scopes, digest_dedupe_key(schedule, day, person.id, channel)))
    return planned

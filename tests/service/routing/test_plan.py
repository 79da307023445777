"""Routing as pure functions: generated alerts and subscriptions, and the promises of
issue 14 checked on every plan (no one gets an alert twice; data alerts reach the
statistics staff only; a department hears of its own targets only)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from indicators.alerts.views import AlertView
from indicators.vocab import AlertState, Audience, Severity
from service.routing.plan import (
    Channel,
    RecipientRef,
    SubscriptionRule,
    departments_of,
    plan_digest,
    plan_immediate,
)
from service.routing.tables import RobotKind, SubscriptionKind
from tests.dashboards.emails.alert_views import alert_view

DEPARTMENTS = ("市发展改革委", "市农委", "市财政局")
WRITTEN = (None, "市发展改革委", "市农委", "市财政局、市农委", "市水利局")
REGIONS = ("370300", "141100")
DAY = date(2015, 6, 30)

alerts = st.builds(
    lambda i, fires, audience, severity, state, dept, region: alert_view(
        alert_id=i, fire_count=fires, audience=audience, severity=severity, state=state,
        lead_department=dept, region_code=region),
    st.integers(1, 30), st.integers(1, 3), st.sampled_from(Audience),
    st.sampled_from(Severity), st.sampled_from(AlertState), st.sampled_from(WRITTEN),
    st.sampled_from(REGIONS))

recipients = st.builds(
    lambda i, email, robot: RecipientRef(
        id=i, name=f"r{i}", role="x", email=f"r{i}@example.gov.cn" if email else None,
        robot=RobotKind.DINGTALK if robot or not email else None,
        robot_name=f"robot{i}" if robot or not email else None),
    st.integers(1, 6), st.booleans(), st.booleans())

rules = st.builds(
    lambda i, person, kind, dept, region, severity, audience: SubscriptionRule(
        id=i, recipient=person, kind=kind, lead_department=dept, region_code=region,
        min_severity=severity, audience=audience),
    st.integers(1, 100), recipients, st.sampled_from(SubscriptionKind),
    st.sampled_from((None, *DEPARTMENTS)), st.sampled_from((None, *REGIONS)),
    st.sampled_from((None, *Severity)), st.sampled_from((None, *Audience)))


def _consistent(subscriptions: list[SubscriptionRule]) -> list[SubscriptionRule]:
    """One recipient record per id (the generator may draw two with the same id)."""
    first: dict[int, RecipientRef] = {}
    for rule in subscriptions:
        first.setdefault(rule.recipient.id, rule.recipient)
    return [SubscriptionRule(r.id, first[r.recipient.id], r.kind, r.lead_department,
                             r.region_code, r.indicator_code, r.document_code,
                             r.min_severity, r.audience) for r in subscriptions]


def _by_id(views: list[AlertView]) -> dict[int, AlertView]:
    return {v.alert_id: v for v in views}


@given(st.lists(alerts, max_size=12, unique_by=lambda v: v.alert_id),
       st.lists(rules, max_size=10), st.sampled_from(Severity))
def test_no_one_gets_an_alert_twice_in_one_plan(views: list[AlertView],
                                                 drawn: list[SubscriptionRule],
                                                 minimum: Severity) -> None:
    subscriptions = _consistent(drawn)
    planned = plan_immediate(views, subscriptions, minimum=minimum)
    sent = [(d.recipient_id, d.channel, d.alert_ids) for d in planned]
    assert len(sent) == len(set(sent))
    assert len({d.dedupe_key for d in planned}) == len(planned)
    firing = {v.alert_id for v in views if v.state is AlertState.FIRING}
    assert all(set(d.alert_ids) <= firing for d in planned)
    digests = plan_digest(views, subscriptions, schedule="weekly", day=DAY)
    assert len({(d.recipient_id, d.channel) for d in digests}) == len(digests)
    assert len({d.dedupe_key for d in digests}) == len(digests)


@given(st.lists(alerts, max_size=12, unique_by=lambda v: v.alert_id),
       st.lists(rules, max_size=10))
def test_statistics_alerts_reach_data_subscriptions_only(views: list[AlertView],
                                                          drawn: list[SubscriptionRule]) -> None:
    subscriptions = _consistent(drawn)
    by_id = _by_id(views)
    data_people = {r.recipient.id for r in subscriptions if r.kind is SubscriptionKind.DATA}
    for delivery in plan_immediate(views, subscriptions, minimum=Severity.INFO):
        [alert_id] = delivery.alert_ids
        if by_id[alert_id].audience is Audience.STATISTICS:
            assert delivery.recipient_id in data_people
    for digest in plan_digest(views, subscriptions, schedule="weekly", day=DAY):
        assert all(by_id[i].audience is not Audience.STATISTICS for i in digest.alert_ids)


@given(st.lists(alerts, max_size=12, unique_by=lambda v: v.alert_id),
       st.lists(rules, max_size=10), st.sampled_from(WRITTEN))
def test_a_department_never_gets_another_department_s_target(
        views: list[AlertView], drawn: list[SubscriptionRule], target_dept: str | None) -> None:
    subscriptions = _consistent(drawn)
    by_id = _by_id(views)
    own: dict[int, set[str | None]] = {}
    for rule in subscriptions:
        own.setdefault(rule.recipient.id, set()).add(rule.lead_department)
    departments = {rid for rid, depts in own.items() if None not in depts}

    def theirs(rid: int, written: str | None) -> bool:
        return bool(departments_of(written) & {d for d in own[rid] if d})

    for delivery in plan_immediate(views, subscriptions, minimum=Severity.INFO):
        if delivery.recipient_id in departments:
            assert theirs(delivery.recipient_id, by_id[delivery.alert_ids[0]].lead_department)
    for digest in plan_digest(views, subscriptions, schedule="weekly", day=DAY):
        if digest.recipient_id in departments:
            assert not digest.whole
            assert all(theirs(digest.recipient_id, by_id[i].lead_department)
                       for i in digest.alert_ids)
            if digest.covers(lead_department=target_dept, region_code="370300",
                             indicator_code="gdp", document_code="003"):
                assert theirs(digest.recipient_id, target_dept)


LEADER = RecipientRef(1, "市领导办公室", "市领导", "leaders@example.gov.cn", RobotKind.DINGTALK,
                      "leaders-office")
DEPARTMENT = RecipientRef(2, "市农委", "牵头单位", "nw@example.gov.cn")
CLERK = RecipientRef(3, "统计员", "统计员", "stats@example.gov.cn", language="en")
SUBSCRIPTIONS = [
    SubscriptionRule(1, LEADER, SubscriptionKind.DIGEST, audience=Audience.LEADERS),
    SubscriptionRule(2, LEADER, SubscriptionKind.IMMEDIATE),
    SubscriptionRule(3, DEPARTMENT, SubscriptionKind.DIGEST, lead_department="市农委",
                     audience=Audience.DEPARTMENTS),
    SubscriptionRule(4, DEPARTMENT, SubscriptionKind.IMMEDIATE, lead_department="市农委"),
    SubscriptionRule(5, CLERK, SubscriptionKind.DATA, audience=Audience.STATISTICS),
]


def test_a_severe_alert_goes_at_once_to_the_leaders_on_both_channels() -> None:
    planned = plan_immediate([alert_view(alert_id=9, fire_count=2)], SUBSCRIPTIONS)
    assert {(d.recipient_id, d.channel, d.address) for d in planned} == {
        (1, Channel.EMAIL, "leaders@example.gov.cn"),
        (1, Channel.DINGTALK, "leaders-office")}
    assert {d.dedupe_key for d in planned} == {"alert:9:2:1:email", "alert:9:2:1:dingtalk"}


def test_the_lead_department_hears_of_its_own_target() -> None:
    view = alert_view(lead_department="市财政局、市农委", audience=Audience.DEPARTMENTS)
    planned = plan_immediate([view], SUBSCRIPTIONS)
    assert {d.recipient_id for d in planned} == {1, 2}  # the leader subscribed to all


def test_a_warning_waits_for_the_digest_unless_configured() -> None:
    view = alert_view(severity=Severity.WARNING)
    assert plan_immediate([view], SUBSCRIPTIONS) == []
    assert plan_immediate([view], SUBSCRIPTIONS, minimum=Severity.WARNING)


def test_acknowledged_and_resolved_alerts_are_not_sent_at_once() -> None:
    views = [alert_view(alert_id=1, state=AlertState.ACKNOWLEDGED),
             alert_view(alert_id=2, state=AlertState.RESOLVED)]
    assert plan_immediate(views, SUBSCRIPTIONS) == []
    [leader_email, _, _] = plan_digest(views, SUBSCRIPTIONS, schedule="weekly", day=DAY)
    assert leader_email.alert_ids == (1,)  # the digest lists what is still open


def test_a_data_alert_goes_to_the_clerk_only_in_their_language() -> None:
    view = alert_view(audience=Audience.STATISTICS, severity=Severity.WARNING,
                      lead_department="市农委")
    [delivery] = plan_immediate([view], SUBSCRIPTIONS)
    assert (delivery.recipient_id, delivery.language) == (3, "en")


def test_each_digest_subscriber_gets_one_digest_per_channel() -> None:
    digests = plan_digest([alert_view()], SUBSCRIPTIONS, schedule="weekly", day=DAY)
    assert sorted((d.recipient_id, d.channel.value, d.whole) for d in digests) == [
        (1, "dingtalk", True), (1, "email", True), (2, "email", False)]
    department = next(d for d in digests if d.recipient_id == 2)
    assert department.alert_ids == ()  # the alert is 市发展改革委's
    assert department.dedupe_key == "digest:weekly:2015-06-30:2:email"


def test_a_re_fired_alert_has_a_new_dedupe_key() -> None:
    first = plan_immediate([alert_view(fire_count=1)], SUBSCRIPTIONS)
    again = plan_immediate([alert_view(fire_count=2)], SUBSCRIPTIONS)
    assert not {d.dedupe_key for d in first} & {d.dedupe_key for d in again}

"""The sender: an SMTP outage mid-run loses nothing and duplicates nothing; one failing
address or webhook blocks no other; a message that keeps failing ends dead, visibly."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from service.delivery.channels import Channel, OutgoingMessage
from service.delivery.email_channel import SmtpChannel
from service.delivery.robots import DingTalkChannel, WeComChannel
from service.delivery.sender import RetryPolicy, SendReport, send_due
from service.delivery.tables import ChannelName, OutboxMessage, OutboxState
from service.settings import Robot
from tests.service.delivery.conftest import NOW, REFUSED, attempts, queue, states
from tests.service.delivery.servers import RobotServer, SmtpServer

POLICY = RetryPolicy(max_attempts=8, backoff_max=timedelta(minutes=60),
                     lease=timedelta(minutes=10))


class StopServerAfter:
    """Passes messages to the real SMTP channel and stops the server after `count` sends:
    the outage begins in the middle of a run."""

    def __init__(self, inner: SmtpChannel, server: SmtpServer, count: int) -> None:
        self.inner, self.server, self.left = inner, server, count

    def send(self, message: OutgoingMessage) -> None:
        self.inner.send(message)
        self.left -= 1
        if self.left == 0:
            self.server.stop()


def test_an_outage_mid_run_loses_nothing_and_sends_nothing_twice(
        session_factory: sessionmaker[Session], mail: SmtpServer, smtp: SmtpChannel) -> None:
    ids = queue(session_factory, 6)
    first = send_due(session_factory, now=NOW, policy=POLICY,
                     channels={ChannelName.EMAIL: StopServerAfter(smtp, mail, 2)})
    assert first == SendReport(sent=2, retried=4, dead=0)
    assert sorted(states(session_factory).values()) == ["pending"] * 4 + ["sent"] * 2

    # Still down a minute later: every message waits twice as long.
    assert send_due(session_factory, now=NOW + timedelta(minutes=1), policy=POLICY,
                    channels={ChannelName.EMAIL: smtp}) == SendReport(retried=4)
    # Back, but before the backoff ends: nothing is due yet.
    mail.start()
    assert send_due(session_factory, now=NOW + timedelta(minutes=2), policy=POLICY,
                    channels={ChannelName.EMAIL: smtp}) == SendReport()
    moment, total = NOW + timedelta(minutes=3), SendReport(sent=2)
    for _ in range(10):  # bounded: a bug must fail the test, not hang it
        if "pending" not in states(session_factory).values():
            break
        report = send_due(session_factory, now=moment, policy=POLICY,
                          channels={ChannelName.EMAIL: smtp})
        total = SendReport(sent=total.sent + report.sent)
        moment += timedelta(minutes=5)
    assert total.sent == 6
    assert set(states(session_factory).values()) == {"sent"}
    assert Counter(mail.store.message_ids()) == Counter(ids)  # each exactly once
    assert len(mail.store.received) == 6
    assert attempts(session_factory) == [1, 1, 3, 3, 3, 3]


def test_a_refused_mailbox_dies_at_once_and_blocks_no_other(
        session_factory: sessionmaker[Session], mail: SmtpServer, smtp: SmtpChannel) -> None:
    refused = queue(session_factory, 1, address=REFUSED)
    others = queue(session_factory, 3, start=10)
    report = send_due(session_factory, now=NOW, channels={ChannelName.EMAIL: smtp},
                      policy=POLICY)
    assert report == SendReport(sent=3, dead=1)
    assert sorted(mail.store.message_ids()) == sorted(others)
    assert states(session_factory)[refused[0]] == "dead"


def _robot_channels(robots: RobotServer) -> dict[ChannelName, Channel]:
    return {ChannelName.DINGTALK: DingTalkChannel([
                Robot(name="broken", url=f"{robots.base}/fail"),
                Robot(name="office", url=f"{robots.base}/send", secret=SecretStr("SECx"))],
                timeout=5),
            ChannelName.WECOM: WeComChannel([Robot(name="dept", url=f"{robots.base}/wecom")],
                                            timeout=5)}


def test_a_failing_webhook_is_retried_then_dead_and_blocks_no_other(
        session_factory: sessionmaker[Session], robots: RobotServer) -> None:
    [broken] = queue(session_factory, 1, channel=ChannelName.DINGTALK, address="broken")
    office = queue(session_factory, 2, channel=ChannelName.DINGTALK, address="office", start=5)
    dept = queue(session_factory, 2, channel=ChannelName.WECOM, address="dept", start=8)
    policy = RetryPolicy(max_attempts=3)
    channels = _robot_channels(robots)
    assert send_due(session_factory, now=NOW, channels=channels,
                    policy=policy) == SendReport(sent=4, retried=1)
    assert send_due(session_factory, now=NOW + timedelta(minutes=1), channels=channels,
                    policy=policy) == SendReport(retried=1)
    assert send_due(session_factory, now=NOW + timedelta(minutes=3), channels=channels,
                    policy=policy) == SendReport(dead=1)
    assert send_due(session_factory, now=NOW + timedelta(days=1), channels=channels,
                    policy=policy) == SendReport()  # dead stays dead
    final = states(session_factory)
    assert final[broken] == "dead"
    assert {final[i] for i in office + dept} == {"sent"}
    paths = Counter(call.path for call in robots.calls)
    assert paths == {"/fail": 3, "/send": 2, "/wecom": 2}
    with session_factory() as session:
        dead = session.scalars(select(OutboxMessage).where(
            OutboxMessage.message_id == broken)).one()
    assert dead.state is OutboxState.DEAD and dead.attempts == 3
    assert dead.last_error is not None and "HTTP 500" in dead.last_error


def test_a_message_on_a_channel_not_configured_stays_pending(
        session_factory: sessionmaker[Session], robots: RobotServer) -> None:
    [waiting] = queue(session_factory, 1)  # email, and no SMTP channel
    assert send_due(session_factory, now=NOW, channels=_robot_channels(robots)) == SendReport()
    assert states(session_factory)[waiting] == "pending"

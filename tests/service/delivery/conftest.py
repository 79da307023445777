"""Fixtures of the delivery tests: loopback servers, rendered messages, a queue helper."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session, sessionmaker

from dashboards.emails.message import InlineImage, RenderedMessage
from service.db import transaction
from service.delivery.email_channel import SmtpChannel, SmtpConfig
from service.delivery.outbox import enqueue
from service.delivery.tables import ChannelName, MessageKind, OutboxMessage
from tests.service.delivery.servers import MailStore, RobotServer, SmtpServer

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))  # bytes, not a picture: carried as is
REFUSED = "nobody@example.org"


def rendered(number: int = 1, *, images: bool = True) -> RenderedMessage:
    """A message in Chinese with one inline chart."""
    return RenderedMessage(
        subject=f"预警 {number}：地区生产总值增速偏离目标",
        text=f"目标 {number}：增长 6% 左右；最新 5.1%。",
        html=f'<p>目标 {number}</p><img src="cid:chart-{number}@targetwatch">',
        markdown=f"**目标 {number}**：增长 6% 左右", language="zh",
        images=(InlineImage(content_id=f"chart-{number}@targetwatch", png=PNG,
                            filename=f"chart-{number}.png"),) if images else ())


def queue(factory: sessionmaker[Session], count: int, *, channel: ChannelName = ChannelName.EMAIL,
          address: str = "leader@example.org", start: int = 1) -> list[str]:
    """Queue `count` messages (committed); return their Message-IDs."""
    ids = []
    with transaction(factory) as session:
        for number in range(start, start + count):
            message = enqueue(session, dedupe_key=f"alert:{number}:1:{address}",
                              channel=channel, address=address, recipient="leader",
                              kind=MessageKind.ALERT, rendered=rendered(number), now=NOW,
                              domain="example.org")
            assert message is not None
            ids.append(message.message_id)
    return ids


def states(factory: sessionmaker[Session]) -> dict[str, str]:
    """Message-ID → state of every queued message."""
    with factory() as session:
        return {m.message_id: m.state.value for m in session.query(OutboxMessage)}


def attempts(factory: sessionmaker[Session]) -> list[int]:
    """The attempts of every queued message, in the order they were queued."""
    with factory() as session:
        return [m.attempts for m in session.query(OutboxMessage).order_by(OutboxMessage.id)]


@pytest.fixture
def mail() -> Iterator[SmtpServer]:
    server = SmtpServer(MailStore(refused=frozenset({REFUSED})))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp(mail: SmtpServer) -> SmtpChannel:
    return SmtpChannel(SmtpConfig(host="127.0.0.1", port=mail.port, timeout=5,
                                  mail_from="targetwatch@example.org"))


@pytest.fixture
def robots() -> Iterator[RobotServer]:
    server = RobotServer()
    server.start()
    yield server
    server.stop()

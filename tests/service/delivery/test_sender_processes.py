"""Senders as real processes and connections: one killed between sending and marking
loses nothing (the message is sent again, same Message-ID, after the lease); two at once
never send one message twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from service.db import make_engine, session_factory, transaction
from service.delivery.email_channel import SmtpChannel
from service.delivery.sender import (
    KILL_AFTER_SEND,
    SENDER_DIED,
    RetryPolicy,
    SendReport,
    _take,
    send_due,
)
from service.delivery.tables import ChannelName, OutboxMessage
from service.migrate import upgrade
from tests.service.delivery.conftest import NOW, queue, states
from tests.service.delivery.servers import SmtpServer

REPO = Path(__file__).resolve().parents[3]
LEASE = timedelta(minutes=10)


@pytest.fixture
def own_database(database_url: str) -> Iterator[sessionmaker[Session]]:
    """A migrated database of its own: other processes and connections see its commits."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield session_factory(engine)
    engine.dispose()


def _run_child(url: str, port: int) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, KILL_AFTER_SEND: "1", "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "tests.service.delivery.sender_child", url, str(port),
         NOW.isoformat()], env=environment, cwd=REPO, capture_output=True, timeout=120,
        check=False)


def test_a_sender_killed_between_send_and_mark_loses_nothing(
        own_database: sessionmaker[Session], database_url: str, mail: SmtpServer,
        smtp: SmtpChannel) -> None:
    ids = queue(own_database, 4)
    child = _run_child(database_url, mail.port)
    assert child.returncode == -signal.SIGKILL, child.stderr.decode()
    assert mail.store.message_ids() == [ids[0]]  # sent, then killed before the mark
    assert states(own_database) == {ids[0]: "sending", **{i: "pending" for i in ids[1:]}}

    policy = RetryPolicy(lease=LEASE)
    # Within the lease the claimed message is left alone (its sender may still be alive).
    assert send_due(own_database, now=NOW + timedelta(minutes=1), policy=policy,
                    channels={ChannelName.EMAIL: smtp}) == SendReport(sent=3)
    assert send_due(own_database, now=NOW + LEASE + timedelta(seconds=1), policy=policy,
                    channels={ChannelName.EMAIL: smtp}) == SendReport(sent=1)
    arrived = Counter(mail.store.message_ids())
    assert arrived == {ids[0]: 2, ids[1]: 1, ids[2]: 1, ids[3]: 1}  # same id: a duplicate
    assert set(states(own_database).values()) == {"sent"}  # nothing lost, none left sending


def test_two_senders_at_once_never_send_one_message_twice(
        own_database: sessionmaker[Session], database_url: str, mail: SmtpServer,
        smtp: SmtpChannel) -> None:
    ids = queue(own_database, 30)
    engines = [make_engine(database_url) for _ in range(2)]
    start, reports = threading.Barrier(2), []

    def sender(engine) -> None:  # type: ignore[no-untyped-def]
        start.wait()
        reports.append(send_due(session_factory(engine), now=NOW,
                                channels={ChannelName.EMAIL: smtp}))

    threads = [threading.Thread(target=sender, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for engine in engines:
        engine.dispose()
    assert sum(r.sent for r in reports) == 30 and len(reports) == 2
    assert Counter(mail.store.message_ids()) == Counter(ids)
    assert len(mail.store.received) == 30


def test_a_claim_made_on_a_stale_view_takes_nothing(
        session_factory: sessionmaker[Session]) -> None:
    queue(session_factory, 1)
    with transaction(session_factory) as session:
        row = session.execute(select(OutboxMessage.id, OutboxMessage.state,
                                     OutboxMessage.claim_token)).one()
        assert _take(session, row, token="a" * 32, now=NOW)
    # A second sender that read the row before the first claimed it takes nothing.
    with transaction(session_factory) as session:
        assert not _take(session, row, token="b" * 32, now=NOW)
    assert set(states(session_factory).values()) == {"sending"}


def test_a_message_whose_sender_dies_every_time_ends_dead(
        session_factory: sessionmaker[Session], smtp: SmtpChannel) -> None:
    [ident] = queue(session_factory, 1)
    with transaction(session_factory) as session:  # claimed, and its sender never returns
        row = session.execute(select(OutboxMessage.id, OutboxMessage.state,
                                     OutboxMessage.claim_token)).one()
        assert _take(session, row, token="a" * 32, now=NOW)
    policy = RetryPolicy(max_attempts=1, lease=LEASE)
    assert send_due(session_factory, now=NOW + LEASE + timedelta(seconds=1), policy=policy,
                    channels={ChannelName.EMAIL: smtp}) == SendReport(dead=1)
    assert states(session_factory) == {ident: "dead"}
    with session_factory() as session:
        assert session.scalars(select(OutboxMessage.last_error)).one() == SENDER_DIED

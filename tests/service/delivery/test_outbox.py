"""Queueing: one row per dedupe key, in the caller's transaction, with a stable Message-ID;
the backoff between attempts."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.delivery.outbox import domain_of, enqueue, new_message_id, outgoing
from service.delivery.sender import RetryPolicy
from service.delivery.tables import ChannelName, MessageKind, OutboxMessage, OutboxState
from service.settings import get_settings
from tests.service.delivery.conftest import NOW, PNG, rendered


def _enqueue(session: Session, key: str = "alert:7:1:leader"):  # type: ignore[no-untyped-def]
    return enqueue(session, dedupe_key=key, channel=ChannelName.EMAIL,
                   address="leader@example.org", recipient="leader", kind=MessageKind.ALERT,
                   rendered=rendered(7), now=NOW, domain="example.org")


def test_a_message_is_queued_pending_with_its_images_and_a_message_id(session: Session) -> None:
    message = _enqueue(session)
    assert message is not None
    assert message.state is OutboxState.PENDING and message.attempts == 0
    assert message.next_attempt_at == NOW
    assert re.fullmatch(r"<[0-9a-f]{32}@example\.org>", message.message_id)
    sent = outgoing(message)
    assert sent.rendered == rendered(7)  # every field comes back as it went in
    assert sent.rendered.images[0].png == PNG


def test_the_same_dedupe_key_is_queued_once(session: Session) -> None:
    first = _enqueue(session)
    assert first is not None
    assert _enqueue(session) is None
    assert _enqueue(session, "alert:7:2:leader") is not None  # re-fired: a new message
    assert session.scalar(select(OutboxMessage.id).where(
        OutboxMessage.dedupe_key == "alert:7:1:leader")) == first.id
    assert len(session.scalars(select(OutboxMessage)).all()) == 2


def test_queueing_does_not_commit(session: Session) -> None:
    with session.begin():
        _enqueue(session)
        session.rollback()
    assert session.scalars(select(OutboxMessage)).all() == []


def test_message_ids_differ_and_end_with_the_domain_of_the_sender() -> None:
    assert new_message_id("example.org") != new_message_id("example.org")
    assert domain_of("targetwatch@zibo.gov.cn") == "zibo.gov.cn"
    assert domain_of("") == "targetwatch.localdomain"


@given(st.integers(min_value=1, max_value=10_000), st.integers(min_value=1, max_value=600))
def test_backoff_doubles_from_a_minute_up_to_its_cap(attempts: int, cap: int) -> None:
    policy = RetryPolicy(backoff_max=timedelta(minutes=cap))
    wait = policy.backoff(attempts)
    assert timedelta(minutes=1) <= wait <= max(timedelta(minutes=cap), timedelta(minutes=1))
    assert wait == min(timedelta(minutes=2 ** (attempts - 1)) if attempts < 40
                       else timedelta(days=10**6), timedelta(minutes=cap))
    assert policy.backoff(attempts + 1) >= wait


def test_the_message_id_ends_with_the_domain_of_mail_from_by_default(
        session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TARGETWATCH_MAIL_FROM", "targetwatch@fgw.zibo.gov.cn")
    get_settings.cache_clear()
    try:
        message = enqueue(session, dedupe_key="digest:weekly:2026-W10:leader",
                          channel=ChannelName.EMAIL, address="leader@example.org",
                          recipient="leader", kind=MessageKind.DIGEST, rendered=rendered(1),
                          now=NOW)
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert message is not None and message.message_id.endswith("@fgw.zibo.gov.cn>")


def test_routing_s_channel_values_are_taken_as_they_come(session: Session) -> None:
    message = enqueue(session, dedupe_key="immediate:3:1:office", channel="dingtalk",  # type: ignore[arg-type]
                      address="office", recipient="leaders' office", kind="immediate",  # type: ignore[arg-type]
                      rendered=rendered(3), now=NOW, domain="example.org")
    assert message is not None
    session.expire_all()
    stored = session.get(OutboxMessage, message.id)
    assert stored is not None
    assert stored.channel is ChannelName.DINGTALK and stored.kind is MessageKind.IMMEDIATE

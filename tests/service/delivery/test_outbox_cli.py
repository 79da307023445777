"""`targetwatch outbox send | list | retry` on a database of its own, sending to a real SMTP
server on loopback; and the scheduled job that sends the outbox."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from service.db import make_engine, session_factory
from service.jobs.context import JobContext
from service.jobs.registry import job_specs
from service.jobs.send_outbox import send_outbox
from service.settings import Settings, get_settings
from tests.service.delivery.conftest import REFUSED, queue, states
from tests.service.delivery.servers import SmtpServer


@pytest.fixture
def outbox(run, database_url: str) -> Iterator[sessionmaker[Session]]:  # type: ignore[no-untyped-def]
    """The CLI's database (after `targetwatch init`), to queue messages in."""
    engine = make_engine(database_url)
    yield session_factory(engine)
    engine.dispose()


def _configure_smtp(monkeypatch: pytest.MonkeyPatch, port: int) -> None:
    monkeypatch.setenv("TARGETWATCH_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("TARGETWATCH_SMTP_PORT", str(port))
    get_settings.cache_clear()


def test_send_list_and_retry_a_dead_letter(run, outbox: sessionmaker[Session],  # type: ignore[no-untyped-def]
                                           mail: SmtpServer,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    [dead] = queue(outbox, 1, address=REFUSED)
    sent = queue(outbox, 2, start=5)
    unconfigured = run("outbox", "send")
    assert unconfigured.exit_code == 0 and "TARGETWATCH_SMTP_HOST" in unconfigured.output
    _configure_smtp(monkeypatch, mail.port)
    result = run("outbox", "send")
    assert result.exit_code == 0, result.output
    assert "已发送 2 条，待重试 0 条，放弃 1 条" in result.output
    assert sorted(mail.store.message_ids()) == sorted(sent)

    listed = run("outbox", "list", "--state", "dead")
    assert listed.exit_code == 0, listed.output
    assert REFUSED in listed.output and "550" in listed.output  # the dead letter, and why
    assert "leader@example.org" not in listed.output
    assert run("outbox", "list").output.count("已发送") == 2

    assert run("outbox", "retry", "2").exit_code == 1  # sent, not dead: refused
    retried = run("outbox", "retry", "1")
    assert retried.exit_code == 0, retried.output
    assert states(outbox)[dead] == "pending"
    assert run("outbox", "retry", "--all-dead").exit_code == 0
    assert run("outbox", "list", "--state", "lost").exit_code == 2


def test_the_send_job_is_scheduled_only_when_a_channel_is_configured(
        outbox: sessionmaker[Session], mail: SmtpServer) -> None:
    assert "send-outbox" not in {spec.id for spec in job_specs(Settings())}
    settings = Settings(smtp_host="127.0.0.1", smtp_port=mail.port, send_every_seconds=30)
    [spec] = [spec for spec in job_specs(settings) if spec.id == "send-outbox"]
    assert spec.trigger_args == {"seconds": 30}
    ids = queue(outbox, 2)
    report = send_outbox(JobContext(settings=settings, sessions=outbox))
    assert report.sent == 2
    assert sorted(mail.store.message_ids()) == sorted(ids)

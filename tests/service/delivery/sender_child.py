"""A sender in a process of its own, for the kill test: `python -m
tests.service.delivery.sender_child URL PORT NOW` sends the outbox due at NOW to the SMTP
server on loopback PORT. The test runs it with TARGETWATCH_TEST_KILL_AFTER_SEND=1."""

from __future__ import annotations

import sys
from datetime import datetime

from service.db import make_engine, session_factory
from service.delivery.email_channel import SmtpChannel, SmtpConfig
from service.delivery.sender import send_due
from service.delivery.tables import ChannelName


def main(url: str, port: str, now: str) -> None:
    channel = SmtpChannel(SmtpConfig(host="127.0.0.1", port=int(port), timeout=5))
    send_due(session_factory(make_engine(url)), now=datetime.fromisoformat(now),
             channels={ChannelName.EMAIL: channel})


if __name__ == "__main__":
    main(*sys.argv[1:4])

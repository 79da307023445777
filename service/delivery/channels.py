"""The one small interface every channel implements (email, DingTalk and WeCom robots).

A channel sends one `OutgoingMessage` or raises `DeliveryError`; `permanent` says whether
trying again could help (a mailbox refused with 5xx, an unknown robot) or not (a server
down, a timeout, a 4xx "try later"). The sender decides what happens next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from dashboards.emails.message import RenderedMessage
from service.delivery.tables import ChannelName


class DeliveryError(Exception):
    """Sending one message failed; `permanent` when retrying the same message cannot help."""

    def __init__(self, detail: str, *, permanent: bool) -> None:
        super().__init__(detail)
        self.permanent = permanent


@dataclass(frozen=True)
class OutgoingMessage:
    """What a channel needs to send one outbox row: the same values on every attempt."""

    outbox_id: int
    channel: ChannelName
    address: str  # an email address, or a robot's name
    message_id: str  # "<uuid@domain>", stable across attempts
    created_at: datetime  # the email's Date: when the message was made, not when sent
    rendered: RenderedMessage


class Channel(Protocol):
    """Sends one message, or raises `DeliveryError`."""

    def send(self, message: OutgoingMessage) -> None: ...

"""Send the outbox on the channels the settings configure."""

from __future__ import annotations

from indicators.clock import utc_now
from service.delivery.configured import configured_channels
from service.delivery.sender import RetryPolicy, SendReport, send_due
from service.jobs.context import JobContext


def send_outbox(context: JobContext) -> SendReport:
    """Send every message due now; each in transactions of its own (see the sender)."""
    settings = context.settings
    return send_due(context.sessions, now=utc_now(), channels=configured_channels(settings),
                    policy=RetryPolicy.from_settings(settings))

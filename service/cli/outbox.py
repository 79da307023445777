"""The `outbox` commands: send what is due now, list messages (dead ones with their last
error), and put dead messages back to pending."""

from __future__ import annotations

from typing import Annotated

import typer

from indicators.clock import utc_now
from indicators.text.messages import Language, bilingual, message
from service.cli.apps import outbox_app
from service.cli.common import current_language, database, say
from service.db import read_transaction, transaction
from service.delivery.configured import configured_channels
from service.delivery.outbox import list_messages, retry_message
from service.delivery.sender import RetryPolicy, send_due
from service.delivery.tables import OutboxMessage, OutboxState
from service.settings import get_settings
from service.text_table import render_table


@outbox_app.command("send")
def outbox_send() -> None:
    """Send every message due now, on the configured channels / 立即发送到期消息."""
    send_outbox_now()


def send_outbox_now() -> None:
    """Send every message due now and say what happened (also after `alerts run`)."""
    settings = get_settings()
    channels = configured_channels(settings)
    if not channels:
        say("outbox.no_channel")
        return
    with database() as factory:
        report = send_due(factory, now=utc_now(), channels=channels,
                          policy=RetryPolicy.from_settings(settings))
    say("outbox.sent_report", sent=report.sent, retried=report.retried, dead=report.dead)


@outbox_app.command("list")
def outbox_list(state: Annotated[str | None, typer.Option(
        help="Only this state: pending, sending, sent or dead")] = None) -> None:
    """List messages, newest first; dead ones with their last error / 列出发件箱消息."""
    chosen = _state(state) if state else None
    with database() as factory, read_transaction(factory) as session:
        messages = list_messages(session, state=chosen)
        table = outbox_table(messages, current_language()) if messages else None
    if table is None:
        say("outbox.none")
    else:
        typer.echo(table, nl=False)


@outbox_app.command("retry")
def outbox_retry(
    ids: Annotated[list[int] | None, typer.Argument(help="Ids of dead messages")] = None,
    all_dead: Annotated[bool, typer.Option("--all-dead", help="Every dead message")] = False,
) -> None:
    """Put dead messages back to pending (same Message-ID) / 将已放弃的消息放回待发送."""
    if not ids and not all_dead:
        typer.echo(bilingual("outbox.nothing_to_retry"), err=True)
        raise typer.Exit(code=2)
    now, missing = utc_now(), []
    with database() as factory, transaction(factory) as session:
        if all_dead:
            dead = [m.id for m in list_messages(session, state=OutboxState.DEAD, limit=100_000)]
            count = sum(retry_message(session, outbox_id=i, now=now) for i in dead)
            say("outbox.retried_all", count=count)
        for outbox_id in ids or []:
            if retry_message(session, outbox_id=outbox_id, now=now):
                say("outbox.retried", id=outbox_id)
            else:
                missing.append(outbox_id)
    for outbox_id in missing:
        typer.echo(bilingual("outbox.not_dead", id=outbox_id), err=True)
    if missing:
        raise typer.Exit(code=1)


def _state(text: str) -> OutboxState:
    try:
        return OutboxState(text)
    except ValueError:
        typer.echo(bilingual("outbox.unknown_state", state=text), err=True)
        raise typer.Exit(code=2) from None


def outbox_table(messages: list[OutboxMessage], language: Language) -> str:
    """The messages as a table; each failed one's last error on a line under it."""
    headers = [message(f"outbox.col_{c}", language) for c in
               ("id", "state", "channel", "address", "kind", "attempts", "when", "subject")]
    rows = [[str(m.id), message(f"outbox.state_{m.state.value}", language), m.channel.value,
             m.address, m.kind.value, str(m.attempts), _when(m), m.subject] for m in messages]
    details = [f"{message('outbox.col_error', language)}: {m.last_error}"
               if m.last_error else "" for m in messages]
    return render_table(headers, rows, details=details, whole=(0, 3))


def _when(m: OutboxMessage) -> str:
    """Sent: when; pending: when next due; sending or dead: when last tried."""
    moment = {OutboxState.SENT: m.sent_at, OutboxState.PENDING: m.next_attempt_at}.get(
        m.state, m.claimed_at) or m.next_attempt_at
    return moment.isoformat(timespec="minutes")[:16].replace("T", " ")

"""The `alerts` commands: evaluate the alert rules now (or as of a past day), and list the
stored alerts / 预警评估与预警列表."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, TypeVar

import typer

from indicators.alerts.listing import list_alerts
from indicators.alerts.views import AlertView
from indicators.clock import utc_now
from indicators.text.messages import Language, bilingual, message
from indicators.vocab import AlertState, Audience
from service.alerting import QUEUED, evaluate, queue_digests
from service.cli.apps import app
from service.cli.common import current_language, database, past_day_end, say
from service.cli.outbox import send_outbox_now
from service.db import read_transaction
from service.settings import get_settings
from service.text_table import render_table

E = TypeVar("E", bound=StrEnum)
alerts_app = typer.Typer(help="Variance alerts / 预警", no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")


@alerts_app.command("run")
def run(
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Evaluate on what was known at the end of this day (YYYY-MM-DD, "
        "Beijing time); default: now")] = None,
    no_digest: Annotated[bool, typer.Option(
        "--no-digest", help="Do not queue that day's weekly digest (by default it is queued "
        "for every subscriber not yet sent it)")] = False,
    no_send: Annotated[bool, typer.Option(
        "--no-send", help="Leave the queued messages to the send-outbox job (by default what "
        "is due is sent at once, on the configured channels)")] = False,
) -> None:
    """Evaluate every alert rule, queue the messages and send them / 评估预警并发送.

    One open alert per target (or series) and rule however often it runs, and each message
    is queued once (per alert firing and recipient; per digest day and recipient): a second
    run on the same facts raises and sends nothing new.
    """
    settings = get_settings()
    moment = past_day_end(as_of) if as_of else utc_now()
    with database() as factory:
        done = evaluate(factory, as_of=moment, now=utc_now(), trigger="cli", settings=settings)
        if done is None:  # the holder evaluates, queues the digest and sends: a digest
            say("cli.alerts_busy")  # queued here now would miss its alerts
            return
        counts = done.counts
        say("cli.alerts_ran", as_of=moment.isoformat(timespec="minutes"),
            evaluation=done.evaluation_id, **{k: counts.get(k, 0) for k in (
                "fired", "refired", "escalated", "resolved", "silenced")})
        digests = queue_digests(factory, as_of=moment, now=utc_now(),
                                settings=settings) if not no_digest else 0
        if digests is None:
            say("cli.digest_busy")
        say("cli.alerts_queued", immediate=counts.get(QUEUED, 0), digests=digests or 0)
    if not no_send:
        send_outbox_now()


def _choice(kind: type[E], value: str | None, key: str) -> E | None:
    """Read an option's value as a member of `kind`; exit 2 naming the allowed ones."""
    if value is None:
        return None
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(m.value for m in kind)
        typer.echo(bilingual(key, value=value, allowed=allowed), err=True)
        raise typer.Exit(code=2) from None


@alerts_app.command("list")
def list_command(
    state: Annotated[list[str] | None, typer.Option(
        "--state", help="firing, acknowledged or resolved (repeatable); default: open ones")
    ] = None,
    audience: Annotated[str | None, typer.Option(
        "--audience", help="leaders, departments or statistics")] = None,
    rule: Annotated[str | None, typer.Option("--rule", help="A rule code")] = None,
    target: Annotated[str | None, typer.Option("--target", help="A target key")] = None,
) -> None:
    """List the stored alerts, most recently changed first / 列出预警."""
    states = [s for v in state if (s := _choice(AlertState, v, "cli.bad_state"))] if state \
        else [AlertState.FIRING, AlertState.ACKNOWLEDGED]
    wanted = _choice(Audience, audience, "cli.bad_audience")
    with database() as factory, read_transaction(factory) as session:
        views, total = list_alerts(session, states=states, audience=wanted, rule=rule,
                                   target_key=target, limit=None)
    language = current_language()
    if views:
        typer.echo(_table(views, language), nl=False)
    say("cli.alerts_total", total=total)


def _table(views: list[AlertView], language: Language) -> str:
    headers = [message(f"alert.col.{c}", language) for c in
               ("id", "rule", "subject", "severity", "state")]
    rows = [[str(v.alert_id), v.rule,
             v.target_key or f"{v.indicator_code}@{v.region_code}",
             message(f"alert.severity.{v.severity.value}", language),
             message(f"alert.state.{v.state.value}", language)] for v in views]
    details = [v.headline_zh if language is Language.ZH else v.headline_en for v in views]
    return render_table(headers, rows, details=details)

"""The `replay` command: retrospective assessment and forecast runs at a series of past days,
so that target pages have a history and the track record has something to score."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from indicators.data.basis import assessment_records
from indicators.data.records import basis_summary
from indicators.runs.replay import replay, replay_days
from indicators.text.messages import bilingual, message
from service.cli.apps import app
from service.cli.common import current_language, database, past_day_end, say
from service.db import transaction
from service.settings import get_settings

_EVERY = re.compile(r"(\d+)([my])")


def months_of(every: str) -> int:
    """Read an interval such as "6m" or "1y" as a number of months; exit 2 otherwise."""
    found = _EVERY.fullmatch(every.strip().lower())
    if found is None or int(found[1]) == 0:
        typer.echo(bilingual("replay.bad_every", value=every), err=True)
        raise typer.Exit(code=2)
    return int(found[1]) * (12 if found[2] == "y" else 1)


@app.command("replay")
def replay_command(
    first: Annotated[str, typer.Option("--from", help="First day (YYYY-MM-DD)")],
    last: Annotated[str, typer.Option("--to", help="Last day (YYYY-MM-DD), a day that has ended")],
    every: Annotated[str, typer.Option("--every", help="Interval: 6m, 3m, 1y…")] = "6m",
    assess_only: Annotated[bool, typer.Option(
        "--assess-only", help="Store assessment runs only, no forecast runs")] = False,
) -> None:
    """Store retrospective assessment and forecast runs at past days / 按历史日期回放评估与预测.

    Each day is assessed as `assess --as-of DAY` would (and forecast as `forecast --as-of
    DAY`): only what was known at the end of that day, stored as retrospective runs that
    never replace the current ones. A 31st steps to each month's last day.
    """
    start, end = past_day_end(first).date(), past_day_end(last).date()
    if start > end:
        typer.echo(bilingual("replay.bad_range", first=first, last=last), err=True)
        raise typer.Exit(code=2)
    days = replay_days(start, end, months_of(every))
    forecasts = not assess_only
    language = current_language()
    with database() as factory, transaction(factory) as session:
        done = replay(session, days, thresholds=get_settings().thresholds, forecasts=forecasts)
        lines = [(d.day, basis_summary(assessment_records(session, d.run.results), language))
                 for d in done]
    say("replay.done", days=len(days), first=days[0], last=days[-1],
        forecasts=_forecasts_word(forecasts))
    for day, summary in lines:
        say("replay.day", day=day, summary=summary)


def _forecasts_word(forecasts: bool) -> str:
    return message("replay.with_forecasts", current_language()) if forecasts else ""

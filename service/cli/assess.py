"""The `assess` command: the status of every target, as a table or JSON."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from indicators.clock import utc_now
from indicators.data.basis import assessment_records
from indicators.data.records import basis_summary
from indicators.runs.assessment import run_assessment
from indicators.runs.outlook import ACTUAL_MODEL
from indicators.text.messages import Language, message
from indicators.text.numbers import chance_text, fmt, fmt_share
from service.cli.apps import app
from service.cli.common import current_language, database, json_text, past_day_end, say
from service.db import transaction
from service.settings import get_settings
from service.text_table import render_table


@app.command()
def assess(
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Assess the data as known at the end of this day (YYYY-MM-DD, "
        "Beijing time); default: now")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")] = False,
) -> None:
    """Assess every approved target and store the run / 评估全部目标并保存结果.

    With `--as-of` (a day that has ended) the run is retrospective: it reads only what was
    known then, gives the same answer every time, and never replaces the current one.
    """
    moment = past_day_end(as_of) if as_of else utc_now()
    with database() as factory, transaction(factory) as session:
        run = run_assessment(session, as_of=moment, thresholds=get_settings().thresholds,
                             retrospective=as_of is not None)
        records = assessment_records(session, run.results)
    notice = message("cli.retrospective", current_language(),
                     as_of=moment.isoformat(timespec="minutes")) if as_of else None
    if as_json:
        sys.stdout.write(json_text(records))
        if notice:
            typer.echo(notice, err=True)  # stdout stays the JSON, byte for byte
        return
    language = current_language()
    sys.stdout.write(_assessment_table(records, language))
    say("cli.assessed", as_of=moment.isoformat(timespec="minutes"),
         summary=basis_summary(records, language))
    if notice:
        typer.echo(notice)


def _assessment_table(records: list[dict[str, object]], language: Language) -> str:
    """One row per target; its reason, the longest text, on a line of its own under it, so
    that the table fits the terminal (every field is in `--json`)."""
    headers = [message(f"table.{c}", language) for c in
               ("key", "status", "progress", "gap", "required_rate", "forecast", "interval_80",
                "probability")]
    rows = [[str(r["key"]), message(f"status.{r['status']}", language),
             f"{fmt_share(r['distance_share'])}/{fmt_share(r['time_share'])}",  # type: ignore[arg-type]
             fmt(r["gap"]),  # type: ignore[arg-type]
             "—" if r["required_rate"] is None else f"{fmt(r['required_rate'])}%",  # type: ignore[arg-type]
             *_forecast_cells(r, language)] for r in records]
    reasons = [str(r["reason_zh" if language is Language.ZH else "reason_en"]) for r in records]
    return render_table(headers, rows, details=reasons)


def _forecast_cells(record: dict[str, Any], language: Language) -> list[str]:
    """The forecast at the deadline ("2018: 5,234"), its 80% interval and the probability
    of meeting the target, or "—" where there is none."""
    chance = chance_text(record["probability"])
    if record["forecast_mean"] is None:
        return ["—", "—", chance]
    value = f"{record['forecast_year']}: {fmt(record['forecast_mean'])}"
    if record["forecast_model"] == ACTUAL_MODEL:  # the deadline's figure is known: no interval
        return [value + message("table.actual_mark", language), "—", chance]
    return [value, f"{fmt(record['forecast_lo_80'])}–{fmt(record['forecast_hi_80'])}", chance]

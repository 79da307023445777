"""The `assess` command: the status of every target, as a table or JSON."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from indicators.assessing import run_assessment
from indicators.db import utc_now
from indicators.export import assessment_record, status_summary
from indicators.messages import Language, message
from indicators.numbers import fmt, fmt_share
from service.cli.apps import app
from service.cli.common import current_language, database, end_of_day, json_text, say
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
    """Assess every approved target and store the run / 评估全部目标并保存结果."""
    moment = end_of_day(as_of) if as_of else utc_now()
    with database() as factory, transaction(factory) as session:
        run = run_assessment(session, as_of=moment, thresholds=get_settings().thresholds())
        records = [assessment_record(r) for r in run.results]
    if as_json:
        sys.stdout.write(json_text(records))
        return
    language = current_language()
    sys.stdout.write(_assessment_table(records, language))
    say("cli.assessed", as_of=moment.isoformat(timespec="minutes"),
         summary=status_summary(records, language))


def _assessment_table(records: list[dict[str, object]], language: Language) -> str:
    headers = [message(f"table.{c}", language) for c in
               ("key", "status", "progress", "gap", "required_rate", "reason")]
    rows = [[str(r["key"]), message(f"status.{r['status']}", language),
             f"{fmt_share(r['distance_share'])}/{fmt_share(r['time_share'])}",  # type: ignore[arg-type]
             fmt(r["gap"]),  # type: ignore[arg-type]
             "—" if r["required_rate"] is None else f"{fmt(r['required_rate'])}%",  # type: ignore[arg-type]
             str(r["reason_zh" if language is Language.ZH else "reason_en"])] for r in records]
    return render_table(headers, rows)

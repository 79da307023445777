"""The `forecast` command: forecast every approved target's series (or one), store the run,
and show the forecast at each target's deadline."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer
from sqlalchemy.orm import Session

from indicators.clock import utc_now
from indicators.data import queries
from indicators.data.records import series_forecast_record
from indicators.data.stored_runs import points_of
from indicators.runs.assessment import series_of
from indicators.runs.forecast import INSUFFICIENT_DATA, approved_series, run_forecast
from indicators.text.messages import Language, bilingual, message
from indicators.text.numbers import fmt
from indicators.vocab import ReviewState
from service.cli.apps import app
from service.cli.common import current_language, database, json_text, past_day_end, say
from service.db import transaction
from service.text_table import render_table


@app.command()
def forecast(
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Forecast from the data as known at the end of this day "
        "(YYYY-MM-DD, Beijing time); default: now")] = None,
    target: Annotated[str | None, typer.Option(
        "--target", help="Only the series this target reads (its key)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")] = False,
) -> None:
    """Forecast the series of every approved target and store the run / 预测全部目标的指标序列."""
    moment = past_day_end(as_of) if as_of else utc_now()
    with database() as factory, transaction(factory) as session:
        series_ids = None if target is None else {_series_of_target(session, target)}
        run = run_forecast(session, as_of=moment, series_ids=series_ids)
        run.retrospective = as_of is not None  # a past date never replaces the current one
        deadlines = {sid: sorted({t.deadline_year for t in s.targets})
                     for sid, s in approved_series(session).items()}
        records = [{**series_forecast_record(m, points_of(session, run_id=run.id,
                                                          series_id=m.series_id)),
                    "deadlines": deadlines.get(m.series_id, [])} for m in run.models]
    if as_json:
        sys.stdout.write(json_text(records))
        return
    language = current_language()
    sys.stdout.write(forecast_table(records, language))
    skipped = sum(r["model"] == INSUFFICIENT_DATA for r in records)
    say("cli.forecasted", as_of=moment.isoformat(timespec="minutes"), series=len(records),
        forecast=len(records) - skipped, skipped=skipped)
    if as_of:
        say("cli.retrospective_forecast")


def _series_of_target(session: Session, key: str) -> int:
    """Return the id of the series an approved target reads; exit 2 for any other key."""
    found = queries.get_target(session, key=key)
    if found is None or found.review_state is not ReviewState.APPROVED:
        problem = "cli.unknown_target" if found is None else "cli.target_not_approved"
        typer.echo(bilingual(problem, key=key), err=True)
        raise typer.Exit(code=2)
    return series_of(session, found).id


def forecast_table(records: list[dict[str, Any]], language: Language) -> str:
    """One row per series: the series, the model, the last year with data and the
    forecast at each of its targets' deadlines with the 80% and 95% intervals."""
    headers = [message(f"table.{c}", language) for c in
               ("series", "model", "last_year", "next_year_forecast", "deadline_forecast")]
    rows = [[series_label(r, language), str(r["model"]), str(r["last_period"] or "—"),
             point_text(r["points"][0]) if r["points"] else "—", _at_deadlines(r, language)]
            for r in records]
    return render_table(headers, rows)


def point_text(point: dict[str, Any]) -> str:
    """"2020: 5,234 [5,000–5,400] [4,900–5,600]": the mean, 80% and 95% intervals."""
    return (f"{point['period']}: {fmt(point['mean'])} [{fmt(point['lo_80'])}–"
            f"{fmt(point['hi_80'])}] [{fmt(point['lo_95'])}–{fmt(point['hi_95'])}]")


def series_label(record: dict[str, Any], language: Language) -> str:
    """Name a series as people do: "地区生产总值 · 淄博市"."""
    if language is Language.EN:
        name, region = record["indicator_name_en"], record["region_name_en"]
        entity = record["entity_name_en"] or record["entity_name"]
    else:
        name, region, entity = record["indicator_name"], None, record["entity_name"]
    subject = (region or record["region_name"]) + (f" {entity}" if entity else "")
    return f"{name} · {subject}"


def _at_deadlines(record: dict[str, Any], language: Language) -> str:
    """The forecast at each deadline of the series' targets; a deadline whose year already
    has a figure says so."""
    by_period = {p["period"]: p for p in record["points"]}
    last = int(record["last_period"]) if record["last_period"] else None
    cells = []
    for year in record["deadlines"]:
        point = by_period.get(str(year))
        if point is not None:
            cells.append(point_text(point))
        elif last is not None and year <= last:
            cells.append(message("forecast.deadline_observed", language, year=year))
    return "; ".join(cells) or "—"

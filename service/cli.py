"""The `targetwatch` command: init, catalog load/export, demo, serve."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session, sessionmaker

from indicators import catalogue
from indicators import queries as indicator_queries
from indicators.assessing import run_assessment
from indicators.catalogue import CHINA_TIME
from indicators.db import utc_now
from indicators.export import (
    EXPORT_FIELDS,
    assessment_record,
    spreadsheet_safe,
    status_summary,
    target_record,
)
from indicators.messages import Language, bilingual, message
from indicators.numbers import fmt, fmt_share
from service import demo as demo_loading
from service.db import make_engine, session_factory, transaction
from service.demo_actuals import BUNDLED_ACTUALS
from service.migrate import upgrade
from service.settings import get_settings
from service.text_table import render_table

app = typer.Typer(help="targetwatch: indicator target monitoring / 指标目标监测",
                  no_args_is_help=True, add_completion=False)
catalog_app = typer.Typer(help="The target catalogue / 目标清单", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")


def _language() -> Language:
    return Language(get_settings().language)


def _say(key: str, **values: object) -> None:
    typer.echo(message(key, _language(), **values))


def _fail(problems: list[str]) -> None:
    for problem in problems:
        typer.echo(problem, err=True)
    raise typer.Exit(code=1)


@contextmanager
def _database() -> Iterator[sessionmaker[Session]]:
    """Open the configured database, migrated to the newest schema, for one command."""
    engine = make_engine(get_settings().database_url)
    try:
        upgrade(engine)
        yield session_factory(engine)
    finally:
        engine.dispose()


@app.command()
def init() -> None:
    """Create the database and bring its schema up to date / 创建数据库并迁移到最新结构."""
    with _database():
        pass
    _say("cli.database_ready", url=_redacted(get_settings().database_url))


@catalog_app.command("load")
def catalog_load(
    file: Annotated[Path | None, typer.Argument(
        help="A catalogue file (docs/catalogue-format.md); default: the seed catalogue")] = None,
) -> None:
    """Load targets from a catalogue file, all or nothing / 载入目标清单（全部成功或不变）."""
    paths = [file] if file is not None else catalogue.seed_files()
    try:
        files = catalogue.read_catalogues(paths)
        with _database() as factory, transaction(factory) as session:
            reports = [catalogue.load_catalogue(session, loaded) for loaded in files]
    except catalogue.CatalogueError as error:
        _fail(error.problems)
    for loaded, report in zip(files, reports, strict=True):
        _say("catalogue.loaded", path=loaded.path.name, created=report.created,
             updated=report.updated, unchanged=report.unchanged)
        if loaded.catalogue.observations:
            _say("catalogue.observations_loaded", created=report.observations_created,
                 unchanged=report.observations_unchanged)


@catalog_app.command("export")
def catalog_export(
    format: Annotated[str, typer.Option("--format", "-f", help="json or csv")] = "json",
    output: Annotated[Path | None, typer.Option("--output", "-o",
                                                help="File to write; default stdout")] = None,
) -> None:
    """Export every target with all its fields / 导出全部目标及其全部字段."""
    if format not in ("json", "csv"):
        typer.echo(bilingual("cli.unknown_format", format=format), err=True)
        raise typer.Exit(code=2)
    with _database() as factory, transaction(factory) as session:
        records = [target_record(t) for t in indicator_queries.list_targets(session)]
    text = _as_json(records) if format == "json" else _as_csv(records)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8-sig" if format == "csv" else "utf-8")
        _say("cli.exported", count=len(records))


def _as_json(records: list[dict[str, object]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _as_csv(records: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for record in records:
        writer.writerow({k: spreadsheet_safe(v) for k, v in record.items()})
    return buffer.getvalue()


@app.command()
def demo() -> None:
    """Load the seed catalogue, published statistics and illustrative series / 载入演示数据."""
    settings = get_settings()
    with _database() as factory, transaction(factory) as session:
        report = demo_loading.load_demo(
            session, actuals_csv=settings.demo_actuals_csv or BUNDLED_ACTUALS, now=utc_now(),
            thresholds=settings.thresholds())
        typer.echo(demo_loading.demo_summary(session, report, _language()))


@app.command()
def assess(
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Assess the data as known at the end of this day (YYYY-MM-DD, "
        "Beijing time); default: now")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table")] = False,
) -> None:
    """Assess every approved target and store the run / 评估全部目标并保存结果."""
    moment = _end_of_day(as_of) if as_of else utc_now()
    with _database() as factory, transaction(factory) as session:
        run = run_assessment(session, as_of=moment, thresholds=get_settings().thresholds())
        records = [assessment_record(r) for r in run.results]
    if as_json:
        sys.stdout.write(_as_json(records))
        return
    language = _language()
    sys.stdout.write(_assessment_table(records, language))
    _say("cli.assessed", as_of=moment.isoformat(timespec="minutes"),
         summary=status_summary(records, language))


def _end_of_day(text: str) -> datetime:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        typer.echo(bilingual("cli.bad_date", value=text), err=True)
        raise typer.Exit(code=2) from None
    return datetime.combine(day, time.max, CHINA_TIME).astimezone(UTC)


def _assessment_table(records: list[dict[str, object]], language: Language) -> str:
    headers = [message(f"table.{c}", language) for c in
               ("key", "status", "progress", "gap", "required_rate", "reason")]
    rows = [[str(r["key"]), message(f"status.{r['status']}", language),
             f"{fmt_share(r['distance_share'])}/{fmt_share(r['time_share'])}",  # type: ignore[arg-type]
             fmt(r["gap"]),  # type: ignore[arg-type]
             "—" if r["required_rate"] is None else f"{fmt(r['required_rate'])}%",  # type: ignore[arg-type]
             str(r["reason_zh" if language is Language.ZH else "reason_en"])] for r in records]
    return render_table(headers, rows)


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address")] = None,
    port: Annotated[int | None, typer.Option(help="Port")] = None,
) -> None:
    """Serve the web interface and API / 启动网页与接口服务."""
    import uvicorn

    from service.api.app import create_app

    settings = get_settings()
    with _database():
        pass
    _say("cli.serving", host=host or settings.host, port=port or settings.port)
    uvicorn.run(create_app(), host=host or settings.host, port=port or settings.port)


def _redacted(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)

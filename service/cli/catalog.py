"""Commands for the database and the catalogue: init, upgrade, catalog load/export/list,
demo, serve."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from indicators.catalogue import loader as catalogue
from indicators.clock import china_midnight, utc_now
from indicators.data import queries as indicator_queries
from indicators.data.records import EXPORT_FIELDS, spreadsheet_safe, target_record
from indicators.tables.target_versions import edits_known_from
from indicators.text.messages import Language, bilingual, message
from service import audit
from service.catalogue_list import (
    indicator_listing,
    indicator_table,
    region_listing,
    region_table,
)
from service.cli.apps import app, catalog_app
from service.cli.common import (
    current_language,
    database,
    echo_wrapped,
    fail,
    json_text,
    redacted,
    say,
)
from service.db import make_engine, transaction
from service.demo import loader as demo_loading
from service.demo.actuals import BUNDLED_ACTUALS
from service.demo.recipients import add_demo_recipients
from service.demo.users import DEMO_PASSWORD, DEMO_USERS, add_demo_users
from service.migrate import upgrade_locked
from service.settings import get_settings
from service.text_table import render_table


@app.command()
def init() -> None:
    """Create the database and bring its schema up to date / 创建数据库并迁移到最新结构."""
    with database(migrate=True):
        pass
    say("cli.database_ready", url=redacted(get_settings().database_url))


@app.command()
def upgrade() -> None:
    """Migrate an existing database to the newest schema / 将已有数据库迁移到最新结构."""
    engine = make_engine(get_settings().database_url)
    try:
        before, after = upgrade_locked(engine)
    finally:
        engine.dispose()
    say("cli.database_current" if before == after else "cli.database_upgraded",
        before=before or "—", after=after, url=redacted(get_settings().database_url))


@catalog_app.command("load")
def catalog_load(
    file: Annotated[Path | None, typer.Argument(
        help="A catalogue file (docs/catalogue-format.md); default: the seed catalogue")] = None,
    known_from: Annotated[str | None, typer.Option(
        "--known-from", help="The day the targets' new terms became known (YYYY-MM-DD, "
        "Beijing time; default: now): assessments as of earlier days use the old terms")] = None,
) -> None:
    """Load targets from a catalogue file, all or nothing / 载入目标清单（全部成功或不变）."""
    paths = [file] if file is not None else catalogue.seed_files()
    moment = None if known_from is None else china_midnight(_past_day(known_from))
    try:
        files = catalogue.read_catalogues(paths)
        with database() as factory, transaction(factory) as session, \
                edits_known_from(session, moment or utc_now()):
            reports = [catalogue.load_catalogue(session, loaded) for loaded in files]
            for loaded, report in zip(files, reports, strict=True):
                audit.record(session, actor=audit.cli_actor(),
                             action=audit.AuditAction.CATALOGUE_LOAD,
                             object_type="catalogue", object_key=loaded.path.name,
                             details={"created": report.created, "updated": report.updated,
                                      "unchanged": report.unchanged, "known_from":
                                      None if moment is None else moment.isoformat()})
    except catalogue.CatalogueError as error:
        fail(error.problems)
    for loaded, report in zip(files, reports, strict=True):
        say("catalogue.loaded", path=loaded.path.name, created=report.created,
             updated=report.updated, unchanged=report.unchanged)
        if loaded.catalogue.observations:
            say("catalogue.observations_loaded", created=report.observations_created,
                 unchanged=report.observations_unchanged)


def _past_day(text: str) -> date:
    """Read a day that has begun (Beijing time); anything else is a usage error."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        day = None
    if day is None or china_midnight(day) > utc_now():
        typer.echo(bilingual("cli.bad_known_from", value=text), err=True)
        raise typer.Exit(code=2)
    return day


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
    with database() as factory, transaction(factory) as session:
        records = [target_record(t) for t in indicator_queries.list_targets(session)]
    text = json_text(records) if format == "json" else _as_csv(records)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8-sig" if format == "csv" else "utf-8")
        say("cli.exported", count=len(records))


def _as_csv(records: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for record in records:
        writer.writerow({k: spreadsheet_safe(v) for k, v in record.items()})
    return buffer.getvalue()


@catalog_app.command("list")
def catalog_list(
    indicators: Annotated[bool, typer.Option("--indicators", help="Only the indicators")] = False,
    regions: Annotated[bool, typer.Option("--regions", help="Only the regions")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Every field, as JSON")] = False,
) -> None:
    """List the indicators and regions an upload may name, with codes, units and aliases /
    列出可上报的指标与地区（名称、代码、单位、别名）."""
    both = indicators == regions
    with database() as factory, transaction(factory) as session:
        listing = {"indicators": indicator_listing(session) if both or indicators else None,
                   "regions": region_listing(session) if both or regions else None}
    chosen = {kind: records for kind, records in listing.items() if records is not None}
    if as_json:
        sys.stdout.write(json.dumps(chosen, ensure_ascii=False, indent=2) + "\n")
        return
    language, sections = current_language(), []
    for kind, records in chosen.items():
        table = indicator_table if kind == "indicators" else region_table
        title = message(f"catalog.{kind}_title", language, count=len(records))
        sections.append(f"{title}\n{render_table(*table(records, language), whole=(1,))}")
    typer.echo("\n".join(sections), nl=False)


@app.command()
def demo(
    no_replay: Annotated[bool, typer.Option(
        "--no-replay", help="Skip the past assessments (faster; no replay or track record)")
    ] = False,
) -> None:
    """Load the seed catalogue, published statistics and illustrative series / 载入演示数据."""
    settings = get_settings()
    with database() as factory, transaction(factory) as session:
        report = demo_loading.load_demo(
            session, actuals_csv=settings.demo_actuals_csv or BUNDLED_ACTUALS, now=utc_now(),
            thresholds=settings.thresholds,
            replay_on=() if no_replay else demo_loading.DEMO_REPLAY_DAYS)
        add_demo_users(session)
        add_demo_recipients(session)
        echo_wrapped(demo_loading.demo_summary(session, report, current_language()))
        echo_wrapped(message("cli.demo_users", current_language(), password=DEMO_PASSWORD,
                             names="、".join(DEMO_USERS) if current_language() is Language.ZH
                             else ", ".join(DEMO_USERS)))
    echo_wrapped(demo_loading.opening_line(settings.host, settings.port, current_language()))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address")] = None,
    port: Annotated[int | None, typer.Option(help="Port")] = None,
    workers: Annotated[int, typer.Option(
        min=1, help="Worker processes (each with its own page cache and sign-in limiter)")] = 1,
) -> None:
    """Serve the web interface and API / 启动网页与接口服务."""
    import uvicorn

    from service.app import create_app

    settings = get_settings()
    with database(migrate=True):
        pass
    host, port = host or settings.host, port or settings.port
    say("cli.serving", host=host, port=port)
    if workers == 1:
        uvicorn.run(create_app(), host=host, port=port)
    else:  # each worker process builds its own app from the settings
        uvicorn.run("service.app:create_app", factory=True, workers=workers, host=host,
                    port=port)

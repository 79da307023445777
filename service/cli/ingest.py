"""The `ingest` and `template` commands."""

from __future__ import annotations

import getpass
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from indicators.clock import utc_now
from indicators.text.messages import bilingual, message
from ingest.checks.permissions import WritePermission
from ingest.reports.report_files import format_of, render_report, table_rows
from service.cli.apps import app
from service.cli.common import current_language, database, say
from service.db import transaction
from service.settings import get_settings
from service.templates import UnknownNames, split_list, template_for
from service.text_table import render_table
from service.uploads import ingest_and_reassess


@app.command()
def ingest(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="A CSV or XLSX file / 统计数据文件")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check only; write nothing")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON")] = False,
    allow_jumps: Annotated[bool, typer.Option(
        "--allow-jumps", help="Accept large year-on-year jumps (census revisions)")] = False,
    uploader: Annotated[str | None, typer.Option(help="Recorded as the uploader")] = None,
    published: Annotated[str | None, typer.Option(
        "--published", help="The day the figures were published (YYYY-MM-DD, Beijing time; "
        "rows may give their own in 公布日期); default: now")] = None,
    census_revision: Annotated[bool, typer.Option(
        "--census-revision", help="Every annual figure is a census revision (普查修订): "
        "record a definition break instead of reading a fall")] = False,
    report_path: Annotated[Path | None, typer.Option(
        "--report", dir_okay=False, help="Also write the report to this file: .xlsx or .csv "
        "(to open in a spreadsheet) or .json / 报告另存为文件")] = None,
) -> None:
    """Ingest a statistics file: all figures or none / 导入统计数据文件（全部或不导入）.

    Exit code 0: accepted (or already accepted, or a dry run that would be); 1: rejected;
    2: a usage error (e.g. an unreadable --published, a --report that is not .csv, .xlsx
    or .json).
    """
    settings = get_settings()
    published_day = published_option(published)
    report_format = report_option(report_path)
    with database() as factory, transaction(factory) as session:
        report = ingest_and_reassess(
            session, content=file.read_bytes(), file_name=file.name,
            uploader=uploader or f"cli:{getpass.getuser()}",
            permission=WritePermission.everything(), now=utc_now(), settings=settings,
            dry_run=dry_run, allow_jumps=allow_jumps, published=published_day,
            census_revision=census_revision)
    language, record = current_language(), report.as_dict()
    if as_json:
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        if report.issues:
            sys.stdout.write(render_table(*table_rows(record, language)))
        typer.echo(report.summary(language))
    if report_path is not None and report_format is not None:
        report_path.write_bytes(render_report(record, report_format, language))
        typer.echo(message("report.written", language, path=report_path), err=as_json)
    raise typer.Exit(code=0 if report.accepted else 1)


def report_option(path: Path | None) -> str | None:
    """Read `--report`: its suffix names the format; any other suffix is a usage error,
    found before the file is ingested."""
    if path is None:
        return None
    found = format_of(path)
    if found is None:
        typer.echo(bilingual("report.unknown_format", path=path), err=True)
        raise typer.Exit(code=2)
    return found


def published_option(text: str | None) -> date | None:
    """Read `--published`; an unreadable date is a usage error (a date in the future or
    before the period ended rejects the file, row by row, in the report)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        typer.echo(bilingual("cli.bad_published", value=text), err=True)
        raise typer.Exit(code=2) from None


@app.command()
def template(
    indicators: Annotated[str, typer.Option(
        help="Indicators by name, code or alias, comma-separated (地区生产总值,gdp_growth) / "
        "指标名称或代码")],
    regions: Annotated[str, typer.Option(
        help="Regions by name, code or alias, comma-separated (淄博市,370300) / 地区名称或代码")],
    periods: Annotated[str, typer.Option(help="Periods, e.g. 2024,2025Q1,2025年1-9月")] = "",
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("targetwatch-template.xlsx"),
) -> None:
    """Write an XLSX upload template / 生成数据上报模板（XLSX）.

    Exit code 2 for an unknown name, with the closest names in the catalogue."""
    with database() as factory, transaction(factory) as session:
        try:
            content = template_for(session, indicators=split_list(indicators),
                                   regions=split_list(regions), periods=split_list(periods))
        except UnknownNames as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(code=2) from None
    output.write_bytes(content)
    say("template.written", path=output)

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
from indicators.text.messages import Language, bilingual, message
from ingest.permissions import WritePermission
from service.cli.apps import app
from service.cli.common import current_language, database, say
from service.db import transaction
from service.settings import get_settings
from service.templates import UnknownCodes, split_list, template_for
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
) -> None:
    """Ingest a statistics file: all figures or none / 导入统计数据文件（全部或不导入）.

    Exit code 0: accepted (or already accepted, or a dry run that would be); 1: rejected;
    2: a usage error (e.g. an unreadable --published).
    """
    settings = get_settings()
    published_day = published_option(published)
    with database() as factory, transaction(factory) as session:
        report = ingest_and_reassess(
            session, content=file.read_bytes(), file_name=file.name,
            uploader=uploader or f"cli:{getpass.getuser()}",
            permission=WritePermission.everything(), now=utc_now(), settings=settings,
            dry_run=dry_run, allow_jumps=allow_jumps, published=published_day,
            census_revision=census_revision)
    if as_json:
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(_issues_table(report.issues, current_language()))
        typer.echo(report.summary(current_language()))
    raise typer.Exit(code=0 if report.accepted else 1)


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


def _issues_table(issues: list[dict[str, object]], language: Language) -> str:
    if not issues:
        return ""
    suffix = "zh" if language is Language.ZH else "en"
    headers = [message(f"issue.{c}", language) for c in
               ("sheet", "row", "column", "raw", "reason", "suggestion")]
    rows = [[str(i["sheet"]), str(i["row"] or ""), str(i["column"] or ""), str(i["raw"]),
             str(i[f"reason_{suffix}"]), str(i[f"suggestion_{suffix}"] or "")] for i in issues]
    return render_table(headers, rows)


@app.command()
def template(
    indicators: Annotated[str, typer.Option(help="Indicator codes, comma-separated")],
    regions: Annotated[str, typer.Option(help="Region codes, comma-separated")],
    periods: Annotated[str, typer.Option(help="Periods, e.g. 2024,2025Q1,2025年1-9月")] = "",
    output: Annotated[Path, typer.Option("--output", "-o")] = Path("targetwatch-template.xlsx"),
) -> None:
    """Write an XLSX upload template / 生成数据上报模板（XLSX）."""

    with database() as factory, transaction(factory) as session:
        try:
            content = template_for(session, indicator_codes=split_list(indicators),
                                   region_codes=split_list(regions), periods=split_list(periods))
        except UnknownCodes as error:
            typer.echo(str(error), err=True)
            raise typer.Exit(code=2) from None
    output.write_bytes(content)
    say("template.written", path=output)

"""What every command shares: the language, messages, the database, dates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime

import typer
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from indicators.clock import china_day_end, utc_now
from indicators.text.messages import Language, bilingual, message
from service.db import make_engine, session_factory
from service.migrate import current_revision, head_revision, upgrade_locked
from service.settings import get_settings
from service.text_table import table_width, wrap


def current_language() -> Language:
    return Language(get_settings().language)


def say(key: str, **values: object) -> None:
    """Print a message, wrapped to the width tables fit (100 columns or the terminal's)."""
    echo_wrapped(message(key, current_language(), **values))


def echo_wrapped(text: str) -> None:
    """Print text wrapped to the width tables fit, its own line breaks kept."""
    typer.echo("\n".join(wrap(text, table_width())))


def fail(problems: list[str]) -> None:
    for problem in problems:
        typer.echo(problem, err=True)
    raise typer.Exit(code=1)


@contextmanager
def database(*, migrate: bool = False) -> Iterator[sessionmaker[Session]]:
    """Open the configured database for one command.

    With `migrate` (init, upgrade, serve, scheduler run) bring it to the newest schema
    under the migration lock first. Every other command only checks that it is there, and
    otherwise exits 2 telling the user to run `targetwatch init` or `upgrade`: so two
    processes starting together never race to migrate.
    """
    engine = make_engine(get_settings().database_url)
    try:
        if migrate:
            upgrade_locked(engine)
        else:
            _require_newest_schema(engine)
        yield session_factory(engine)
    finally:
        engine.dispose()


def _require_newest_schema(engine: Engine) -> None:
    current, head = current_revision(engine), head_revision()
    if current != head:
        typer.echo(bilingual("cli.not_migrated", current=current or "—", head=head,
                             url=redacted(get_settings().database_url)), err=True)
        raise typer.Exit(code=2)


def json_text(records: list[dict[str, object]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def end_of_day(text: str) -> datetime:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        typer.echo(bilingual("cli.bad_date", value=text), err=True)
        raise typer.Exit(code=2) from None
    return china_day_end(day)


def past_day_end(text: str) -> datetime:
    """Return the end of a day that has ended (Beijing time), for `--as-of`; a day not yet
    over is a usage error, since what is known on it can still change."""
    moment = end_of_day(text)
    if moment >= utc_now():
        typer.echo(bilingual("cli.as_of_not_past", value=text), err=True)
        raise typer.Exit(code=2)
    return moment


def redacted(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)

"""What every command shares: the language, messages, the database, dates."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time

import typer
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from indicators.clock import CHINA_TIME
from indicators.text.messages import Language, bilingual, message
from service.db import make_engine, session_factory
from service.migrate import upgrade
from service.settings import get_settings


def current_language() -> Language:
    return Language(get_settings().language)


def say(key: str, **values: object) -> None:
    typer.echo(message(key, current_language(), **values))


def fail(problems: list[str]) -> None:
    for problem in problems:
        typer.echo(problem, err=True)
    raise typer.Exit(code=1)


@contextmanager
def database() -> Iterator[sessionmaker[Session]]:
    """Open the configured database, migrated to the newest schema, for one command."""
    engine = make_engine(get_settings().database_url)
    try:
        upgrade(engine)
        yield session_factory(engine)
    finally:
        engine.dispose()


def json_text(records: list[dict[str, object]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def end_of_day(text: str) -> datetime:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        typer.echo(bilingual("cli.bad_date", value=text), err=True)
        raise typer.Exit(code=2) from None
    return datetime.combine(day, time.max, CHINA_TIME).astimezone(UTC)


def redacted(url: str) -> str:

    return make_url(url).render_as_string(hide_password=True)

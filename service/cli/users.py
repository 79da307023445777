"""The `user` commands: add, list, revoke, token, password.

A password never appears on the command line (where `ps` and the shell history would show
it): `--password-stdin` reads it from standard input, otherwise an interactive terminal is
asked for it twice, and a non-interactive run without `--password-stdin` creates a user who
signs in by API token only.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.clock import utc_now
from indicators.data import queries as indicator_queries
from indicators.text.messages import Language, bilingual, message
from service.cli.apps import user_app
from service.cli.common import current_language, database, json_text, say
from service.db import transaction
from service.passwords import MAX_LENGTH, MIN_LENGTH, WeakPassword, check_strength
from service.templates import split_list
from service.text_table import render_table
from service.users import (
    Role,
    UnknownRole,
    User,
    add_user,
    issue_token,
    parse_role,
    revoke_user,
    set_password,
    user_records,
)

PasswordStdin = Annotated[bool, typer.Option(
    "--password-stdin", help="Read the password from standard input (one line)")]


def _role(text: str) -> Role:
    try:
        return parse_role(text)
    except UnknownRole:
        typer.echo(bilingual("user.unknown_role", role=text), err=True)
        raise typer.Exit(code=2) from None


def _read_password(from_stdin: bool, *, required: bool) -> str | None:
    """The new password: from stdin, or asked twice on a terminal; None when neither and
    not `required`. A weak or mismatched password is a usage error (exit 2)."""
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            _usage_error("user.password_stdin_empty")
    elif sys.stdin.isatty():
        language = current_language()
        password = typer.prompt(message("user.password_prompt", language), hide_input=True)
        again = typer.prompt(message("user.password_again", language), hide_input=True)
        if password != again:
            _usage_error("user.password_mismatch")
    elif required:
        _usage_error("user.password_stdin_empty")
    else:
        return None
    try:
        check_strength(password)
    except WeakPassword:
        _usage_error("user.weak_password", low=MIN_LENGTH, high=MAX_LENGTH)
    return password


def _usage_error(key: str, **values: object) -> None:
    typer.echo(bilingual(key, **values), err=True)
    raise typer.Exit(code=2)


def _existing(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        typer.echo(bilingual("user.not_found", name=name), err=True)
        raise typer.Exit(code=1)
    return user


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name")],
    role: Annotated[str, typer.Option(
        help="admin (administrator), uploader, or reader (leader, viewer)")] = "uploader",
    regions: Annotated[str, typer.Option(help="Region codes this user may write, "
                                         "comma-separated")] = "",
    indicators: Annotated[str | None, typer.Option(
        help="Indicator codes this user may write (default: any)")] = None,
    password_stdin: PasswordStdin = False,
) -> None:
    """Create a user and print a new API token once / 新建用户并生成 API 令牌."""
    chosen, codes = _role(role), split_list(regions)
    password = _read_password(password_stdin, required=False)
    with database() as factory, transaction(factory) as session:
        unknown = [c for c in codes if indicator_queries.get_region(session, code=c) is None]
        if unknown:
            typer.echo(bilingual("user.unknown_region", codes=", ".join(unknown)), err=True)
            raise typer.Exit(code=1)
        if session.scalar(select(User).where(User.name == name)) is not None:
            typer.echo(bilingual("user.exists", name=name), err=True)
            raise typer.Exit(code=1)
        _, token = add_user(session, name=name, role=chosen, regions=codes,
                            indicators=split_list(indicators) if indicators else None,
                            password=password)
    say("user.created", name=name, role=chosen.value)
    typer.echo(token)


@user_app.command("token")
def user_token(name: Annotated[str, typer.Argument(help="User name")]) -> None:
    """Issue a new API token for a user, shown once / 为用户生成新的 API 令牌."""
    with database() as factory, transaction(factory) as session:
        user = _existing(session, name)
        if user.disabled_at is not None:
            typer.echo(bilingual("user.disabled", name=name), err=True)
            raise typer.Exit(code=1)
        token = issue_token(session, user=user)
    say("user.token_created", name=name)
    typer.echo(token)


@user_app.command("password")
def user_password(name: Annotated[str, typer.Argument(help="User name")],
                  password_stdin: PasswordStdin = False) -> None:
    """Set a user's password / 设置用户密码."""
    password = _read_password(password_stdin, required=True)
    assert password is not None  # required=True: _read_password exits otherwise
    with database() as factory, transaction(factory) as session:
        set_password(session, user=_existing(session, name), password=password)
    say("user.password_set", name=name)


@user_app.command("revoke")
def user_revoke(name: Annotated[str, typer.Argument(help="User name")]) -> None:
    """Revoke every token of a user and disable the user / 撤销用户全部令牌并停用."""
    with database() as factory, transaction(factory) as session:
        count = revoke_user(session, user=_existing(session, name), now=utc_now())
    say("user.revoked", name=name, count=count)


@user_app.command("list")
def user_list(as_json: Annotated[bool, typer.Option("--json", help="Every field as JSON")]
              = False) -> None:
    """List users: role, regions, indicators, tokens, last use / 列出用户."""
    with database() as factory, transaction(factory) as session:
        records = user_records(session)
    if as_json:
        typer.echo(json_text(records), nl=False)
    elif not records:
        say("user.none")
    else:
        typer.echo(users_table(records, current_language()), nl=False)


def users_table(records: list[dict[str, object]], language: Language) -> str:
    """The users as a table that fits the terminal (at most 100 columns)."""
    headers = [message(f"user.col_{c}", language) for c in
               ("name", "role", "regions", "indicators", "tokens", "last_used", "state")]
    rows = [[str(r["name"]), message(f"role.{r['role']}", language),
             ", ".join(r["regions"]) or "—",  # type: ignore[arg-type]
             message("user.any", language) if r["indicators"] is None
             else ", ".join(r["indicators"]) or "—",  # type: ignore[arg-type]
             f"{r['tokens_live']}/{r['tokens_total']}",
             str(r["last_used_at"] or "—")[:16].replace("T", " "), _state(r, language)]
            for r in records]
    return render_table(headers, rows, whole=(0,))


def _state(record: dict[str, object], language: Language) -> str:
    if record["disabled_at"] is not None:
        return message("user.state_disabled", language, day=str(record["disabled_at"])[:10])
    return message("user.state_active_password" if record["password"] else "user.state_active",
                   language)

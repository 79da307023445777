"""The `user` commands: who may upload."""

from __future__ import annotations

from typing import Annotated

import typer
from sqlalchemy import select

from indicators.data import queries as indicator_queries
from indicators.text.messages import bilingual
from service.cli.apps import user_app
from service.cli.common import database, say
from service.db import transaction
from service.templates import split_list
from service.users import Role, User, add_user


@user_app.command("add")
def user_add(
    name: Annotated[str, typer.Argument(help="User name")],
    role: Annotated[Role, typer.Option(help="admin, uploader or reader")] = Role.UPLOADER,
    regions: Annotated[str, typer.Option(help="Region codes this user may write, "
                                         "comma-separated")] = "",
    indicators: Annotated[str | None, typer.Option(
        help="Indicator codes this user may write (default: any)")] = None,
) -> None:
    """Create a user and print a new API token once / 新建用户并生成 API 令牌."""
    codes = split_list(regions)
    with database() as factory, transaction(factory) as session:
        unknown = [c for c in codes if indicator_queries.get_region(session, code=c) is None]
        if unknown:
            typer.echo(bilingual("user.unknown_region", codes=", ".join(unknown)), err=True)
            raise typer.Exit(code=1)
        if session.scalar(select(User).where(User.name == name)) is not None:
            typer.echo(bilingual("user.exists", name=name), err=True)
            raise typer.Exit(code=1)
        _, token = add_user(session, name=name, role=role, regions=codes,
                            indicators=split_list(indicators) if indicators else None)
    say("user.created", name=name, role=role.value)
    typer.echo(token)

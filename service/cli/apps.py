"""The `targetwatch` command and its sub-command groups."""

from __future__ import annotations

import typer

app = typer.Typer(help="targetwatch: indicator target monitoring / 指标目标监测",
                  no_args_is_help=True, add_completion=False)
catalog_app = typer.Typer(help="The target catalogue / 目标清单", no_args_is_help=True)
user_app = typer.Typer(help="Users and API tokens / 用户与令牌", no_args_is_help=True)
scheduler_app = typer.Typer(help="Scheduled jobs / 定时任务", no_args_is_help=True)
outbox_app = typer.Typer(help="Messages to send / 发件箱", no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
app.add_typer(user_app, name="user")
app.add_typer(scheduler_app, name="scheduler")
app.add_typer(outbox_app, name="outbox")

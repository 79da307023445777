"""The `scheduler` commands: run the jobs, or list them."""

from __future__ import annotations

import typer

from indicators.text.messages import message
from service.cli.apps import scheduler_app
from service.cli.common import current_language, database, say
from service.scheduler import build_scheduler, register_jobs, stop_scheduler
from service.settings import get_settings
from service.text_table import render_table


@scheduler_app.command("run")
def scheduler_run() -> None:
    """Run the scheduled jobs until stopped (one process; not inside the web server) /
    运行定时任务."""
    settings = get_settings()
    with database():
        pass  # migrate first, so the jobs find their tables
    scheduler = build_scheduler(settings, blocking=True)
    ids = register_jobs(scheduler, settings)
    say("scheduler.started", jobs=", ".join(ids))
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        stop_scheduler(scheduler)


@scheduler_app.command("jobs")
def scheduler_jobs() -> None:
    """List the configured jobs and their next run / 列出定时任务."""
    settings = get_settings()
    with database():
        pass
    scheduler = build_scheduler(settings)
    scheduler.start(paused=True)
    try:
        register_jobs(scheduler, settings)
        rows = [[job.id, str(job.next_run_time or "—"), job.name] for job in scheduler.get_jobs()]
    finally:
        stop_scheduler(scheduler)
    lang = current_language()
    typer.echo(render_table([message(f"scheduler.{c}", lang) for c in ("id", "next", "job")],
                            rows), nl=False)

"""The `scheduler` commands: run the jobs, or list them."""

from __future__ import annotations

import threading

import typer

from indicators.text.messages import message
from service.cli.apps import scheduler_app
from service.cli.common import current_language, database, say
from service.jobs.context import JobContext
from service.scheduler import build_scheduler, register_jobs, start_scheduler, stop_scheduler
from service.settings import get_settings
from service.text_table import render_table


@scheduler_app.command("run")
def scheduler_run() -> None:
    """Run the scheduled jobs until stopped (one process; not inside the web server) /
    运行定时任务."""
    settings = get_settings()
    with database(migrate=True) as factory:
        scheduler = build_scheduler(settings)
        try:
            # Paused until the stored jobs match the configured ones: a job no longer
            # configured is removed before it can run.
            start_scheduler(scheduler, JobContext(settings, factory), paused=True)
            say("scheduler.started", jobs=", ".join(register_jobs(scheduler, settings)))
            scheduler.apscheduler.resume()
            threading.Event().wait()  # the jobs run in the scheduler's thread until Ctrl-C
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            stop_scheduler(scheduler)


@scheduler_app.command("jobs")
def scheduler_jobs() -> None:
    """List the configured jobs and their next run / 列出定时任务."""
    settings = get_settings()
    with database() as factory:
        scheduler = build_scheduler(settings)
        try:
            start_scheduler(scheduler, JobContext(settings, factory), paused=True)
            register_jobs(scheduler, settings)
            rows = [[job.id, str(job.next_run_time or "—"), job.name]
                    for job in scheduler.apscheduler.get_jobs()]
        finally:
            stop_scheduler(scheduler)
    lang = current_language()
    typer.echo(render_table([message(f"scheduler.{c}", lang) for c in ("id", "next", "job")],
                            rows), nl=False)

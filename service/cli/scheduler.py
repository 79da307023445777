"""The `scheduler` commands: run the jobs, or list them."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import typer
from sqlalchemy.orm import Session, sessionmaker

from indicators.text.messages import message
from service.cli.apps import scheduler_app
from service.cli.common import current_language, database, say
from service.jobs.context import JobContext
from service.scheduler import build_scheduler, register_jobs, start_scheduler, stop_scheduler
from service.settings import Settings, get_settings
from service.text_table import render_table

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@scheduler_app.command("run")
def scheduler_run() -> None:
    """Run the scheduled jobs until stopped by Ctrl-C or SIGTERM (one process; not inside
    the web server) / 运行定时任务，Ctrl-C 或 SIGTERM 停止."""
    settings = get_settings()
    stop = threading.Event()
    with stopped_by_signals(stop), database(migrate=True) as factory:
        if not stop.is_set():  # a signal during the migration: do not start at all
            _run_until(stop, settings, factory)
    say("scheduler.stopped")


def _run_until(stop: threading.Event, settings: Settings,
               factory: sessionmaker[Session]) -> None:
    """Start the scheduler, wait for `stop`, then shut it down, letting a running job
    finish (its transaction commits or rolls back whole)."""
    scheduler = build_scheduler(settings)
    try:
        # Paused until the stored jobs match the configured ones: a job no longer
        # configured is removed before it can run.
        start_scheduler(scheduler, JobContext(settings, factory), paused=True)
        say("scheduler.started", jobs=", ".join(register_jobs(scheduler, settings)))
        scheduler.apscheduler.resume()
        while not stop.wait(timeout=1.0):
            pass
    finally:
        stop_scheduler(scheduler)


@contextmanager
def stopped_by_signals(stop: threading.Event) -> Iterator[None]:
    """Turn SIGINT and SIGTERM into setting `stop` for the block, instead of an exception
    raised wherever the main thread happens to be (which left a traceback, or a job store
    half-written, on Ctrl-C) or, for SIGTERM, an abrupt end; restore the handlers after."""
    def handle(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


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

"""The scheduler: APScheduler 3 with its job store in the application's database."""

from __future__ import annotations

from dataclasses import dataclass

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_RUNNING, BaseScheduler
from sqlalchemy import Engine

from indicators.clock import CHINA_TIME, utc_now
from service.db import make_engine
from service.jobs import runner
from service.jobs.context import JobContext
from service.jobs.registry import JOB_DEFAULTS, job_specs
from service.settings import Settings

JOB_TABLE = "apscheduler_jobs"


class _ThreadScheduler(BackgroundScheduler):
    """A background scheduler whose loop makes no pass once shutdown has begun.

    APScheduler's `shutdown` marks the scheduler stopped and then, under the job stores'
    lock, shuts the executors down; a loop pass that had already checked the state could
    take the lock next and submit a due job to the closed executor, which logged "Error
    submitting job … cannot schedule new futures after shutdown" with a traceback on every
    Ctrl-C. Here the pass checks the state under that (reentrant) lock: a pass either
    finishes before the executors close, or does nothing.
    """

    def _process_jobs(self) -> float | None:
        with self._jobstores_lock:
            if self.state != STATE_RUNNING:
                return None
            return super()._process_jobs()  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Scheduler:
    """An APScheduler scheduler and the engine of its job store, which this object owns.

    APScheduler disposes the store's engine when it shuts down, but a background
    scheduler's loop thread may make one last pass after that and open a fresh connection;
    `stop_scheduler` disposes the engine again once the thread has stopped.
    """

    apscheduler: BaseScheduler
    store_engine: Engine


def build_scheduler(settings: Settings) -> Scheduler:
    """Create a scheduler, running in a thread of its own, whose jobs persist in the
    configured database."""
    engine = make_engine(settings.database_url)
    store = SQLAlchemyJobStore(engine=engine, tablename=JOB_TABLE)
    return Scheduler(_ThreadScheduler(jobstores={"default": store}, job_defaults=JOB_DEFAULTS,
                                        timezone=CHINA_TIME), engine)


def register_jobs(scheduler: Scheduler, settings: Settings) -> list[str]:
    """Put every configured job in the store (replacing its old definition) and remove
    stored jobs that are no longer configured; return the job ids."""
    specs = job_specs(settings)
    wanted = {spec.id for spec in specs}
    for job in scheduler.apscheduler.get_jobs():
        if job.id not in wanted:
            job.remove()
    for spec in specs:
        extra = {"next_run_time": utc_now()} if spec.run_at_start else {}
        scheduler.apscheduler.add_job(
            runner.RUNNER, spec.trigger, id=spec.id, name=spec.description,
            kwargs={"job": spec.func, **spec.kwargs}, replace_existing=True,
            **spec.trigger_args, **extra)
    return sorted(wanted)


def start_scheduler(scheduler: Scheduler, context: JobContext, *, paused: bool = False) -> None:
    """Install the context the jobs will run with, then start the scheduler's thread."""
    runner.install(context)
    scheduler.apscheduler.start(paused=paused)


def stop_scheduler(scheduler: Scheduler) -> None:
    """Shut the scheduler down if it runs, waiting for running jobs to finish, close its
    job store's connections, and leave no context installed."""
    if scheduler.apscheduler.running:
        scheduler.apscheduler.shutdown(wait=True)
    scheduler.store_engine.dispose()
    runner.install(None)

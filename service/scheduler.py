"""The scheduler: APScheduler 3 with its job store in the application's database."""

from __future__ import annotations

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler

from indicators.clock import CHINA_TIME, utc_now
from service.db import make_engine
from service.jobs.registry import JOB_DEFAULTS, job_specs
from service.settings import Settings

JOB_TABLE = "apscheduler_jobs"


def build_scheduler(settings: Settings, *, blocking: bool = False) -> BaseScheduler:
    """Create a scheduler whose jobs persist in the configured database."""
    store = SQLAlchemyJobStore(engine=make_engine(settings.database_url), tablename=JOB_TABLE)
    kind = BlockingScheduler if blocking else BackgroundScheduler
    return kind(jobstores={"default": store}, job_defaults=JOB_DEFAULTS, timezone=CHINA_TIME)


def register_jobs(scheduler: BaseScheduler, settings: Settings) -> list[str]:
    """Put every configured job in the store (replacing its old definition) and remove
    stored jobs that are no longer configured; return the job ids."""
    specs = job_specs(settings)
    wanted = {spec.id for spec in specs}
    for job in scheduler.get_jobs():
        if job.id not in wanted:
            job.remove()
    for spec in specs:
        extra = {"next_run_time": utc_now()} if spec.run_at_start else {}
        scheduler.add_job(spec.func, spec.trigger, id=spec.id, name=spec.description,
                          kwargs=spec.kwargs, replace_existing=True, **spec.trigger_args,
                          **extra)
    return sorted(wanted)


def stop_scheduler(scheduler: BaseScheduler) -> None:
    """Shut the scheduler down and close its job store's connections.

    APScheduler disposes the store's engine before its loop thread has finished; that
    thread's last pass opens a fresh connection, so the engine is disposed again here,
    once the thread has stopped.
    """
    scheduler.shutdown()
    for store in scheduler._jobstores.values():
        engine = getattr(store, "engine", None)
        if engine is not None:
            engine.dispose()

"""The one function the scheduler's job store refers to.

APScheduler's SQLAlchemy job store keeps each job as an importable "module:function" and
pickled keyword arguments, so it cannot keep a session factory. Every job is therefore
stored as `run_job` with the job's own reference and plain arguments; `run_job` calls the
job with the context the scheduler process installed when it started.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from service.jobs.context import JobContext

RUNNER = f"{__name__}:run_job"


class _Installed:
    """The context of this process's scheduler (one scheduler per process)."""

    context: JobContext | None = None


def install(context: JobContext | None) -> None:
    """Make `context` the one jobs run with (None: no scheduler running any more)."""
    _Installed.context = context


def run_job(job: str, **kwargs: Any) -> object:
    """Call the job named by its "module:function" reference with the installed context."""
    context = _Installed.context
    if context is None:
        raise RuntimeError(f"job {job} ran with no job context installed")
    return job_function(job)(context, **kwargs)


def job_function(job: str) -> Any:
    """Return the function a "module:function" reference names."""
    module, _, name = job.partition(":")
    return getattr(import_module(module), name)

"""Every scheduled job, declared once, with a stable id.

Jobs run in the scheduler process (`targetwatch scheduler run`), never inside web
workers, and are kept in the database's `apscheduler_jobs` table so they survive a
restart. Each coalesces missed runs into one, never runs twice at once, and still runs
if it wakes up within its misfire grace time. The store keeps every job as the runner
(`service.jobs.runner:run_job`) with the job's own reference among its arguments, so that
the job is called with the context of the process that runs it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from service.crontab import cron_fields
from service.settings import Settings

MISFIRE_GRACE_SECONDS = 3600
JOB_DEFAULTS = {"coalesce": True, "max_instances": 1,
                "misfire_grace_time": MISFIRE_GRACE_SECONDS}


@dataclass(frozen=True)
class JobSpec:
    """A job: stable id, the "module:function" reference of a function called with a
    `JobContext` (and `kwargs`), trigger, and what it does."""

    id: str
    func: str
    trigger: str  # "interval" or "cron"
    trigger_args: dict[str, Any]
    description: str
    kwargs: dict[str, Any] = field(default_factory=dict)
    run_at_start: bool = False  # also run once as soon as the scheduler starts


def job_specs(settings: Settings) -> tuple[JobSpec, ...]:
    """Return the jobs these settings call for."""
    specs = [JobSpec(
        id="reassess-nightly", func="service.jobs.reassess:reassess_all", trigger="cron",
        trigger_args={"hour": settings.reassess_hour, "minute": 0},
        description="Re-assess every approved target / 每晚重新评估全部目标"),
        # Independent of the re-assessment: the assessment computes its own outlook from
        # the figures; the stored forecasts feed the board and the fan chart. Half an hour
        # later, so the two heavy jobs do not contend for the database.
        JobSpec(
            id="reforecast-nightly", func="service.jobs.reforecast:reforecast_all",
            trigger="cron", trigger_args={"hour": settings.reassess_hour, "minute": 30},
            description="Re-forecast every approved target's series / 每晚重新预测全部目标序列")]
    if settings.drop_folder is not None:
        specs.append(JobSpec(
            id="ingest-drop-folder", func="service.jobs.drop_folder:scan_drop_folder",
            trigger="interval", trigger_args={"seconds": settings.drop_scan_seconds},
            description="Ingest new files from the drop folder / 导入投放文件夹中的新文件",
            run_at_start=True))
    specs.extend(JobSpec(
        id=f"pull-{source.name}", func="service.jobs.pulls:pull_source", trigger="interval",
        trigger_args={"minutes": source.every_minutes}, kwargs={"name": source.name},
        description=f"Pull {source.url} / 定时拉取数据文件", run_at_start=True)
        for source in settings.pull_sources)
    specs.append(JobSpec(
        id="alerts-after-data", func="service.jobs.alerts:evaluate_after_new_data",
        trigger="interval", trigger_args={"seconds": settings.alerts_check_seconds},
        description="Evaluate alerts when new data arrived / 新数据到达后评估预警"))
    specs.extend(JobSpec(
        id=f"digest-{name}", func="service.jobs.alerts:send_digest", trigger="cron",
        trigger_args=cron_fields(expression), kwargs={"schedule": name},
        description=f"Queue the {name} digest ({expression}) / 生成预警摘要")
        for name, expression in settings.digest_schedules.items())
    if settings.smtp_host or settings.dingtalk_robots or settings.wecom_robots:
        specs.append(JobSpec(
            id="send-outbox", func="service.jobs.send_outbox:send_outbox", trigger="interval",
            trigger_args={"seconds": settings.send_every_seconds},
            description="Send the outbox / 发送发件箱中的消息", run_at_start=True))
    return tuple(specs)

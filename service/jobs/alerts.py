"""Alert evaluation and digests on the scheduler: evaluation once new figures or
assessments have arrived (an upload, the drop folder, a pull, the nightly run), and each
digest on its cron schedule."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from indicators.alerts.evaluation import Evaluation
from indicators.clock import utc_now
from indicators.tables.alerts import AlertEvaluation
from indicators.tables.assessments import AssessmentRun
from ingest.tables import Upload
from service.alerting import evaluate, queue_digests
from service.jobs.context import JobContext


def _news_since_last_evaluation(session: Session) -> bool:
    """Whether a file was ingested or an assessment run started after the last alert
    evaluation began (or nothing was ever evaluated while there is something to see)."""
    last: datetime | None = session.scalar(select(func.max(AlertEvaluation.started_at)))
    newest = [moment for moment in (
        session.scalar(select(func.max(Upload.uploaded_at))),
        session.scalar(select(func.max(AssessmentRun.started_at)))) if moment is not None]
    if not newest:
        return False
    return last is None or max(newest) > last


def evaluate_after_new_data(context: JobContext) -> Evaluation | None:
    """Evaluate the alert rules as of now when new data came in since the last evaluation;
    None when there was nothing new (or another process is evaluating)."""
    with context.transaction() as session:
        news = _news_since_last_evaluation(session)
    if not news:
        return None
    now = utc_now()
    return evaluate(context.sessions, as_of=now, now=now, trigger="ingest",
                    settings=context.settings)


def send_digest(context: JobContext, schedule: str) -> int | None:
    """Queue today's digest of `schedule` for every subscriber (the outbox job sends it)."""
    now = utc_now()
    return queue_digests(context.sessions, as_of=now, now=now, settings=context.settings,
                         schedule=schedule)

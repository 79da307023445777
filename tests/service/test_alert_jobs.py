"""The scheduler's alert jobs: an evaluation follows new data (and only new data), and a
digest is queued once per schedule and day, whoever runs it again."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from indicators.tables.alerts import AlertEvaluation
from indicators.vocab import Status
from service.delivery.tables import MessageKind, OutboxMessage
from service.jobs.alerts import evaluate_after_new_data, send_digest
from service.jobs.context import JobContext
from service.routing.recipients import add_recipient, add_subscription
from service.routing.tables import SubscriptionKind
from service.settings import Settings
from tests.indicators.alerts.alert_factories import approve, load_small_catalogue, store_result

# When the stored verdicts were made: a moment before any run of this test (the jobs
# themselves evaluate as of their own now, which is later).
MORNING = datetime(2026, 12, 4, tzinfo=UTC)


def _evaluations(factory: sessionmaker[Session]) -> list[str]:
    with factory() as session:
        return list(session.scalars(select(AlertEvaluation.trigger)
                                    .order_by(AlertEvaluation.id)))


def test_an_evaluation_follows_new_data_and_only_new_data(
        session_factory: sessionmaker[Session], tmp_path: Path) -> None:
    context = JobContext(Settings(), session_factory)
    with context.transaction() as session:
        target = approve(load_small_catalogue(session, tmp_path))
    assert evaluate_after_new_data(context) is None  # nothing assessed, nothing ingested
    with context.transaction() as session:
        store_result(session, session.merge(target), at=MORNING, status=Status.OFF_TRACK,
                     probability=0.1)
    done = evaluate_after_new_data(context)
    assert done is not None and _evaluations(session_factory) == ["ingest"]
    assert evaluate_after_new_data(context) is None  # nothing new since
    assert _evaluations(session_factory) == ["ingest"]


def test_a_digest_is_queued_once_per_schedule_and_day(
        session_factory: sessionmaker[Session], tmp_path: Path) -> None:
    context = JobContext(Settings(), session_factory)
    with context.transaction() as session:
        target = approve(load_small_catalogue(session, tmp_path))
        store_result(session, target, at=MORNING, status=Status.AT_RISK, probability=0.4)
        leader = add_recipient(session, name="市领导办公室", role="市领导",
                               email="leaders@example.gov.cn")
        add_subscription(session, recipient=leader, kind=SubscriptionKind.DIGEST)
    assert send_digest(context, "weekly") == 1
    assert send_digest(context, "weekly") == 0  # the same day: already queued
    assert send_digest(context, "daily") == 1  # another schedule is another digest
    with session_factory() as session:
        digests = session.scalar(select(func.count()).select_from(OutboxMessage).where(
            OutboxMessage.kind == MessageKind.DIGEST))
    assert digests == 2

"""The alert evaluation as the service runs it: one process at a time (the work lock), one
transaction for the evaluation and the messages to send about it.

`evaluate` is what the CLI (`targetwatch alerts run`), the check after new data and the
nightly job call; `queue_digests` is what the digest schedule and the CLI call. The
messages are written to the outbox in the same transaction as the alert transitions that
cause them, so a transition is never recorded without its messages, nor a message queued
for a transition rolled back; the sender (`service.delivery.sender`) sends them after.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from indicators.alerts.evaluation import Evaluation, run_alerts
from indicators.tables.alerts import AlertEvaluation, AlertEventKind
from service.db import transaction
from service.dispatch import enqueue_digests, enqueue_immediate
from service.locks import try_work_lock
from service.settings import Settings

TRIGGERS = ("cli", "ingest", "nightly", "schedule")
# The transitions someone may need to hear about at once (a first firing, a firing after
# it had resolved, a rise in severity); acknowledgements and resolutions wait for the digest.
ROUTED = frozenset({AlertEventKind.FIRED, AlertEventKind.REFIRED, AlertEventKind.ESCALATED})
QUEUED = "queued"  # the count, in an evaluation's counts, of messages queued at once


def route_transitions(session: Session, evaluation: Evaluation, *, now: datetime,
                      settings: Settings) -> int:
    """Queue the immediate messages about the evaluation's transitions, inside the
    evaluation's transaction; return how many were queued."""
    ids = [alert_id for alert_id, kind in evaluation.transitions if kind in ROUTED]
    if not ids:
        return 0
    return len(enqueue_immediate(session, alert_ids=ids, now=now, settings=settings))


def evaluate(session_factory: sessionmaker[Session], *, as_of: datetime, now: datetime,
             trigger: str, settings: Settings) -> Evaluation | None:
    """Evaluate every alert rule as of `as_of`, queue the messages it calls for and commit,
    unless another process is doing it (then None: the holder of the lock does the work).
    The evaluation's counts include `queued`, the messages queued at once."""
    if trigger not in TRIGGERS:
        raise ValueError(f"unknown trigger {trigger!r}; one of {', '.join(TRIGGERS)}")
    with transaction(session_factory) as session:
        if not try_work_lock(session, "alerts"):
            return None
        evaluation = run_alerts(session, as_of=as_of, now=now, trigger=trigger)
        queued = route_transitions(session, evaluation, now=now, settings=settings)
        evaluation.counts[QUEUED] = queued
        logged = session.get(AlertEvaluation, evaluation.evaluation_id)
        if logged is not None:  # the log says what was queued too
            logged.counts = dict(evaluation.counts)
        return evaluation


def queue_digests(session_factory: sessionmaker[Session], *, as_of: datetime, now: datetime,
                  settings: Settings, schedule: str = "weekly") -> int | None:
    """Queue the digest of `schedule` for the day of `as_of` for every subscriber not yet
    sent theirs, and commit; return how many were queued, or None when another process is
    queuing digests."""
    with transaction(session_factory) as session:
        if not try_work_lock(session, "digest"):
            return None
        return len(enqueue_digests(session, as_of=as_of, now=now, settings=settings,
                                   schedule=schedule))

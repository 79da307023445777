"""The alert evaluation as the service runs it: one process at a time (the work lock), one
transaction for the evaluation and whatever is to be sent about it.

`evaluate` is what the CLI (`targetwatch alerts run`), the ingest hook and the scheduled
jobs call. Routing and the outbox belong in the same transaction as the transitions (so a
transition is never recorded without its messages, nor a message queued for a transition
rolled back): see `route_transitions`, the hook point.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from indicators.alerts.evaluation import Evaluation, run_alerts
from service.db import transaction
from service.locks import try_work_lock

TRIGGERS = ("cli", "ingest", "nightly", "schedule")


def route_transitions(session: Session, evaluation: Evaluation, *, now: datetime) -> None:
    """HOOK: route the evaluation's transitions to recipients and enqueue their messages in
    the outbox, inside the evaluation's transaction. Nothing is routed yet."""


def evaluate(session_factory: sessionmaker[Session], *, as_of: datetime, now: datetime,
             trigger: str) -> Evaluation | None:
    """Evaluate every alert rule as of `as_of` and commit, unless another process is doing
    it (then None: the holder of the lock does the work)."""
    if trigger not in TRIGGERS:
        raise ValueError(f"unknown trigger {trigger!r}; one of {', '.join(TRIGGERS)}")
    with transaction(session_factory) as session:
        if not try_work_lock(session, "alerts"):
            return None
        evaluation = run_alerts(session, as_of=as_of, now=now, trigger=trigger)
        route_transitions(session, evaluation, now=now)  # same transaction: see the module
        return evaluation

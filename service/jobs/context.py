"""What a job runs with, handed in by whoever runs it instead of read from globals."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from service.db import transaction
from service.settings import Settings


@dataclass(frozen=True)
class JobContext:
    """The settings and the session factory of the process that runs the jobs.

    The scheduler process builds one when it starts (`targetwatch scheduler run`); a test
    builds one on its own database. What jobs will need later (an SMTP server, an outbox
    worker) joins here, so no job reaches for a global.
    """

    settings: Settings
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """The one place jobs open a transaction: a session committed when the block
        succeeds and rolled back when it raises."""
        with transaction(self.sessions) as session:
            yield session

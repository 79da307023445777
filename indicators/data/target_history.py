"""A target's history as known at a moment: its status and probability over every
assessment run made as of then or earlier (current and retrospective), and the revision
history of its series' figures (every vintage of every year, and what each revised).

The revision rows come from the story the chart draws (`indicators.data.story`), which
already holds every vintage known at the moment, so the page reads the figures once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.data.story import TargetStory
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.vocab import ObservationStatus, Status


@dataclass(frozen=True)
class StatusPoint:
    """The target's verdict in one assessment run."""

    run_id: int
    run_as_of: datetime
    retrospective: bool
    status: Status
    probability: float | None
    reason_zh: str
    reason_en: str


@dataclass(frozen=True)
class RevisionRow:
    """One vintage of a year's figure, with the vintage it replaced (None for the first)."""

    year: int
    value: float
    status: ObservationStatus
    published: datetime
    source: str
    illustrative: bool
    revised_value: float | None
    revised_published: datetime | None

    @property
    def is_revision(self) -> bool:
        """Whether this vintage replaced an earlier one."""
        return self.revised_value is not None


def status_history(session: Session, *, target_id: int,
                   as_of: datetime) -> tuple[StatusPoint, ...]:
    """Return the target's verdict in every run made as of `as_of` or earlier, oldest run
    first (by the run's as-of, then by when it was stored)."""
    rows = session.execute(
        select(AssessmentResult, AssessmentRun).join(AssessmentRun)
        .where(AssessmentResult.target_id == target_id, AssessmentRun.as_of <= as_of)
        .order_by(AssessmentRun.as_of, AssessmentRun.id))
    return tuple(StatusPoint(run.id, run.as_of, run.retrospective, result.status,
                             result.probability, result.reason_zh, result.reason_en)
                 for result, run in rows)


def revision_rows(story: TargetStory) -> tuple[RevisionRow, ...]:
    """Return every vintage of every year's figure in the story, by year and then by
    publication, each with the value and date of the vintage it replaced."""
    rows = []
    for figure in story.figures:
        previous = None
        for vintage in figure.vintages:
            rows.append(RevisionRow(
                year=figure.year, value=vintage.value, status=vintage.status,
                published=vintage.published, source=vintage.source,
                illustrative=vintage.illustrative,
                revised_value=None if previous is None else previous.value,
                revised_published=None if previous is None else previous.published))
            previous = vintage
    return tuple(rows)

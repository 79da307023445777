"""The target board as HTML: a pure function from plain rows to the page."""

from __future__ import annotations

from dataclasses import dataclass

from dashboards.pages.layout import PageContext, render_page
from indicators.data.records import BasisCount


@dataclass(frozen=True)
class TargetRow:
    """One line of the target board: the goal as written and the latest figure."""

    key: str
    indicator_name: str
    subject_name: str
    target_text: str
    unit: str
    deadline: int
    deadline_inferred: bool
    quote: str
    clause: str | None
    latest_value: str | None
    latest_period: str | None
    latest_illustrative: bool
    latest_status: str | None
    status: str | None = None  # achieved, on_track, … (None before any assessment)
    status_label: str | None = None
    reason: str | None = None
    superseded: bool = False
    basis: str | None = None  # real, illustrative, mixed, none (None before any assessment)
    basis_label: str | None = None
    basis_hint: str | None = None


@dataclass(frozen=True)
class DocumentSection:
    code: str
    title: str
    rows: list[TargetRow]


def render_targets_page(context: PageContext, sections: list[DocumentSection], *,
                        observation_count: int, illustrative_count: int,
                        basis_groups: list[BasisCount] = (),  # type: ignore[assignment]
                        assessed_at: str | None = None) -> str:
    """Render the first page: every target by source document, with its latest figure,
    status, reason and the basis of its verdict, and at the top the verdicts counted by
    status separately on published and on illustrative data."""
    return render_page(
        "targets.html", context, sections=sections,
        target_count=sum(len(s.rows) for s in sections), observation_count=observation_count,
        illustrative_count=illustrative_count, basis_groups=basis_groups,
        assessed_at=assessed_at)

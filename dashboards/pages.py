"""Server-rendered pages: pure functions from plain rows to HTML (Jinja2)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, select_autoescape

from indicators.data.records import BasisCount
from indicators.text.messages import Language, message


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


# Each status has a shape besides its colour and word, so a mark reads printed in grey or
# by a reader who cannot tell red from green: filled for a final verdict, open for a
# forecast one, the triangle pointing the way things go.
STATUS_SHAPES: dict[str, str] = {
    "achieved": "●", "on_track": "○", "at_risk": "△", "off_track": "▽", "missed": "■",
    "not_assessable": "?",
}


@cache
def _environment() -> Environment:
    return Environment(loader=PackageLoader("dashboards", "templates"),
                       autoescape=select_autoescape(["html"]))


def render_targets_page(sections: list[DocumentSection], *, language: Language,
                        observation_count: int, illustrative_count: int,
                        basis_groups: list[BasisCount] = (),  # type: ignore[assignment]
                        assessed_at: str | None = None) -> str:
    """Render the first page: every target by source document, with its latest figure,
    status, reason and the basis of its verdict, and at the top the verdicts counted by
    status separately on published and on illustrative data."""
    other = Language.EN if language is Language.ZH else Language.ZH

    def t(key: str, **values: object) -> str:
        return message(key, language, **values)

    return _environment().get_template("targets.html").render(
        sections=sections, t=t, language=language.value, other_language=other.value,
        target_count=sum(len(s.rows) for s in sections), observation_count=observation_count,
        illustrative_count=illustrative_count, basis_groups=basis_groups,
        assessed_at=assessed_at, shapes=STATUS_SHAPES)

"""The target board's rows, read set-based: a handful of queries whatever the number of
targets (the targets with their names, the results, the latest figure of every series, the
basis of the verdicts), so 2,000 targets read as fast as 89.

Reads plain rows (no ORM objects) and returns frozen records; filtering, sorting and paging
are pure (`indicators.data.board_view`). Reads only.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, aliased

from indicators.clock import china_midnight
from indicators.data.basis import Basis, basis_of
from indicators.data.stored_runs import newest_current_rows
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Document, Entity, Indicator, Region, Target
from indicators.tables.observations import Observation, Series
from indicators.vocab import (
    ChangeUnit,
    Comparator,
    Nature,
    ObservationStatus,
    ReviewState,
    SourceKind,
    Status,
    TargetKind,
)


@dataclass(frozen=True)
class LatestFigure:
    """The newest vintage of a series' latest annual figure, as known at the moment."""

    period_code: str
    year: int
    value: Decimal
    status: ObservationStatus
    vintage_at: datetime
    illustrative: bool


@dataclass(frozen=True)
class BoardResult:
    """What the board shows of a target's assessment: the verdict and its measures."""

    status: Status
    reason_zh: str
    reason_en: str
    as_of: datetime
    final: bool
    illustrative: bool
    time_share: float | None
    distance_share: float | None
    required_value: float | None
    required_rate: float | None
    required_change: float | None
    probability: float | None
    forecast_year: int | None
    forecast_mean: float | None
    forecast_lo_80: float | None
    forecast_hi_80: float | None
    forecast_model: str | None


@dataclass(frozen=True)
class BoardItem:
    """One target on the board: who it is, its terms as stated (enough for
    `indicators.text.wording.target_text`), its verdict, latest figure and basis."""

    target_id: int
    key: str
    document_code: str | None
    document_title: str | None
    document_issued_on: date | None
    region_code: str
    region_name: str
    region_name_en: str | None
    entity_name: str | None
    entity_name_en: str | None
    indicator_name: str
    indicator_name_en: str
    kind: TargetKind
    comparator: Comparator
    value: Decimal
    upper_value: Decimal | None
    unit: str
    change_unit: ChangeUnit | None
    baseline_year: int | None
    start_year: int | None
    deadline_year: int
    deadline_inferred: bool
    nature: Nature | None
    lead_department: str | None
    superseded_by_id: int | None
    series_id: int | None  # the series the target reads, once it has had a figure
    result: BoardResult | None = None
    latest: LatestFigure | None = None
    basis: Basis | None = None

    @property
    def superseded(self) -> bool:
        return self.superseded_by_id is not None


# BoardItem's fields read from the targets' query, in their order (the rest come after).
_TARGET_COLUMNS = ("kind", "comparator", "value", "upper_value", "unit", "change_unit",
                   "baseline_year", "start_year", "deadline_year", "deadline_inferred",
                   "nature", "lead_department", "superseded_by_id")
_RESULT_FIELDS = tuple(f for f in BoardResult.__dataclass_fields__)


def board_items(session: Session, *, moment: datetime | None,
                run: AssessmentRun | None = None, figures: bool = True) -> list[BoardItem]:
    """Read every target on the board (retired ones left out), in catalogue order
    (document, then entry), with its verdict, basis and (unless `figures` is false: a
    page then reads them for its own rows with `with_latest`) latest annual figure.

    Without a moment: the figures as they stand and each target's newest result from a
    current run (a run after an upload covers only the targets it re-assessed). With a
    moment (a replay): only targets whose document was issued by then, the figures known
    at the moment (vintage ≤ moment) and the results of `run` (the run known then)."""
    targets = [t for t in _targets(session) if _known_then(t, moment)]
    results = (_current_results(session, [t.target_id for t in targets]) if moment is None
               else _run_results(session, run))
    latest = _latest_figures(session, moment) if figures else {}
    bases = _bases(session, results.values(), targets)
    items = []
    for row in targets:
        result = results.get(row.target_id)
        basis = bases.get((result.as_of, row.target_id)) if result else None
        if basis is Basis.REAL and result is not None and result.illustrative:
            basis = Basis.MIXED  # the status itself says it read a generated figure
        items.append(BoardItem(*row, result=result, latest=latest.get(row.series_id),
                               basis=None if result is None else basis or Basis.NONE))
    return items


def with_latest(session: Session, items: Sequence[BoardItem], *,
                moment: datetime | None) -> list[BoardItem]:
    """The items with their latest annual figure (as known at the moment), read for
    their series only: one query for a page of the board."""
    series = {i.series_id for i in items if i.series_id is not None}
    latest = _latest_figures(session, moment, series) if series else {}
    return [replace(i, latest=latest.get(i.series_id)) for i in items]


def _targets(session: Session) -> list[Any]:
    """Every target that is not retired, with the names of what it refers to and the
    series it reads: rows of BoardItem's fields up to `series_id`, in order."""
    subject = case((Target.entity_id.is_(None), Target.region_code),
                   else_=Target.region_code + "/" + Entity.code)
    query = (select(Target.id.label("target_id"), Target.key,
                    Document.code.label("document_code"), Document.title.label("document_title"),
                    Document.issued_on.label("document_issued_on"), Target.region_code,
                    Region.name.label("region_name"), Region.name_en.label("region_name_en"),
                    Entity.name.label("entity_name"), Entity.name_en.label("entity_name_en"),
                    Indicator.name.label("indicator_name"),
                    Indicator.name_en.label("indicator_name_en"),
                    *(Target.__table__.c[name] for name in _TARGET_COLUMNS),
                    Series.id.label("series_id"))
             .join(Indicator, Indicator.id == Target.indicator_id)
             .join(Region, Region.code == Target.region_code)
             .outerjoin(Entity, Entity.id == Target.entity_id)
             .outerjoin(Document, Document.id == Target.document_id)
             .outerjoin(Series, and_(Series.indicator_id == Target.indicator_id,
                                     Series.subject_key == subject))
             .where(Target.review_state != ReviewState.RETIRED)
             .order_by(Document.code, Target.id))
    return list(session.execute(query))


def _known_then(row: Any, moment: datetime | None) -> bool:
    """Tell whether a target was known at the moment: its document issued by then (a
    document without an issue date, or a target without one, counts as always known)."""
    issued = row.document_issued_on
    return moment is None or issued is None or china_midnight(issued) <= moment


def _result_columns() -> list[Any]:
    return [AssessmentResult.target_id, *(AssessmentResult.__table__.c[name]
                                          for name in _RESULT_FIELDS)]


def _run_results(session: Session, run: AssessmentRun | None) -> dict[int, BoardResult]:
    """Target id → its result in `run` (one query)."""
    if run is None:
        return {}
    rows = session.execute(select(*_result_columns()).where(AssessmentResult.run_id == run.id))
    return {r.target_id: _result(r) for r in rows}


def _current_results(session: Session, target_ids: Collection[int]) -> dict[int, BoardResult]:
    """Target id → its result from the newest current (not retrospective) run that
    assessed it (`stored_runs.newest_current_rows`)."""
    rows = newest_current_rows(session, _result_columns(), target_ids)
    return {r.target_id: _result(r) for r in rows}


def _result(row: Any) -> BoardResult:
    return BoardResult(*row[1:])  # the columns of `_result_columns`, in the fields' order


def _known_by(moment: datetime | None, query: Any) -> Any:
    """Keep the vintages known at the moment (all of them without one)."""
    return query if moment is None else query.where(Observation.vintage_at <= moment)


def _latest_figures(session: Session, moment: datetime | None,
                    series: Collection[int] | None = None) -> dict[int, LatestFigure]:
    """Series id → the newest known vintage of its latest annual figure (of every series,
    or of `series`), in one query: the latest annual period per series, its newest
    vintage, that row. An annual period's code is the bare year ("2016",
    `indicators.periods`), so the first two steps read only the (series, period,
    vintage) index, never the table."""
    annual = func.length(Observation.period_code) == 4
    if series is not None:
        annual = and_(annual, Observation.series_id.in_(sorted(series)))
    top = _known_by(moment, select(Observation.series_id,
                                   func.max(Observation.period_code).label("period_code"))
                    .where(annual)).group_by(Observation.series_id).subquery()
    newest = _known_by(moment, select(Observation.series_id, Observation.period_code,
                                      func.max(Observation.vintage_at).label("vintage_at"))
                       .join(top, and_(Observation.series_id == top.c.series_id,
                                       Observation.period_code == top.c.period_code))
                       ).group_by(Observation.series_id, Observation.period_code).subquery()
    rows = session.execute(
        select(Observation.series_id, Observation.period_code, Observation.year,
               Observation.value, Observation.status, Observation.vintage_at,
               Observation.source_kind)
        .join(newest, and_(Observation.series_id == newest.c.series_id,
                           Observation.period_code == newest.c.period_code,
                           Observation.vintage_at == newest.c.vintage_at)))
    return {r.series_id: LatestFigure(
        period_code=r.period_code, year=r.year, value=r.value, status=r.status,
        vintage_at=r.vintage_at, illustrative=r.source_kind is SourceKind.ILLUSTRATIVE)
        for r in rows}


def _bases(session: Session, results: Iterable[BoardResult],
           targets: Sequence[Any]) -> dict[tuple[datetime, int], Basis]:
    """(result date, target id) → the basis of a verdict given then (see
    `indicators.data.basis`), one grouped query per distinct result date. A basis only
    asks whether any real and any illustrative figure was read, so per series the first
    year of each kind (newest vintages known then) tells it for every deadline."""
    bases: dict[tuple[datetime, int], Basis] = {}
    for moment in sorted({r.as_of for r in results}):
        first_years = _first_years(session, moment)
        for row in targets:
            real, generated = first_years.get(row.series_id, (None, None))
            bases[(moment, row.target_id)] = basis_of(
                int(real is not None and real <= row.deadline_year),
                int(generated is not None and generated <= row.deadline_year))
    return bases


def _first_years(session: Session, moment: datetime) -> dict[int, tuple[int | None, int | None]]:
    """Series id → (first year of a real figure, of an illustrative one), reading each
    figure's newest vintage known at the moment."""
    newer = aliased(Observation)
    superseded = select(newer.id).where(
        newer.series_id == Observation.series_id, newer.period_code == Observation.period_code,
        newer.vintage_at > Observation.vintage_at, newer.vintage_at <= moment).exists()
    generated = Observation.source_kind == SourceKind.ILLUSTRATIVE
    rows = session.execute(
        select(Observation.series_id,
               func.min(case((~generated, Observation.year))),
               func.min(case((generated, Observation.year))))
        .where(Observation.vintage_at <= moment, ~superseded)
        .group_by(Observation.series_id))
    return {series_id: (real, illustrative) for series_id, real, illustrative in rows}

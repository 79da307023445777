"""Data functions over a `Session`: get_/list_/add_/upsert_. They flush, never commit:
the caller (a request, a job, a CLI command) owns the transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from indicators.clock import utc_now
from indicators.periods import PeriodKind, parse_period
from indicators.tables.catalogue import (
    Document,
    Entity,
    Indicator,
    Region,
    SeriesKey,
    Target,
    subject_key,
)
from indicators.tables.observations import Observation, Series, SeriesBreak
from indicators.vocab import BreakKind, ObservationStatus, ReviewState, SourceKind

Row = TypeVar("Row")


class NotFoundError(LookupError):
    """A referenced catalogue record does not exist."""


def get_region(session: Session, *, code: str) -> Region | None:
    return session.get(Region, code)


def get_indicator(session: Session, *, code: str) -> Indicator | None:
    return session.scalar(select(Indicator).where(Indicator.code == code))


def get_indicator_or_raise(session: Session, *, code: str) -> Indicator:
    indicator = get_indicator(session, code=code)
    if indicator is None:
        raise NotFoundError(f"unknown indicator: {code}")
    return indicator


def get_entity(session: Session, *, code: str) -> Entity | None:
    return session.scalar(select(Entity).where(Entity.code == code))


def get_document(session: Session, *, code: str) -> Document | None:
    return session.scalar(select(Document).where(Document.code == code))


def get_target(session: Session, *, key: str) -> Target | None:
    return session.scalar(select(Target).where(Target.key == key))


@dataclass(frozen=True)
class TargetFilter:
    """Filters for listing targets; None means any."""

    region_code: str | None = None
    indicator_code: str | None = None
    document_code: str | None = None
    review_state: ReviewState | None = None


def _targets_query(where: TargetFilter) -> Select[tuple[Target]]:
    query = select(Target)
    if where.region_code:
        query = query.where(Target.region_code == where.region_code)
    if where.indicator_code:
        query = query.join(Target.indicator).where(Indicator.code == where.indicator_code)
    if where.document_code:
        query = query.join(Target.document).where(Document.code == where.document_code)
    if where.review_state:
        query = query.where(Target.review_state == where.review_state)
    return query


def _page(query: Select[tuple[Row]], limit: int | None, offset: int) -> Select[tuple[Row]]:
    query = query.offset(offset)
    return query if limit is None else query.limit(limit)


def _count(session: Session, query: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


def list_targets(session: Session, *, where: TargetFilter = TargetFilter(),
                 limit: int | None = None, offset: int = 0) -> Sequence[Target]:
    query = _targets_query(where).order_by(Target.key)
    return session.scalars(_page(query, limit, offset)).all()


def count_targets(session: Session, *, where: TargetFilter = TargetFilter()) -> int:
    return _count(session, _targets_query(where))


def approved_targets(session: Session) -> list[Target]:
    """Return the approved targets by key, superseded ones included (they keep their final
    status): the targets that are assessed and whose series are forecast."""
    return list(session.scalars(select(Target).where(
        Target.review_state == ReviewState.APPROVED).order_by(Target.key)))


def series_of_targets(session: Session, targets: Sequence[Target]) -> dict[int, Series]:
    """Return target id → the stored series it reads, for targets whose series exists (a
    series is stored once it has had a figure)."""
    wanted = {t.series_key for t in targets}
    indicator_ids = sorted({indicator_id for indicator_id, _ in wanted})
    found = {s.series_key: s for s in session.scalars(
        select(Series).where(Series.indicator_id.in_(indicator_ids)).order_by(Series.id))
        if s.series_key in wanted} if wanted else {}
    return {t.id: found[t.series_key] for t in targets if t.series_key in found}


def targets_reading(session: Session, series_ids: set[int]) -> list[Target]:
    """Return the approved targets that read any of these series (new data landed)."""
    if not series_ids:
        return []
    keys = {s.series_key for s in session.scalars(select(Series).where(Series.id.in_(series_ids)))}
    return [t for t in approved_targets(session) if t.series_key in keys]


def get_or_add_series(session: Session, *, indicator: Indicator, region_code: str,
                      entity: Entity | None = None) -> Series:
    key = subject_key(region_code, entity.code if entity else None)
    series = session.scalar(select(Series).where(Series.indicator_id == indicator.id,
                                                 Series.subject_key == key))
    if series is None:
        series = Series(indicator=indicator, region_code=region_code, entity=entity,
                        subject_key=key)
        session.add(series)
        session.flush()
    return series


@dataclass(frozen=True)
class NewFigure:
    """A figure to record: one value of one series for one period."""

    period_code: str
    value: Decimal
    status: ObservationStatus
    source_kind: SourceKind
    source: str
    vintage_at: datetime | None = None
    document_id: int | None = None
    upload_id: int | None = None
    note: str | None = None


def latest_vintage(session: Session, *, series_id: int, period_code: str,
                   as_of: datetime | None = None) -> Observation | None:
    """Return the newest vintage of one figure, as known at `as_of` (default: now)."""
    query = select(Observation).where(Observation.series_id == series_id,
                                      Observation.period_code == period_code)
    if as_of is not None:
        query = query.where(Observation.vintage_at <= as_of)
    return session.scalar(query.order_by(Observation.vintage_at.desc()).limit(1))


def add_figure(session: Session, *, series: Series, figure: NewFigure) -> Observation | None:
    """Record a figure as a new vintage; return None when it repeats what was known then.

    A changed value or status never overwrites: it lands as another vintage, so the data
    can be read as they stood at any past time. A figure dated earlier than the newest
    vintage (a document loaded late) takes its place in history without hiding later
    revisions.
    """
    period = parse_period(figure.period_code)
    if _already_stated(session, series_id=series.id, period_code=period.code, figure=figure):
        return None
    vintage_at = figure.vintage_at or utc_now()
    known = latest_vintage(session, series_id=series.id, period_code=period.code,
                           as_of=vintage_at)
    if known is not None and known.value == figure.value and known.status == figure.status:
        return None
    if known is not None and known.vintage_at == vintage_at:
        vintage_at = utc_now()  # a corrected figure for a vintage already on record
    observation = Observation(
        series_id=series.id, period_code=period.code, period_kind=period.kind,
        year=period.year, period_number=period.number, value=figure.value,
        status=figure.status, vintage_at=vintage_at, source_kind=figure.source_kind,
        source=figure.source, document_id=figure.document_id, upload_id=figure.upload_id,
        note=figure.note)
    session.add(observation)
    session.flush()
    return observation


def _already_stated(session: Session, *, series_id: int, period_code: str,
                    figure: NewFigure) -> bool:
    """Tell whether this source has already stated this value and status for the figure."""
    same = select(Observation.id).where(
        Observation.series_id == series_id, Observation.period_code == period_code,
        Observation.value == figure.value, Observation.status == figure.status,
        Observation.source_kind == figure.source_kind, Observation.source == figure.source)
    return session.scalar(same.limit(1)) is not None


@dataclass(frozen=True)
class ObservationFilter:
    """Filters for listing observations; None means any."""

    region_code: str | None = None
    indicator_code: str | None = None
    document_code: str | None = None
    source_kind: SourceKind | None = None
    as_of: datetime | None = None


def latest_observations_query(where: ObservationFilter) -> Select[tuple[Observation]]:
    """Select the newest vintage of every figure (as known at `where.as_of`)."""
    newer = aliased(Observation)
    newer_exists = select(newer.id).where(
        newer.series_id == Observation.series_id,
        newer.period_code == Observation.period_code,
        newer.vintage_at > Observation.vintage_at)
    if where.as_of is not None:
        newer_exists = newer_exists.where(newer.vintage_at <= where.as_of)
    query = select(Observation).join(Observation.series).where(~newer_exists.exists())
    if where.as_of is not None:
        query = query.where(Observation.vintage_at <= where.as_of)
    if where.region_code:
        query = query.where(Series.region_code == where.region_code)
    if where.indicator_code:
        query = query.join(Series.indicator).where(Indicator.code == where.indicator_code)
    if where.document_code:
        query = query.join(Observation.document).where(Document.code == where.document_code)
    if where.source_kind:
        query = query.where(Observation.source_kind == where.source_kind)
    return query


def list_latest_observations(session: Session, *, where: ObservationFilter = ObservationFilter(),
                             limit: int | None = None, offset: int = 0) -> Sequence[Observation]:
    query = (latest_observations_query(where)
             .order_by(Series.id, Observation.year, Observation.period_code))
    return session.scalars(_page(query, limit, offset)).all()


def count_latest_observations(session: Session, *,
                              where: ObservationFilter = ObservationFilter()) -> int:
    return _count(session, latest_observations_query(where))


def list_vintages(session: Session, *, series_id: int, period_code: str) -> Sequence[Observation]:
    """Return every vintage of one figure, oldest first."""
    return session.scalars(
        select(Observation).where(Observation.series_id == series_id,
                                  Observation.period_code == period_code)
        .order_by(Observation.vintage_at)).all()


def add_series_break(session: Session, *, series: Series, period_code: str, kind: BreakKind,
                     description: str, linking_factor: Decimal | None = None,
                     known_from: datetime | None = None) -> SeriesBreak:
    """Record a break in a series' definition from `period_code` on, known from
    `known_from` (default: now). The break as known then, if it says the same, is kept; a
    different one (a linking factor learned later) is recorded beside it, so reads as of
    earlier moments still see the break as it was known then."""
    code, moment = parse_period(period_code).code, known_from or utc_now()
    versions = session.scalars(select(SeriesBreak).where(
        SeriesBreak.series_id == series.id, SeriesBreak.period_code == code)
        .order_by(SeriesBreak.known_from, SeriesBreak.id)).all()
    known = [v for v in versions if v.known_from <= moment]
    if known and known[-1].kind == kind and _same_factor(known[-1].linking_factor,
                                                         linking_factor):
        return known[-1]
    found = next((v for v in versions if v.known_from == moment), None)
    if found is None:
        found = SeriesBreak(series=series, period_code=code, known_from=moment, kind=kind,
                            description=description, linking_factor=linking_factor)
        session.add(found)
    else:  # a correction for the same moment
        found.kind, found.description, found.linking_factor = kind, description, linking_factor
    session.flush()
    return found


def _same_factor(a: Decimal | None, b: Decimal | None) -> bool:
    return (a is None) == (b is None) and (a is None or float(a) == float(b))  # type: ignore[arg-type]


def latest_annual_figure(session: Session, *, series_key: SeriesKey) -> Observation | None:
    """Return the newest vintage of the latest year observed in one series, if any."""
    indicator_id, subject = series_key
    series_id = select(Series.id).where(Series.indicator_id == indicator_id,
                                        Series.subject_key == subject).scalar_subquery()
    where = ObservationFilter()
    query = (latest_observations_query(where)
             .where(Observation.series_id == series_id, Observation.period_kind == PeriodKind.YEAR)
             .order_by(Observation.year.desc()).limit(1))
    return session.scalar(query)

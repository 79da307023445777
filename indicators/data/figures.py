"""The figures of a series, its breaks and its targets' terms as they stood at a moment:
what assessments and forecasts read, so that an assessment as of D uses only what was
known on D."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.arithmetic.definitions import Break, Observed
from indicators.data import queries
from indicators.periods import PeriodKind, parse_period
from indicators.tables.catalogue import Target
from indicators.tables.observations import Observation, Series, SeriesBreak
from indicators.vocab import ObservationStatus, SourceKind


def series_of(session: Session, target: Target) -> Series:
    return queries.get_or_add_series(session, indicator=target.indicator,
                                     region_code=target.region_code, entity=target.entity)


def figures_as_of(session: Session, *, series: Series, as_of: datetime) -> list[Observation]:
    """Return the newest vintage, as known at `as_of`, of every figure of a series."""
    where = queries.ObservationFilter(as_of=as_of)
    query = queries.latest_observations_query(where).where(Observation.series_id == series.id)
    return list(session.scalars(query))


def breaks_as_of(breaks: Sequence[SeriesBreak], as_of: datetime | None) -> list[SeriesBreak]:
    """Return, per period, the newest version of a break known at `as_of` (None: now);
    a break not yet known is left out, so a break recorded today never changes an
    assessment as of an earlier date."""
    known: dict[str, SeriesBreak] = {}
    for found in sorted(breaks, key=lambda b: (b.known_from, b.id or 0)):
        if as_of is None or found.known_from <= as_of:
            known[found.period_code] = found
    return [known[period] for period in sorted(known)]


def observed_annual(figures: Sequence[Observation], series: Series, *,
                    as_of: datetime | None = None) -> Observed:
    """Collect the annual figures (a 1–12月 total stands in for a missing year) and the
    breaks known at `as_of` (default: every break, as now known)."""
    annual = {f.year: f for f in figures if f.period_kind is PeriodKind.YEAR}
    for figure in figures:
        if figure.period_kind is PeriodKind.YEAR_TO_DATE and figure.period_number == 12:
            annual.setdefault(figure.year, figure)
    return Observed(
        values={year: float(f.value) for year, f in annual.items()},
        breaks=[Break(parse_period(b.period_code).year,
                      float(b.linking_factor) if b.linking_factor is not None else None)
                for b in breaks_as_of(series.breaks, as_of)],
        illustrative_years=frozenset(y for y, f in annual.items()
                                     if f.source_kind is SourceKind.ILLUSTRATIVE),
        preliminary_years=frozenset(y for y, f in annual.items()
                                    if f.status is ObservationStatus.PRELIMINARY))


def previous_vintages(session: Session,
                      observations: Sequence[Observation]) -> dict[int, Observation]:
    """Return, for each observation that revises an earlier one, the vintage it replaced
    (the newest before it): so a revision is shown as a revision, with what it was."""
    if not observations:
        return {}
    wanted = {(o.series_id, o.period_code) for o in observations}
    earlier: dict[tuple[int, str], list[Observation]] = {}
    query = select(Observation).where(
        Observation.series_id.in_({series_id for series_id, _ in wanted}),
        Observation.period_code.in_({code for _, code in wanted})).order_by(
        Observation.vintage_at)
    for found in session.scalars(query):
        if (found.series_id, found.period_code) in wanted:
            earlier.setdefault((found.series_id, found.period_code), []).append(found)
    replaced = {}
    for observation in observations:
        before = [v for v in earlier.get((observation.series_id, observation.period_code), [])
                  if v.vintage_at < observation.vintage_at]
        if before:
            replaced[observation.id] = before[-1]
    return replaced

"""Census revisions in an upload: the figures they replace, and the break they record.

A census (e.g. the 4th economic census) revises a series to a new basis: Zibo's GDP for
2019 on the new basis is lower than 2018 on the old one, and read as a series it looks
like a fall. Rows the clerk marks as census revisions (status 普查修订) record a definition
break for their series from the first marked year on, known from their publication. When
the upload also revises a year already on record (the overlapping year), the ratio of the
new figure to the old is the break's linking factor, and earlier figures are converted to
the new basis; without an overlap the break is unlinked and the target reads no fall (it
says why it cannot be judged across the break).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.data import queries as indicator_queries
from indicators.periods import PeriodKind
from indicators.tables.catalogue import subject_key
from indicators.tables.observations import Series
from indicators.text.messages import Language, message
from indicators.vocab import BreakKind


@dataclass(frozen=True)
class CensusYear:
    """One census-revised annual figure and the figure it replaces (None: none known)."""

    year: int
    new: Decimal
    old: Decimal | None
    known_from: datetime


def replaced_figures(session: Session, rows: pd.DataFrame, *,
                     now: datetime) -> dict[tuple[int, str], list[CensusYear]]:
    """Before storing: per (indicator, region), the census-marked annual rows with the
    figure each replaces, as known when it was published."""
    if "census" not in rows or not rows["census"].any():
        return {}
    marked = rows[rows["census"].astype(bool)
                  & (rows["period_kind"] == PeriodKind.YEAR.value)]
    found: dict[tuple[int, str], list[CensusYear]] = {}
    for row in marked.itertuples(index=False):
        moment = getattr(row, "vintage_at", None) or now
        series = session.scalar(select(Series).where(
            Series.indicator_id == int(row.indicator_id),
            Series.subject_key == subject_key(row.region_code)))
        old = None if series is None else indicator_queries.latest_vintage(
            session, series_id=series.id, period_code=row.period_code, as_of=moment)
        found.setdefault((int(row.indicator_id), row.region_code), []).append(CensusYear(
            int(row.year), Decimal(row.value_text), None if old is None else old.value,
            moment))
    return found


def record_census_breaks(session: Session, revised: dict[tuple[int, str], list[CensusYear]],
                         *, file_name: str) -> int:
    """After storing: record one census break per revised series (flush only); return how
    many were recorded."""
    for (indicator_id, region_code), years in revised.items():
        years = sorted(years, key=lambda y: y.year)
        first = years[0]
        overlap = next((y for y in years if y.old is not None and y.old != 0), None)
        factor = None if overlap is None else (overlap.new / overlap.old)  # type: ignore[operator]
        description = " / ".join(message(
            "ingest.census_break", language, file=file_name, year=first.year,
            link=message("ingest.census_unlinked", language) if overlap is None else message(
                "ingest.census_link", language, year=overlap.year, factor=f"{factor:.4f}"))
            for language in Language)
        series = session.scalar(select(Series).where(
            Series.indicator_id == indicator_id, Series.subject_key == subject_key(region_code)))
        assert series is not None  # the rows were just stored
        indicator_queries.add_series_break(
            session, series=series, period_code=str(first.year), kind=BreakKind.CENSUS,
            description=description,
            linking_factor=None if factor is None else factor.quantize(Decimal("1E-10")),
            known_from=min(y.known_from for y in years))
    return len(revised)

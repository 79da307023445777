"""Store checked figures: new ones and changed ones land as vintages, repeats are skipped.

Figures are compared with the newest stored vintage of the same series and period: an
equal value and status is unchanged (re-sending a file changes nothing); a different one
is a revision, stored as a new vintage beside the old. Inserts go in bulk: PostgreSQL's
COPY on the session's own connection (so they stay in the caller's transaction), and
executemany on SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import pandas as pd
from sqlalchemy import insert, select, tuple_
from sqlalchemy.orm import Session

from indicators import queries as indicator_queries
from indicators.models import Observation, Series
from indicators.vocab import SourceKind

CHUNK = 50_000
_INSERT_COLUMNS = ("series_id", "period_code", "period_kind", "year", "period_number", "value",
                   "status", "vintage_at", "source_kind", "source", "upload_id", "note",
                   "recorded_at")


@dataclass
class StoreOutcome:
    new: int = 0
    revised: int = 0
    unchanged: int = 0
    series_ids: set[int] = field(default_factory=set)


def series_ids_for(session: Session,
                   pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """Return the series id of each (indicator id, region code), creating missing series."""
    wanted = set(pairs)
    found: dict[tuple[int, str], int] = {}
    for chunk in _chunks(sorted(wanted), 500):
        rows = session.execute(select(Series.indicator_id, Series.subject_key, Series.id).where(
            tuple_(Series.indicator_id, Series.subject_key).in_(chunk)))
        found.update({(i, s): sid for i, s, sid in rows})
    for indicator_id, region in wanted - set(found):
        series = Series(indicator_id=indicator_id, region_code=region, subject_key=region)
        session.add(series)
        session.flush()
        found[(indicator_id, region)] = series.id
    return found


def latest_stored(session: Session, series_ids: Iterable[int]) -> pd.DataFrame:
    """Return the newest vintage of every stored figure of the given series."""
    frames = []
    for chunk in _chunks(sorted(set(series_ids)), 500):
        query = (indicator_queries.latest_observations_query(indicator_queries.ObservationFilter())
                 .where(Observation.series_id.in_(chunk))
                 .with_only_columns(Observation.series_id, Observation.period_code,
                                    Observation.value, Observation.status))
        frames.append(pd.DataFrame(session.execute(query).all(),
                                   columns=["series_id", "period_code", "stored_value",
                                            "stored_status"]))
    if not frames:
        return pd.DataFrame(columns=["series_id", "period_code", "stored_value", "stored_status"])
    return pd.concat(frames, ignore_index=True)


def classify(rows: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """Mark each row new, unchanged or revised against the stored vintages."""
    merged = rows.merge(stored, on=["series_id", "period_code"], how="left")
    same_value = pd.Series([
        stored_value is not None and not pd.isna(stored_value)
        and Decimal(text) == Decimal(str(stored_value))
        for text, stored_value in zip(merged["value_text"], merged["stored_value"], strict=True)],
        index=merged.index)
    same_status = merged["stored_status"].map(lambda s: getattr(s, "value", s)) == merged["status"]
    merged["change"] = "revised"
    merged.loc[merged["stored_value"].isna(), "change"] = "new"
    merged.loc[same_value & same_status, "change"] = "unchanged"
    return merged


def store_figures(session: Session, rows: pd.DataFrame, *, upload_id: int | None, source: str,
                  vintage_at: datetime, dry_run: bool = False) -> StoreOutcome:
    """Classify the checked rows and insert the new and revised ones (flush only)."""
    outcome = StoreOutcome()
    if rows.empty:
        return outcome
    ids = series_ids_for(session, zip(rows["indicator_id"], rows["region_code"], strict=True))
    rows = rows.assign(series_id=[ids[(i, r)] for i, r in zip(
        rows["indicator_id"], rows["region_code"], strict=True)])
    marked = classify(rows, latest_stored(session, ids.values()))
    landing = marked[marked["change"] != "unchanged"]
    outcome.new = int((marked["change"] == "new").sum())
    outcome.revised = int((marked["change"] == "revised").sum())
    outcome.unchanged = int((marked["change"] == "unchanged").sum())
    outcome.series_ids = set(landing["series_id"].astype(int))
    if dry_run or landing.empty:
        return outcome
    records = _insert_rows(landing, upload_id=upload_id, source=source, vintage_at=vintage_at)
    if session.get_bind().dialect.name == "postgresql":
        _copy_postgres(session, records)
    else:
        for chunk in _chunks(list(records), CHUNK):
            session.execute(insert(Observation.__table__), [dict(zip(_INSERT_COLUMNS, r,
                                                                      strict=True)) for r in chunk])
    session.flush()
    return outcome


def _insert_rows(landing: pd.DataFrame, *, upload_id: int | None, source: str,
                 vintage_at: datetime) -> Iterator[tuple[object, ...]]:
    for row in landing.itertuples(index=False):
        yield (int(row.series_id), row.period_code, row.period_kind, int(row.year),
               int(row.period_number), Decimal(row.value_text), row.status, vintage_at,
               SourceKind.UPLOAD.value, source, upload_id, row.note or None, vintage_at)


def _copy_postgres(session: Session, records: Iterable[tuple[object, ...]]) -> None:
    """COPY rows into observations on the session's connection, inside its transaction."""
    connection = session.connection().connection.driver_connection
    columns = ", ".join(_INSERT_COLUMNS)
    with connection.cursor() as cursor, cursor.copy(
            f"COPY observations ({columns}) FROM STDIN") as copy:
        for record in records:
            copy.write_row(record)


def _chunks(items: list, size: int) -> Iterator[list]:  # type: ignore[type-arg]
    for start in range(0, len(items), size):
        yield items[start:start + size]


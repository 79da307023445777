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
from decimal import Context, Decimal
from itertools import islice

import numpy as np
import pandas as pd
from sqlalchemy import and_, func, insert, select
from sqlalchemy.orm import Session

from indicators.tables.catalogue import subject_key
from indicators.tables.observations import Observation, Series
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
    """Return the series id of each (indicator id, region code), creating missing series
    in one statement."""
    wanted = set(pairs)
    found = _existing_series(session, wanted)
    missing = wanted - set(found)
    if missing:
        session.execute(insert(Series.__table__), [
            {"indicator_id": i, "region_code": r, "subject_key": subject_key(r)}
            for i, r in sorted(missing)])
        found.update(_existing_series(session, missing))
    return found


def _existing_series(session: Session,
                     pairs: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    found: dict[tuple[int, str], int] = {}
    by_indicator: dict[int, list[str]] = {}
    for indicator, region in pairs:
        by_indicator.setdefault(indicator, []).append(region)
    for indicator, regions in by_indicator.items():
        for chunk in _chunks(sorted(regions), 1000):
            rows = session.execute(select(Series.subject_key, Series.id).where(
                Series.indicator_id == indicator, Series.subject_key.in_(chunk)))
            found.update({(indicator, key): sid for key, sid in rows})
    return found


def latest_stored(session: Session, series_ids: Iterable[int],
                  as_of: datetime | None = None) -> pd.DataFrame:
    """Return the newest vintage of every stored figure of the given series (as known at
    `as_of`, when given: the vintage a figure published then revises)."""
    columns = ["series_id", "period_code", "stored_value", "stored_status", "stored_vintage"]
    frames = []
    for chunk in _chunks(sorted(set(series_ids)), 2000):
        newest = (select(Observation.series_id, Observation.period_code,
                         func.max(Observation.vintage_at).label("vintage_at"))
                  .where(Observation.series_id.in_(chunk)))
        if as_of is not None:
            newest = newest.where(Observation.vintage_at <= as_of)
        newest = newest.group_by(Observation.series_id, Observation.period_code).subquery()
        query = select(Observation.series_id, Observation.period_code, Observation.value,
                       Observation.status, Observation.vintage_at).join(newest, and_(
                           Observation.series_id == newest.c.series_id,
                           Observation.period_code == newest.c.period_code,
                           Observation.vintage_at == newest.c.vintage_at))
        frames.append(pd.DataFrame(session.execute(query).all(), columns=columns))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def classify(rows: pd.DataFrame, stored: pd.DataFrame) -> pd.DataFrame:
    """Mark each row new, unchanged or revised against the stored vintages."""
    merged = rows.merge(stored, on=["series_id", "period_code"], how="left")
    is_new = merged["stored_value"].isna().to_numpy()
    same_value = np.zeros(len(merged), dtype=bool)
    known = np.flatnonzero(~is_new)
    same_value[known] = [same_figure(text, stored) for text, stored in zip(
        merged["value_text"].to_numpy()[known], merged["stored_value"].to_numpy()[known],
        strict=True)]
    stored_status = merged["stored_status"].map(lambda s: getattr(s, "value", s))
    same_status = (stored_status == merged["status"]).to_numpy()
    merged["change"] = np.where(is_new, "new", np.where(same_value & same_status, "unchanged",
                                                         "revised"))
    return merged


_SCALE = Decimal("1E-10")  # observations.value is NUMERIC(28, 10)
_EXACT = Context(prec=60)


def same_figure(text: str, stored: object) -> bool:
    """Tell whether an uploaded figure equals a stored one, exactly as the column keeps it:
    equal once rounded to the column's 10 decimals (PostgreSQL rounds on the way in), or
    the same double (SQLite keeps a float). Any real change, however small, is a revision."""
    incoming = Decimal(text)
    kept = stored if isinstance(stored, Decimal) else Decimal(str(stored))
    if incoming.quantize(_SCALE, context=_EXACT) == kept.quantize(_SCALE, context=_EXACT):
        return True
    return float(incoming) == float(kept)  # a float the database printed with noise


def _classify_by_vintage(session: Session, rows: pd.DataFrame, recorded_at: datetime,
                         ids: Iterable[int]) -> pd.DataFrame:
    """Classify rows against the vintage known when each was published: rows with their
    own publication moment (`vintage_at`) are compared with what was known then, and one
    that corrects a vintage of that very moment is dated by the upload instead (the
    correction became known now)."""
    if "vintage_at" not in rows:
        return classify(rows, latest_stored(session, ids))
    parts = []
    for moment, group in rows.groupby("vintage_at", sort=True):
        part = classify(group, latest_stored(session, set(group["series_id"]), as_of=moment))
        clash = (part["change"] == "revised") & (part["stored_vintage"] == moment)
        part.loc[clash, "vintage_at"] = recorded_at
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def store_figures(session: Session, rows: pd.DataFrame, *, upload_id: int | None, source: str,
                  vintage_at: datetime, dry_run: bool = False) -> StoreOutcome:
    """Classify the checked rows and insert the new and revised ones (flush only).

    Each figure's vintage is its row's publication moment (`vintage_at` column) when the
    upload gave one, else `vintage_at`; `recorded_at` is always `vintage_at`, the upload."""
    outcome = StoreOutcome()
    if rows.empty:
        return outcome
    ids = series_ids_for(session, zip(rows["indicator_id"], rows["region_code"], strict=True))
    marked = _classify_by_vintage(session, rows.assign(series_id=[ids[(i, r)] for i, r in zip(
        rows["indicator_id"], rows["region_code"], strict=True)]), vintage_at, ids.values())
    lands = (marked["change"] != "unchanged").to_numpy()
    outcome.new = int((marked["change"] == "new").sum())
    outcome.revised = int((marked["change"] == "revised").sum())
    outcome.unchanged = int((~lands).sum())
    # A first upload lands every row: no need for a filtered copy of a million rows.
    landing = marked if lands.all() else marked[lands]
    del marked
    outcome.series_ids = set(np.unique(landing["series_id"].to_numpy()).astype(int).tolist())
    if dry_run or landing.empty:
        return outcome
    if session.get_bind().dialect.name == "postgresql":
        _copy_postgres(session, _insert_frame(landing, upload_id=upload_id, source=source,
                                              vintage_at=vintage_at))
    else:
        records = _insert_rows(landing, upload_id=upload_id, source=source,
                               vintage_at=vintage_at)
        while chunk := list(islice(records, CHUNK)):  # a chunk at a time, never all rows
            session.execute(insert(Observation.__table__),
                            [dict(zip(_INSERT_COLUMNS, r, strict=True)) for r in chunk])
    session.flush()
    return outcome


def _insert_rows(landing: pd.DataFrame, *, upload_id: int | None, source: str,
                 vintage_at: datetime) -> Iterator[tuple[object, ...]]:
    own = "vintage_at" in landing
    for row in landing.itertuples(index=False):
        yield (int(row.series_id), row.period_code, row.period_kind, int(row.year),
               int(row.period_number), Decimal(row.value_text), row.status,
               row.vintage_at if own else vintage_at, SourceKind.UPLOAD.value, source,
               upload_id, row.note or None, vintage_at)


def _insert_frame(landing: pd.DataFrame, *, upload_id: int | None, source: str,
                  vintage_at: datetime) -> pd.DataFrame:
    """The rows to COPY, column for column, as text pandas can write in bulk."""
    stamp = vintage_at.isoformat()
    return pd.DataFrame({
        "series_id": landing["series_id"].astype(np.int64).to_numpy(),
        "period_code": landing["period_code"].to_numpy(),
        "period_kind": landing["period_kind"].to_numpy(),
        "year": landing["year"].astype(np.int64).to_numpy(),
        "period_number": landing["period_number"].astype(np.int64).to_numpy(),
        "value": landing["value_text"].to_numpy(), "status": landing["status"].to_numpy(),
        "vintage_at": [v.isoformat() for v in landing["vintage_at"]]
        if "vintage_at" in landing else stamp,
        "source_kind": SourceKind.UPLOAD.value, "source": source,
        "upload_id": "" if upload_id is None else str(upload_id),
        "note": landing["note"].fillna("").astype(str).to_numpy(), "recorded_at": stamp})


def _copy_postgres(session: Session, frame: pd.DataFrame) -> None:
    """COPY rows into observations on the session's connection, inside its transaction,
    as CSV text written by pandas (an empty field is NULL)."""
    connection = session.connection().connection.driver_connection
    columns = ", ".join(_INSERT_COLUMNS)
    with connection.cursor() as cursor, cursor.copy(
            f"COPY observations ({columns}) FROM STDIN WITH (FORMAT csv)") as copy:
        for start in range(0, len(frame), CHUNK * 4):
            copy.write(frame.iloc[start:start + CHUNK * 4].to_csv(
                index=False, header=False, columns=list(_INSERT_COLUMNS)))


def _chunks(items: list, size: int) -> Iterator[list]:  # type: ignore[type-arg]
    for start in range(0, len(items), size):
        yield items[start:start + size]


"""The benchmark's figures: `years` annual figures for the series of every target, written
in bulk (COPY on PostgreSQL, one executemany on SQLite).

Each series follows its first target: levels and counts grow geometrically towards the
target value (±15% at the deadline), shares drift linearly towards it, growth rates scatter
around it, so the statuses come out mixed. A figure is published on 1 March after its year;
every third series has its figures published preliminary first (28 February) and revised
on 30 September, so a third of the series carry two vintages per year.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Connection, insert, select
from sqlalchemy.orm import Session

from indicators.data.queries import get_or_add_series
from indicators.tables.catalogue import Indicator, Target
from indicators.tables.observations import Observation
from indicators.vocab import ObservationStatus, SourceKind, ValueType

COLUMNS = ("series_id", "period_code", "period_kind", "year", "period_number", "value",
           "status", "vintage_at", "source_kind", "source", "recorded_at")
SOURCE = "基准测试 / benchmark"


@dataclass(frozen=True)
class Shape:
    """What one series looks like: its value type and where its first target points."""

    value_type: ValueType
    anchor: float
    deadline: int
    growth: float | None  # average annual growth asked for, in percent


def _shape(target: Target, indicator: Indicator) -> Shape:
    value = float(target.value)
    level = target.kind.value in ("level_at_deadline", "kept_every_period", "coverage")
    if indicator.value_type in (ValueType.SHARE, ValueType.GROWTH_RATE):
        anchor = value if level or indicator.value_type is ValueType.GROWTH_RATE else 50.0
        return Shape(indicator.value_type, min(max(anchor, 0.5), 99.0), target.deadline_year,
                     None)
    anchor = value if level else float(target.baseline_value or 100)
    growth = value if target.kind.value == "average_annual_growth" else None
    return Shape(indicator.value_type, max(anchor, 1.0), target.deadline_year, growth)


def values(shape: Shape, years: list[int], rng: random.Random) -> list[float]:
    """The series' figure for each year."""
    if shape.value_type is ValueType.GROWTH_RATE:
        return [shape.anchor + rng.gauss(0, 1.5) for _ in years]
    if shape.value_type is ValueType.SHARE:
        end = shape.anchor * (1 + rng.gauss(0, 0.05))
        start = end * 0.8
        span = max(shape.deadline - years[0], 1)
        return [min(99.9, max(0.1, start + (end - start) * (y - years[0]) / span
                              + rng.gauss(0, 0.5))) for y in years]
    rate = (shape.growth or rng.uniform(3, 9)) / 100 + rng.gauss(0, 0.01)
    end = shape.anchor * (1 + rng.gauss(0, 0.15)) if shape.growth is None else shape.anchor
    found = [end * (1 + rate) ** (y - shape.deadline) * (1 + rng.gauss(0, 0.02))
             for y in years]
    if shape.value_type is ValueType.COUNT:
        return [float(round(v)) for v in found]
    return found


def rows(series_id: int, figures: list[float], years: list[int], revised: bool,
         now: datetime) -> list[tuple[object, ...]]:
    """The observations rows of one series (two vintages a year when `revised`)."""
    out: list[tuple[object, ...]] = []
    for year, value in zip(years, figures, strict=True):
        final = Decimal(f"{value:.4f}")
        if revised:
            first = Decimal(f"{value * 0.99:.4f}")
            out.append((series_id, str(year), "year", year, 1, first,
                        ObservationStatus.PRELIMINARY.value, datetime(year + 1, 2, 28, tzinfo=UTC),
                        SourceKind.IMPORT.value, SOURCE, now))
            out.append((series_id, str(year), "year", year, 1, final,
                        ObservationStatus.REVISED.value, datetime(year + 1, 9, 30, tzinfo=UTC),
                        SourceKind.IMPORT.value, SOURCE, now))
        else:
            out.append((series_id, str(year), "year", year, 1, final,
                        ObservationStatus.FINAL.value, datetime(year + 1, 3, 1, tzinfo=UTC),
                        SourceKind.IMPORT.value, SOURCE, now))
    return out


def target_series(session: Session) -> dict[int, Shape]:
    """Every target's series (made where missing) and its shape, from its first target."""
    found: dict[int, Shape] = {}
    for target in session.scalars(select(Target).order_by(Target.id)):
        series = get_or_add_series(session, indicator=target.indicator,
                                   region_code=target.region_code, entity=target.entity)
        found.setdefault(series.id, _shape(target, target.indicator))
    return found


def _copy(connection: Connection, data: list[tuple[object, ...]]) -> None:
    """PostgreSQL: COPY the rows through the driver's cursor."""
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    with cursor.copy(f"COPY observations ({', '.join(COLUMNS)}) FROM STDIN") as copy:
        for row in data:
            copy.write_row(row)


def write(session: Session, *, years: int, last_year: int, seed: int) -> tuple[int, float]:
    """Write the figures; return how many rows and the seconds it took."""
    start = time.perf_counter()
    rng, now = random.Random(seed), datetime.now(UTC)
    span = list(range(last_year - years + 1, last_year + 1))
    data: list[tuple[object, ...]] = []
    for n, (series_id, shape) in enumerate(sorted(target_series(session).items())):
        data += rows(series_id, values(shape, span, rng), span, n % 3 == 0, now)
    session.flush()
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        _copy(connection, data)
    else:
        connection.execute(insert(Observation), [dict(zip(COLUMNS, r, strict=True))
                                                 for r in data])
    return len(data), time.perf_counter() - start

"""Import `published_figures.csv`: real figures found in statistical communiqués and
government work reports, each with its source and the day it was published.

The header is `target_key,indicator,subject,period,value,unit,status,published,source,note`
(indicator and subject as the catalogue names them, subject "region" or "region/entity";
value in the indicator's unit). Each figure is stored as known from its publication day
(Beijing midnight), so `assess --as-of` an earlier day does not see it. A note saying the
figure is a lower bound ("超过2400家", "lower bound") marks it so for the illustrative
series. A row that does not map is reported with its reason and not stored.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy.orm import Session

from indicators.arithmetic.units import unit_factor
from indicators.clock import china_midnight
from indicators.data import queries as indicator_queries
from indicators.periods import PeriodError, parse_period
from indicators.tables.catalogue import Entity, Indicator
from indicators.vocab import ObservationStatus, SourceKind
from service.demo.pinning import LOWER_BOUND_NOTE

BUNDLED_PUBLISHED = Path(__file__).parent / "data" / "published_figures.csv"
HEADER = ("target_key", "indicator", "subject", "period", "value", "unit", "status",
          "published", "source", "note")
# A note that says the figure is only a lower bound: 超过2400家, 逾, 2400家以上, lower bound.
_LOWER_BOUND = re.compile(r"lower bound|下限|超过\s*\d|逾\s*\d|多于\s*\d|\d\s*\S{0,3}以上",
                          re.IGNORECASE)


@dataclass(frozen=True)
class PublishedRow:
    """One row of the CSV, as read (line numbers count the header as line 1)."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()


@dataclass(frozen=True)
class MappedFigure:
    """A row mapped to the catalogue: which series, and the figure to store."""

    indicator: Indicator
    region_code: str
    entity: Entity | None
    figure: indicator_queries.NewFigure


@dataclass
class PublishedReport:
    """What the import stored, and each row left out with its reason (a message key and
    its values, so the command can say it in Chinese or English)."""

    rows: int = 0
    stored: int = 0
    unchanged: int = 0
    skipped: list[tuple[int, str, dict[str, str]]] = field(default_factory=list)


class RowRejected(ValueError):
    """A row that does not map: `key` names the message, `values` fill it."""

    def __init__(self, key: str, **values: str) -> None:
        super().__init__(key)
        self.key, self.values = key, values


def read_published(path: Path) -> list[PublishedRow]:
    """Read the CSV (UTF-8, with or without BOM); a missing file reads as no rows."""
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [PublishedRow(line=number, cells=dict(row))
                for number, row in enumerate(csv.DictReader(handle), start=2)]


def import_published(session: Session, rows: Iterable[PublishedRow], *,
                     imported_at: datetime) -> PublishedReport:
    """Store every row that maps as an observation (flush only); report the others. The
    same figure repeated for several targets (target_key, for the reader) is stored once."""
    report = PublishedReport()
    for row in rows:
        report.rows += 1
        try:
            mapped = map_row(session, row, imported_at=imported_at)
        except RowRejected as rejected:
            report.skipped.append((row.line, rejected.key, rejected.values))
            continue
        series = indicator_queries.get_or_add_series(
            session, indicator=mapped.indicator, region_code=mapped.region_code,
            entity=mapped.entity)
        if indicator_queries.add_figure(session, series=series, figure=mapped.figure) is None:
            report.unchanged += 1
        else:
            report.stored += 1
    return report


def map_row(session: Session, row: PublishedRow, *, imported_at: datetime) -> MappedFigure:
    """Map one row to a series and a figure, or raise `RowRejected` saying why not."""
    indicator = indicator_queries.get_indicator(session, code=row["indicator"])
    if indicator is None:
        raise RowRejected("demo.row_unknown_indicator", code=row["indicator"])
    region_code, entity = _subject(session, row["subject"])
    period = _period(row["period"])
    published = _published(row["published"], imported_at)
    figure = indicator_queries.NewFigure(
        period_code=period, value=_value(row, indicator.unit), status=_status(row["status"]),
        source_kind=SourceKind.IMPORT, source=row["source"], vintage_at=published,
        note=_note(row))
    if not row["source"]:
        raise RowRejected("demo.row_no_source")
    return MappedFigure(indicator, region_code, entity, figure)


def _subject(session: Session, subject: str) -> tuple[str, Entity | None]:
    region_code, _, entity_code = subject.partition("/")
    if indicator_queries.get_region(session, code=region_code) is None:
        raise RowRejected("demo.row_unknown_subject", subject=subject)
    if not entity_code:
        return region_code, None
    entity = indicator_queries.get_entity(session, code=entity_code)
    if entity is None or entity.region_code != region_code:
        raise RowRejected("demo.row_unknown_subject", subject=subject)
    return region_code, entity


def _period(text: str) -> str:
    try:
        return parse_period(text).code
    except PeriodError:
        raise RowRejected("demo.row_bad_period", period=text) from None


def _value(row: PublishedRow, indicator_unit: str) -> Decimal:
    try:
        value = Decimal(row["value"].replace(",", ""))
    except InvalidOperation:
        raise RowRejected("demo.row_bad_value", value=row["value"]) from None
    if not value.is_finite():
        raise RowRejected("demo.row_bad_value", value=row["value"])
    factor = unit_factor(row["unit"], indicator_unit) if row["unit"] else 1.0
    if factor is None:
        raise RowRejected("demo.row_bad_unit", unit=row["unit"], expected=indicator_unit)
    return value if factor == 1.0 else value * Decimal(str(factor))


def _status(text: str) -> ObservationStatus:
    try:
        return ObservationStatus(text or "final")
    except ValueError:
        raise RowRejected("demo.row_bad_status", status=text) from None


def _published(text: str, imported_at: datetime) -> datetime:
    """The publication day as the moment the figure became known (Beijing midnight)."""
    try:
        moment = china_midnight(date.fromisoformat(text))
    except ValueError:
        raise RowRejected("demo.row_bad_date", published=text) from None
    if moment > imported_at:
        raise RowRejected("demo.row_future_date", published=text)
    return moment


def _note(row: PublishedRow) -> str | None:
    parts = [LOWER_BOUND_NOTE if is_lower_bound_text(row["note"]) else None, row["note"]]
    return "; ".join(p for p in parts if p) or None


def is_lower_bound_text(note: str) -> bool:
    """Tell whether a row's note says its value is only a lower bound."""
    return bool(_LOWER_BOUND.search(note))

"""The one declarative `Base` and the column types every table shares."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import DateTime, MetaData, Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

# Stable constraint names keep Alembic autogenerate honest across SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware timestamp, stored in UTC; SQLite's naive values come back as UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: pass a timezone-aware value")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Target and observation values: exact decimals (PostgreSQL NUMERIC; SQLite keeps a float).
DecimalValue = Numeric(precision=28, scale=10, asdecimal=True)


# Chinese statistics are dated in Beijing time; the database keeps UTC.
CHINA_TIME = ZoneInfo("Asia/Shanghai")


def china_midnight(day: date) -> datetime:
    """Return the start of `day` in Beijing, in UTC: when a document of that date appeared."""
    return datetime.combine(day, time(), CHINA_TIME).astimezone(UTC)


def utc_now() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def as_decimal(value: float | int | str | Decimal) -> Decimal:
    """Convert a number from YAML, JSON or CSV to an exact Decimal via its text form."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


class Base(DeclarativeBase):
    """Declarative base of every targetwatch table."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)

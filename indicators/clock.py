"""Moments: Chinese statistics are dated in Beijing time; the database keeps UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

CHINA_TIME = ZoneInfo("Asia/Shanghai")


def china_midnight(day: date) -> datetime:
    """Return the start of `day` in Beijing, in UTC: when a document of that date appeared."""
    return datetime.combine(day, time(), CHINA_TIME).astimezone(UTC)


def china_day_end(day: date) -> datetime:
    """Return the last moment of `day` in Beijing, in UTC: what "as known on day" reads."""
    return datetime.combine(day, time.max, CHINA_TIME).astimezone(UTC)


def utc_now() -> datetime:
    """Return the current time, timezone-aware, in UTC."""
    return datetime.now(UTC)

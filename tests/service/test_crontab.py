"""Digest schedules are written as crontab; APScheduler must fire them on the same days."""

from __future__ import annotations

from datetime import datetime

import pytest
from apscheduler.triggers.cron import CronTrigger
from hypothesis import given
from hypothesis import strategies as st

from indicators.clock import CHINA_TIME
from service.crontab import cron_fields
from service.settings import Settings

FRIDAY = datetime(2026, 12, 4, 9, 0, tzinfo=CHINA_TIME)


def _next(expression: str, after: datetime = FRIDAY) -> datetime:
    trigger = CronTrigger(**cron_fields(expression), timezone=CHINA_TIME)
    fire = trigger.get_next_fire_time(None, after)
    assert fire is not None
    return fire


def test_monday_is_weekday_one_as_in_crontab() -> None:
    assert _next("0 8 * * 1") == datetime(2026, 12, 7, 8, 0, tzinfo=CHINA_TIME)


@given(st.integers(min_value=0, max_value=7))
def test_every_crontab_weekday_number_fires_on_that_weekday(number: int) -> None:
    # crontab: 0 and 7 are Sunday (isoweekday 7), 1 is Monday … 6 is Saturday
    assert _next(f"0 8 * * {number}").isoweekday() == (number or 7)


def test_ranges_and_steps_keep_their_meaning() -> None:
    assert cron_fields("30 7 */2 * 1-5") == {
        "minute": "30", "hour": "7", "day": "*/2", "month": "*", "day_of_week": "mon-fri"}


@pytest.mark.parametrize("expression", ["0 8 * *", "0 25 * * 1", "0 8 * * 9", "every monday"])
def test_an_expression_cron_cannot_read_is_refused_by_the_settings(expression: str) -> None:
    with pytest.raises(ValueError, match="crontab"):
        Settings(digest_schedules={"weekly": expression})


def test_a_digest_name_must_be_usable_in_a_job_id() -> None:
    with pytest.raises(ValueError, match="digest name"):
        Settings(digest_schedules={"每周": "0 8 * * 1"})

"""Crontab expressions as operators write them, read into APScheduler's cron fields.

APScheduler 3 numbers weekdays from Monday = 0, while crontab numbers them from Sunday = 0
(and 7): "0 8 * * 1" would run on Tuesdays if passed through. Weekday numbers are
therefore turned into names (mon, tue …), which both read the same way.
"""

from __future__ import annotations

import re

from apscheduler.triggers.cron import CronTrigger

FIELDS = ("minute", "hour", "day", "month", "day_of_week")
WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _weekday_names(field: str) -> str:
    def name(match: re.Match[str]) -> str:
        number = int(match.group())
        if number >= len(WEEKDAYS):
            raise ValueError(f"weekday {number} is not 0–7")
        return WEEKDAYS[number]
    # Step values ("*/2") keep their number: it counts days, it names none.
    return re.sub(r"(?<![/\d])\d+", name, field)


def cron_fields(expression: str) -> dict[str, str]:
    """Return APScheduler's cron trigger arguments for a five-field crontab expression;
    raise ValueError naming the expression when it is not one cron can read."""
    parts = expression.split()
    if len(parts) != len(FIELDS):
        raise ValueError(f"crontab {expression!r}: five fields expected "
                         "(minute hour day month weekday)")
    fields = dict(zip(FIELDS, parts, strict=True))
    try:
        fields["day_of_week"] = _weekday_names(fields["day_of_week"])
        CronTrigger(**fields)  # the same checks the scheduler will make
    except ValueError as error:
        raise ValueError(f"crontab {expression!r}: {error}") from None
    return fields

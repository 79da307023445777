"""When each uploaded figure became known, and which rows are census revisions.

A figure is stored with `vintage_at` = the moment it was published: the start of its
publication day in Beijing, given per row (column 公布日期) or for the whole file
(`--published`, the API's `published` field), else the upload time. A stated date may not
be after today nor on or before the last day of the period it reports: a bureau cannot
publish a year's figure before the year is over. The clerk marks a census revision with
the status 普查修订; such rows skip the year-on-year jump check (the revision is a change of
basis, not of the indicator) and the upload records a definition break for their series.
"""

from __future__ import annotations

import re
from datetime import date, datetime

import numpy as np
import pandas as pd

from indicators.clock import CHINA_TIME, china_midnight
from indicators.periods import Period
from ingest.reports.issues import IssueCollector

CENSUS_WORDS = frozenset({"普查修订", "census revision", "census"})
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                   r"(?:[ T]00:00(?::00)?)?\s*$")
_UNREADABLE = "unreadable"


def read_published_day(text: str) -> date | str | None:
    """Read a published date ("2020-02-28", "2020/2/28", "2020年2月28日", or a spreadsheet
    date cell shown with its midnight time); None when empty, "unreadable" otherwise."""
    if not str(text).strip():
        return None
    match = _DATE.match(str(text))
    if match is None:
        return _UNREADABLE
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return _UNREADABLE


def published_moments(records: pd.DataFrame, periods: np.ndarray, ok: np.ndarray, *,
                      default_day: date | None, now: datetime,
                      issues: IssueCollector) -> tuple[np.ndarray | None, np.ndarray]:
    """Return each row's publication moment (None when every row takes the upload time)
    and the mask of rows whose stated date is refused, reported with the reason."""
    codes, texts = pd.factorize(np.asarray(records["published"], dtype=object)
                                if "published" in records else np.full(len(records), ""))
    stated_texts = [str(t) for t in texts]
    if default_day is None and not any(t.strip() for t in stated_texts):
        return None, np.zeros(len(records), dtype=bool)  # a million rows: nothing to do
    read = [read_published_day(t) for t in stated_texts]
    days = [read[c] if read[c] is not None else default_day for c in codes]
    shown = [t if t.strip() or default_day is None else default_day.isoformat()
             for t in stated_texts]
    records = records.assign(published=[shown[c] for c in codes])
    unreadable = np.array([d == _UNREADABLE for d in days], dtype=bool)
    issues.add(records, ok & unreadable, "ingest.published_unreadable", "published",
               suggestion="ingest.published_hint")
    today = now.astimezone(CHINA_TIME).date()
    stated = ok & ~unreadable & np.array([isinstance(d, date) for d in days], dtype=bool)
    future = stated & np.array([isinstance(d, date) and d > today for d in days], dtype=bool)
    early = stated & ~future & np.array(
        [isinstance(d, date) and isinstance(p, Period) and d <= p.end
         for d, p in zip(days, periods, strict=True)], dtype=bool)
    texts = [d.isoformat() if isinstance(d, date) else "" for d in days]
    labelled = records.assign(published_text=texts, period_text=[
        p.code if isinstance(p, Period) else "" for p in periods], period_end=[
        p.end.isoformat() if isinstance(p, Period) else "" for p in periods])
    issues.add(labelled, future, "ingest.published_future", "published",
               per_row={"published": "published_text"}, suggestion="ingest.published_hint")
    issues.add(labelled, early, "ingest.published_early", "published",
               per_row={"published": "published_text", "period": "period_text",
                        "period_end": "period_end"}, suggestion="ingest.published_early_hint")
    moments = np.array([china_midnight(d) if isinstance(d, date) else now for d in days],
                       dtype=object)
    return moments, unreadable | future | early


def census_rows(records: pd.DataFrame, *, whole_file: bool) -> np.ndarray:
    """Tell which rows are marked as census revisions (status 普查修订, or the whole file)."""
    if whole_file:
        return np.ones(len(records), dtype=bool)
    codes, words = pd.factorize(np.asarray(records["status"], dtype=object))
    flags = np.array([str(w).strip().casefold() in CENSUS_WORDS for w in words], dtype=bool)
    return flags[codes] if len(words) else np.zeros(len(records), dtype=bool)

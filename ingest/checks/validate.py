"""Check every record of an upload and resolve it to catalogue terms.

Each check works on whole columns (a file may hold a million rows) and reports the rows it
fails with sheet, row, column, the raw text, a reason and, where one helps, a suggestion,
in Chinese and English. Errors reject the whole file; warnings do not.

Checks: unknown indicator or region (with the closest known names and aliases,
`Catalogue.closest_indicators`), a sheet with no region column and no region in its title
(one issue for the sheet), a region or indicator the uploader may not write, a unit that
does not convert to the indicator's, a value that is not a number, a period that cannot be
read, has not begun yet or does not fit the indicator's frequency, a value outside the
indicator's plausible range, a figure about 10ⁿ times its series' neighbours (a likely
unit mistake, `ingest.checks.unit_check`), an annual figure more than the allowed factor away
from the previous year's (not for a row marked as a census revision, same module), a
year-to-date total of a cumulative amount below an earlier month's, and a month or
quarter that disagrees with the totals deriving it (a warning; `ingest.checks.ytd_check`), a
published date that is unreadable, in the future or before the period ended
(`ingest.checks.publication`), and the same figure given twice with different values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

import numpy as np
import pandas as pd

from indicators.arithmetic.units import unit_factor
from indicators.clock import CHINA_TIME, utc_now
from indicators.periods import Period, PeriodKind
from indicators.text.messages import message
from indicators.vocab import Frequency, ObservationStatus
from ingest.cells.number_column import parse_numbers
from ingest.cells.period_text import PeriodTextError, parse_period_text
from ingest.checks.permissions import WritePermission
from ingest.checks.publication import census_rows, published_moments
from ingest.checks.references import Catalogue, IndicatorRef, RegionRef, key_of
from ingest.checks.resolved import Resolved, StoredLookup, per_distinct, plain, stored_frame
from ingest.checks.unit_check import history_checks
from ingest.checks.ytd_check import ytd_checks
from ingest.reports.issues import Issue, IssueCollector, Severity

_STATUS_TEXT = {"初步": ObservationStatus.PRELIMINARY, "预计": ObservationStatus.PRELIMINARY,
                "快报": ObservationStatus.PRELIMINARY, "preliminary": ObservationStatus.PRELIMINARY,
                "最终": ObservationStatus.FINAL, "终核": ObservationStatus.FINAL,
                "正式": ObservationStatus.FINAL, "final": ObservationStatus.FINAL,
                "修订": ObservationStatus.REVISED, "revised": ObservationStatus.REVISED,
                "普查修订": ObservationStatus.REVISED, "census revision": ObservationStatus.REVISED,
                "census": ObservationStatus.REVISED,
                "": ObservationStatus.FINAL}


@dataclass
class Checked:
    """The records that passed, resolved, and every issue found."""

    rows: pd.DataFrame
    issues: list[Issue]
    issue_counts: dict[str, int]
    empty_cells: int

    @property
    def has_errors(self) -> bool:
        return any(i.severity is Severity.ERROR for i in self.issues)


@dataclass(frozen=True)
class Publication:
    """When the upload's figures were published: `day` for every row without a date of its
    own (None: the upload time, `now`), and whether the whole file is a census revision."""

    now: datetime
    day: date | None = None
    census_file: bool = False


def check_records(records: pd.DataFrame, *, catalogue: Catalogue, permission: WritePermission,
                  previous: StoredLookup | Mapping[tuple[int, str, str], float],
                  default_jump_factor: float,
                  region_from_title: str | None = None, allow_jumps: bool = False,
                  publication: Publication | None = None) -> Checked:
    """Resolve and check every record; see the module docstring for the checks.

    A file may hold a million rows but only a few hundred distinct indicators, regions,
    periods and units: every lookup runs once per distinct value, and the per-row work is
    numpy arithmetic on the results. `previous` gives stored figures for the period codes
    asked for (or is a mapping of them), to compare the file's figures with.
    """
    issues = IssueCollector()
    numbers = parse_numbers(records["value"])
    empty = numbers.missing.to_numpy(dtype=bool)
    records = records.loc[~empty].reset_index(drop=True)
    text = numbers.text.to_numpy(dtype=object)[~empty]
    number = numbers.value.to_numpy(dtype=float)[~empty]
    invalid = numbers.invalid.to_numpy(dtype=bool)[~empty]
    marked = numbers.preliminary.to_numpy(dtype=bool)[~empty]

    ids = per_distinct(lambda raw: _indicator_id(catalogue, raw), records["indicator"],
                       dtype=np.int64)
    issues.add(records, ids < 0, "ingest.unknown_indicator", "indicator",
               suggest_names=catalogue.closest_indicators)
    regions, named = _regions(records, catalogue, region_from_title, issues)
    by_id = {ref.id: ref for ref in catalogue.indicators.values()}
    known = (ids >= 0) & pd.notna(regions)
    allowed = _allowed(permission, regions, ids, by_id) | ~known
    issues.add(named, ~allowed, "ingest.not_permitted", "region",
               suggestion="ingest.not_permitted_hint")
    formula = records["formula"].to_numpy(dtype=bool) if "formula" in records else invalid & False
    issues.add(records, invalid & formula, "cell.formula_no_value", "value",
               suggestion="cell.formula_hint")
    issues.add(records, invalid & ~formula, "cell.not_a_number", "value",
               suggestion="cell.suggest_number")
    periods = per_distinct(_period_or_none, records["period"], records["year"])
    unread = pd.isna(periods)
    lacks_year = unread & per_distinct(_lacks_only_year, records["period"], dtype=bool)
    issues.add(records, unread & ~lacks_year, "period.unrecognised", "period",
               suggestion="period.suggest")
    issues.add(records, lacks_year, "period.needs_year", "period",
               suggestion="period.needs_year_hint")

    publication = publication or Publication(now=utc_now())
    today = publication.now.astimezone(CHINA_TIME).date()
    future = per_distinct(lambda p: isinstance(p, Period) and p.start > today, periods,
                          dtype=bool)
    issues.add(records, future, "period.future", "period", suggestion="period.future_hint")

    ok = known & allowed & ~invalid & ~unread & ~future
    factor = _factors(records, ids, by_id, ok, issues)
    ok &= ~np.isnan(factor)
    ok &= _fits_frequency(records, ids, periods, by_id, ok, issues)
    value = number * np.where(np.isnan(factor), 1.0, factor)
    ok &= ~_implausible(records, ids, value, by_id, ok, issues)
    census = census_rows(records, whole_file=publication.census_file)
    figures = Resolved(records=records, ids=ids, regions=regions, periods=periods, value=value,
                       text=text, factor=factor, by_id=by_id)
    stored = _lookup_of(previous)
    jump_rows = np.zeros(len(ok), dtype=bool) if allow_jumps else ~census  # census: new basis
    ok &= ~history_checks(figures, ok, issues, stored, default_factor=default_jump_factor,
                          jump_rows=jump_rows)
    ok &= ~ytd_checks(figures, ok, issues, stored)
    moments, refused = published_moments(records, periods, ok, default_day=publication.day,
                                         now=publication.now, issues=issues)
    ok &= ~refused
    status = _statuses(records, marked)
    codes = per_distinct(lambda p: p.code if isinstance(p, Period) else None, periods)
    keys = pd.DataFrame({"indicator_id": ids, "region_code": regions, "period_code": codes})
    ok &= ~_conflicts(records, keys, value, ok, issues)
    rows = _output(records, keys, periods, text, factor, status, ok)
    rows["census"] = census[ok]
    if moments is not None:
        rows["vintage_at"] = moments[ok]
    return Checked(rows=rows, issues=issues.issues, issue_counts=issues.counts,
                   empty_cells=int(empty.sum()))


def _indicator_id(catalogue: Catalogue, raw: str) -> int:
    ref = catalogue.indicators.get(key_of(raw))
    return -1 if ref is None else ref.id


def _allowed(permission: WritePermission, regions: np.ndarray, ids: np.ndarray,
             by_id: Mapping[int, IndicatorRef]) -> np.ndarray:
    allowed = np.ones(len(ids), dtype=bool)
    if permission.regions is not None:
        allowed &= np.isin(regions.astype(str), list(permission.regions))
    if permission.indicators is not None:
        codes = per_distinct(lambda i: by_id[i].code if i in by_id else "", ids)
        allowed &= np.isin(codes.astype(str), list(permission.indicators))
    return allowed


def _period_or_none(text: str, year: str) -> Period | None:
    try:
        context = int(year) if str(year).strip().isdigit() else None
        return parse_period_text(text, year=context)
    except PeriodTextError:
        return None


def _lacks_only_year(text: str) -> bool:
    """Tell whether a period would read with a year (1-9月 with no year anywhere)."""
    try:
        parse_period_text(text, year=2000)
    except PeriodTextError:
        return False
    return True


def _lookup_of(previous: StoredLookup | Mapping[tuple[int, str, str], float]) -> StoredLookup:
    """A stored-figure lookup, from a lookup or from a mapping of every stored figure."""
    if callable(previous):
        return previous
    return lambda codes: stored_frame({k: v for k, v in previous.items() if k[2] in codes})


def _regions(records: pd.DataFrame, catalogue: Catalogue, from_title: str | None,
             issues: IssueCollector) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's region code (None: unknown), and the records with the region text used.

    A sheet with no region column takes the region named in the title; when the title
    names none, the sheet gets one issue of its own (layout.no_region) instead of an
    "unknown region" on every row.
    """
    region_text = records["region"].astype(object)
    region_raw = region_text.where(region_text != "", from_title or "")
    regions = per_distinct(lambda raw: getattr(_region(catalogue, raw), "code", None),
                           region_raw)
    named = records.assign(region=region_raw)
    no_column = (records["col_region"].astype(object) == "").to_numpy() & pd.isna(regions)
    for sheet in pd.unique(records["sheet"].astype(object)[no_column]):
        issues.add_file_issue(Issue(sheet=str(sheet), row=None, column=None, raw="",
                                    key="layout.no_region", values={"sheet": sheet},
                                    suggestion_key="layout.no_region_hint"))
    issues.add(named, pd.isna(regions) & ~no_column, "ingest.unknown_region", "region",
               suggest_names=catalogue.closest_regions)
    return regions, named


def _region(catalogue: Catalogue, raw: str) -> RegionRef | None:
    """Find a region by code or name, also when the name drops its 市/省/县/区 suffix or
    sits inside a title ("淄博市2017年主要指标")."""
    key = key_of(raw)
    if not key:
        return None
    found = catalogue.region_named(raw)
    if found is None and len(key) > 8:  # a title: the longest region name inside it
        inside = [r for name, r in catalogue.regions.items() if len(name) >= 2 and name in key]
        found = max(inside, key=lambda r: len(r.name), default=None)
    return found


def _factors(records: pd.DataFrame, ids: np.ndarray, by_id: Mapping[int, IndicatorRef],
             ok: np.ndarray, issues: IssueCollector) -> np.ndarray:
    """Return each row's unit factor to the indicator's unit (NaN: does not convert)."""
    def factor(unit: str, indicator: int) -> float:
        if indicator not in by_id or not unit.strip():
            return 1.0
        found = unit_factor(unit.strip(), by_id[indicator].unit)
        return np.nan if found is None else found

    factors = per_distinct(factor, records["unit"], ids, dtype=float)
    bad = ok & np.isnan(factors)
    expected = per_distinct(lambda i: by_id[i].unit if i in by_id else "", ids)
    issues.add(records.assign(expected=expected), bad, "ingest.unit_mismatch", "unit",
               per_row={"expected": "expected"}, suggestion="ingest.unit_hint")
    return factors


def period_fits(frequency: Frequency, period: Period) -> bool:
    """Tell whether an indicator published at `frequency` can have a figure for `period`."""
    if frequency is Frequency.MONTHLY:
        return True
    if frequency is Frequency.QUARTERLY:
        return period.kind is not PeriodKind.MONTH and period.last_month % 3 == 0
    return period.kind is PeriodKind.YEAR or (period.kind is PeriodKind.YEAR_TO_DATE
                                              and period.number == 12)


def _fits_frequency(records: pd.DataFrame, ids: np.ndarray, periods: np.ndarray,
                    by_id: Mapping[int, IndicatorRef], ok: np.ndarray,
                    issues: IssueCollector) -> np.ndarray:
    fits = per_distinct(lambda i, p: i not in by_id or not isinstance(p, Period)
                        or period_fits(by_id[i].frequency, p), ids, periods, dtype=bool)
    labels = per_distinct(lambda i: message(f"frequency.{by_id[i].frequency.value}")
                          if i in by_id else "", ids)
    issues.add(records.assign(freq=labels), ok & ~fits, "ingest.period_frequency", "period",
               per_row={"frequency": "freq"})
    return fits


def _bound(by_id: Mapping[int, IndicatorRef], ids: np.ndarray, name: str) -> np.ndarray:
    def value(i: int) -> float:
        found = getattr(by_id[i], name) if i in by_id else None
        return np.nan if found is None else float(found)

    return per_distinct(value, ids, dtype=float)


def _implausible(records: pd.DataFrame, ids: np.ndarray, value: np.ndarray,
                 by_id: Mapping[int, IndicatorRef], ok: np.ndarray,
                 issues: IssueCollector) -> np.ndarray:
    low, high = _bound(by_id, ids, "plausible_min"), _bound(by_id, ids, "plausible_max")
    with np.errstate(invalid="ignore"):
        outside = ok & ((value < low) | (value > high))
    if outside.any():
        labels = records.assign(low=[plain(v) for v in low], high=[plain(v) for v in high])
        issues.add(labels, outside, "ingest.out_of_range", "value",
                   per_row={"low": "low", "high": "high"})
    return outside


def _statuses(records: pd.DataFrame, marked: np.ndarray) -> np.ndarray:
    """Take the status column first, then a mark in the cell, then one in the header."""
    stated = per_distinct(lambda s: _STATUS_TEXT.get(str(s).strip().casefold()), records["status"])
    header = per_distinct(lambda h: h in ("初步", "预计", "快报"), records["header_status"],
                          dtype=bool)
    fallback = np.where(marked | header, ObservationStatus.PRELIMINARY.value,
                        ObservationStatus.FINAL.value)
    explicit = per_distinct(lambda s: bool(str(s).strip()), records["status"], dtype=bool)
    stated_text = np.array([getattr(v, "value", "") for v in stated], dtype=object) \
        if len(stated) else np.empty(0, dtype=object)
    return np.where(explicit & pd.notna(stated), stated_text, fallback)


def _conflicts(records: pd.DataFrame, keys: pd.DataFrame, value: np.ndarray, ok: np.ndarray,
               issues: IssueCollector) -> np.ndarray:
    """Refuse a figure given twice with different values; keep one copy of exact repeats."""
    drop = np.zeros(len(keys), dtype=bool)
    candidates = keys[ok]
    repeated = candidates.duplicated(keep=False).to_numpy()
    if not repeated.any():
        return drop
    group = candidates[repeated].assign(value=value[ok][repeated])
    distinct = group.groupby(list(keys.columns), dropna=False)["value"].transform("nunique")
    positions = np.flatnonzero(ok)[repeated]
    conflict = np.zeros(len(keys), dtype=bool)
    conflict[positions[(distinct > 1).to_numpy()]] = True
    issues.add(records, conflict, "ingest.conflict", "value", suggestion="ingest.conflict_hint")
    extra = np.zeros(len(keys), dtype=bool)
    later = group.duplicated(list(keys.columns), keep="first").to_numpy() & (
        distinct == 1).to_numpy()
    extra[positions[later]] = True
    issues.add(records, extra, "ingest.repeated", "value", severity=Severity.WARNING)
    return conflict | extra


def _output(records: pd.DataFrame, keys: pd.DataFrame, periods: np.ndarray, text: np.ndarray,
            factor: np.ndarray, status: np.ndarray, ok: np.ndarray) -> pd.DataFrame:
    """The resolved columns the store needs, for the rows that passed."""
    kept = keys[ok]
    kept_periods = periods[ok]
    scaled = [t if f == 1.0 else _scale_text(t, f) for t, f in zip(text[ok], factor[ok],
                                                                    strict=True)] \
        if (factor[ok] != 1.0).any() else text[ok]
    return pd.DataFrame({
        "indicator_id": kept["indicator_id"].astype(np.int64).to_numpy(),
        "region_code": kept["region_code"].to_numpy(),
        "period_code": kept["period_code"].to_numpy(),
        "period_kind": per_distinct(lambda p: p.kind.value, kept_periods),
        "year": per_distinct(lambda p: p.year, kept_periods, dtype=np.int64),
        "period_number": per_distinct(lambda p: p.number, kept_periods, dtype=np.int64),
        "value_text": scaled, "status": status[ok],
        "note": records["note"].to_numpy(dtype=object)[ok]})


def _scale_text(text: str, factor: float) -> str:
    """Scale a canonical decimal text exactly (万元 → 亿元 keeps every digit)."""
    if factor == 1.0:
        return text
    return format((Decimal(text) * Decimal(repr(float(factor)))).normalize(), "f")

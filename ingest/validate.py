"""Check every record of an upload and resolve it to catalogue terms.

Each check works on whole columns (a file may hold a million rows) and reports the rows it
fails with sheet, row, column, the raw text, a reason and, where one helps, a suggestion,
in Chinese and English. Errors reject the whole file; warnings do not.

Checks: unknown indicator or region (with the closest known names), a region or indicator
the uploader may not write, a unit that does not convert to the indicator's, a value that
is not a number, a period that cannot be read or does not fit the indicator's frequency,
a value outside the indicator's plausible range, an annual figure more than the allowed
factor away from the previous year's, and the same figure given twice with different values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import pandas as pd

from indicators.messages import message
from indicators.periods import Period, PeriodKind
from indicators.units import convert_factor
from indicators.vocab import Frequency, ObservationStatus, ValueType
from ingest.cells import parse_numbers
from ingest.issues import Issue, IssueCollector, Severity
from ingest.period_text import PeriodTextError, parse_period_text
from ingest.permissions import WritePermission
from ingest.references import Catalogue, RegionRef, key_of

_STATUS_TEXT = {"初步": ObservationStatus.PRELIMINARY, "预计": ObservationStatus.PRELIMINARY,
                "快报": ObservationStatus.PRELIMINARY, "preliminary": ObservationStatus.PRELIMINARY,
                "最终": ObservationStatus.FINAL, "终核": ObservationStatus.FINAL,
                "正式": ObservationStatus.FINAL, "final": ObservationStatus.FINAL,
                "修订": ObservationStatus.REVISED, "revised": ObservationStatus.REVISED,
                "": ObservationStatus.FINAL}
_JUMP_TYPES = (ValueType.LEVEL, ValueType.COUNT, ValueType.INDEX)


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


def check_records(records: pd.DataFrame, *, catalogue: Catalogue, permission: WritePermission,
                  previous: Mapping[tuple[int, str, str], float], default_jump_factor: float,
                  region_from_title: str | None = None, allow_jumps: bool = False) -> Checked:
    """Resolve and check every record; see the module docstring for the checks."""
    issues = IssueCollector()
    numbers = parse_numbers(records["value"])
    empty = numbers.missing.to_numpy()
    records = records[~empty].copy()
    numbers_kept = {name: getattr(numbers, name)[~empty] for name in
                    ("text", "value", "invalid", "preliminary")}
    indicator = records["indicator"].map(lambda raw: catalogue.indicators.get(key_of(raw)))
    issues.add(records, indicator.isna(), "ingest.unknown_indicator", "indicator",
               suggest_names=catalogue.indicator_names())
    region_raw = records["region"].where(records["region"] != "", region_from_title or "")
    region = region_raw.map(lambda raw: _region(catalogue, raw))
    issues.add(records.assign(region=region_raw), region.isna(), "ingest.unknown_region",
               "region", suggest_names=catalogue.region_names())
    known = indicator.notna() & region.notna()
    allowed = pd.Series([permission.allows(region=r.code, indicator=i.code) if k else True
                         for r, i, k in zip(region, indicator, known, strict=True)],
                        index=records.index)
    issues.add(records.assign(region=region_raw), known & ~allowed, "ingest.not_permitted",
               "region", suggestion="ingest.not_permitted_hint")
    issues.add(records, numbers_kept["invalid"], "cell.not_a_number", "value",
               suggestion="cell.suggest_number")
    periods = _periods(records)
    issues.add(records, periods.isna() & ~_needs_year(records, periods), "period.unrecognised",
               "period", suggestion="period.suggest")
    issues.add(records, _needs_year(records, periods), "period.needs_year", "period",
               suggestion="period.suggest")
    resolved = records.assign(
        indicator_ref=indicator, region_code=region.map(lambda r: r.code if r else None),
        period_obj=periods, value_text=numbers_kept["text"], number=numbers_kept["value"],
        cell_preliminary=numbers_kept["preliminary"])
    ok = known & allowed & ~numbers_kept["invalid"] & periods.notna()
    resolved = _units(resolved, ok, issues)
    ok = ok & resolved["factor"].notna()
    ok = ok & _fits_frequency(resolved, ok, issues)
    ok = ok & ~_implausible(resolved, ok, issues)
    if not allow_jumps:
        ok = ok & ~_jumps(resolved, ok, issues, previous, default_jump_factor)
    resolved = _statuses(resolved)
    clean = _conflicts(resolved[ok], issues)
    return Checked(rows=_output(clean), issues=issues.issues, issue_counts=issues.counts,
                   empty_cells=int(empty.sum()))


def _region(catalogue: Catalogue, raw: str) -> RegionRef | None:
    """Find a region by code or name, also when the name drops its 市/省/县/区 suffix or
    sits inside a title ("淄博市2017年主要指标")."""
    key = key_of(raw)
    if not key:
        return None
    found = catalogue.regions.get(key)
    if found is None:
        found = next((catalogue.regions.get(key + s) for s in ("市", "省", "县", "区")
                      if catalogue.regions.get(key + s)), None)
    if found is None and len(key) > 8:  # a title: the longest region name inside it
        inside = [r for name, r in catalogue.regions.items() if len(name) >= 2 and name in key]
        found = max(inside, key=lambda r: len(r.name), default=None)
    return found


def _periods(records: pd.DataFrame) -> pd.Series:
    """Parse each distinct (period text, context year) once."""
    pairs = list(zip(records["period"], records["year"], strict=True))
    cache: dict[tuple[str, str], Period | None] = {}
    for text, year in set(pairs):
        try:
            context = int(year) if str(year).strip().isdigit() else None
            cache[(text, year)] = parse_period_text(text, year=context)
        except PeriodTextError:
            cache[(text, year)] = None
    return pd.Series([cache[p] for p in pairs], index=records.index, dtype=object)


def _needs_year(records: pd.DataFrame, periods: pd.Series) -> pd.Series:
    """Tell which unreadable periods only lack a year (1-9月 with no year anywhere)."""
    failed = periods.isna()
    texts = records["period"][failed].unique()
    missing_year = set()
    for text in texts:
        try:
            parse_period_text(text, year=2000)
            missing_year.add(text)
        except PeriodTextError:
            continue
    return failed & records["period"].isin(missing_year)


def _units(resolved: pd.DataFrame, ok: pd.Series, issues: IssueCollector) -> pd.DataFrame:
    factors: dict[tuple[str, str], float | None] = {}
    result = []
    for unit, ref, good in zip(resolved["unit"], resolved["indicator_ref"], ok, strict=True):
        if not good:
            result.append(1.0)
            continue
        pair = (unit.strip(), ref.unit)
        if pair not in factors:
            factors[pair] = 1.0 if not pair[0] else convert_factor(pair[0], pair[1])
        result.append(factors[pair])
    resolved = resolved.assign(factor=pd.Series(result, index=resolved.index, dtype=object))
    bad = ok & resolved["factor"].isna()
    issues.add(resolved.assign(expected=resolved["indicator_ref"].map(
        lambda r: r.unit if r else "")), bad, "ingest.unit_mismatch", "unit",
        per_row={"expected": "expected"}, suggestion="ingest.unit_hint")
    return resolved


def period_fits(frequency: Frequency, period: Period) -> bool:
    """Tell whether an indicator published at `frequency` can have a figure for `period`."""
    if frequency is Frequency.MONTHLY:
        return True
    if frequency is Frequency.QUARTERLY:
        return period.kind is not PeriodKind.MONTH and period.last_month % 3 == 0
    return period.kind is PeriodKind.YEAR or (period.kind is PeriodKind.YEAR_TO_DATE
                                              and period.number == 12)


def _fits_frequency(resolved: pd.DataFrame, ok: pd.Series, issues: IssueCollector) -> pd.Series:
    fits = pd.Series([(not good) or period_fits(ref.frequency, period) for ref, period, good in
                      zip(resolved["indicator_ref"], resolved["period_obj"], ok, strict=True)],
                     index=resolved.index)
    labels = resolved.assign(freq=resolved["indicator_ref"].map(
        lambda r: message(f"frequency.{r.frequency.value}") if r else ""))
    issues.add(labels, ~fits, "ingest.period_frequency", "period", per_row={"frequency": "freq"})
    return fits


def _scaled(resolved: pd.DataFrame) -> pd.Series:
    return resolved["number"] * resolved["factor"].astype(float)


def _implausible(resolved: pd.DataFrame, ok: pd.Series, issues: IssueCollector) -> pd.Series:
    value = _scaled(resolved)
    low = resolved["indicator_ref"].map(lambda r: r.plausible_min if r else None).astype(float)
    high = resolved["indicator_ref"].map(lambda r: r.plausible_max if r else None).astype(float)
    outside = ok & ((value < low) | (value > high))
    labels = resolved.assign(low=low.map(_plain), high=high.map(_plain))
    issues.add(labels, outside, "ingest.out_of_range", "value",
               per_row={"low": "low", "high": "high"})
    return outside


def _jumps(resolved: pd.DataFrame, ok: pd.Series, issues: IssueCollector,
           previous: Mapping[tuple[int, str, str], float], default_factor: float) -> pd.Series:
    """Refuse an annual figure too far from the previous year's (in the file or stored)."""
    annual = ok & resolved["period_obj"].map(
        lambda p: p is not None and p.kind is PeriodKind.YEAR) & resolved["indicator_ref"].map(
        lambda r: r is not None and r.value_type in _JUMP_TYPES)
    if not annual.any():
        return annual
    value = _scaled(resolved)
    known = dict(previous)
    for index in resolved.index[annual]:
        ref, period = resolved.at[index, "indicator_ref"], resolved.at[index, "period_obj"]
        known[(ref.id, resolved.at[index, "region_code"], period.code)] = value[index]
    prior, factor = [], []
    for index in resolved.index:
        if not annual[index]:
            prior.append(np.nan)
            factor.append(np.nan)
            continue
        ref, period = resolved.at[index, "indicator_ref"], resolved.at[index, "period_obj"]
        prior.append(known.get((ref.id, resolved.at[index, "region_code"],
                                str(period.year - 1)), np.nan))
        factor.append(ref.max_jump_factor or default_factor)
    prior_s = pd.Series(prior, index=resolved.index, dtype=float)
    factor_s = pd.Series(factor, index=resolved.index, dtype=float)
    ratio = value / prior_s
    jump = annual & (prior_s > 0) & ((ratio > factor_s) | (ratio < 1 / factor_s))
    labels = resolved.assign(prior=prior_s.map(_plain), factor_text=factor_s.map(_plain))
    issues.add(labels, jump, "ingest.jump", "value", per_row={"previous": "prior",
                                                               "factor": "factor_text"},
               suggestion="ingest.jump_hint")
    return jump


def _statuses(resolved: pd.DataFrame) -> pd.DataFrame:
    """Take the status column first, then a mark in the cell, then one in the header."""
    stated = resolved["status"].str.strip().map(lambda s: _STATUS_TEXT.get(s.casefold()))
    marked = resolved["cell_preliminary"] | resolved["header_status"].isin(("初步", "预计", "快报"))
    fallback = np.where(marked, ObservationStatus.PRELIMINARY, ObservationStatus.FINAL)
    status = stated.where(resolved["status"].str.strip() != "", None)
    return resolved.assign(obs_status=status.where(status.notna(), pd.Series(
        fallback, index=resolved.index)))


def _conflicts(rows: pd.DataFrame, issues: IssueCollector) -> pd.DataFrame:
    """Refuse a figure given twice with different values; keep one copy of exact repeats."""
    if rows.empty:
        return rows
    keyed = rows.assign(indicator_id=rows["indicator_ref"].map(lambda r: r.id),
                        period_code=rows["period_obj"].map(lambda p: p.code),
                        scaled=_scaled(rows))
    group = ["indicator_id", "region_code", "period_code"]
    distinct = keyed.groupby(group)["scaled"].transform("nunique")
    issues.add(keyed, distinct > 1, "ingest.conflict", "value", suggestion="ingest.conflict_hint")
    repeated = keyed.duplicated(group, keep="first") & (distinct == 1)
    issues.add(keyed, repeated, "ingest.repeated", "value", severity=Severity.WARNING)
    return keyed[(distinct == 1) & ~repeated]


def _output(rows: pd.DataFrame) -> pd.DataFrame:
    """The resolved columns the store needs."""
    if rows.empty:
        return pd.DataFrame(columns=["indicator_id", "region_code", "period_code", "period_kind",
                                     "year", "period_number", "value_text", "status", "note"])
    period = rows["period_obj"]
    return pd.DataFrame({
        "indicator_id": rows["indicator_id"].astype(int), "region_code": rows["region_code"],
        "period_code": rows["period_code"], "period_kind": period.map(lambda p: p.kind.value),
        "year": period.map(lambda p: p.year), "period_number": period.map(lambda p: p.number),
        "value_text": [_scale_text(t, f) for t, f in zip(rows["value_text"], rows["factor"],
                                                          strict=True)],
        "status": rows["obs_status"].map(str), "note": rows["note"]})


def _scale_text(text: str, factor: float) -> str:
    """Scale a canonical decimal text exactly (万元 → 亿元 keeps every digit)."""
    if factor == 1.0:
        return text
    return format((Decimal(text) * Decimal(repr(factor))).normalize(), "f")


def _plain(value: float) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "—"
    return f"{value:g}"

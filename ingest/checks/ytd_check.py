"""Year-to-date consistency of cumulative amounts.

A cumulative amount (an indicator valued as a level whose unit is not a ratio: 亿元, 元,
公里, not 吨/万元 or 微克/立方米; rates, shares, growth rates and indices are never
cumulative) has 1–N月 totals that never fall within a year: a 1–9月 total below the
1–6月 one, in the file or against a stored figure, refuses the file (error), naming both
periods and values. And a month, quarter, half or year figure in the file must agree with
the two year-to-date totals in the file that derive it (9月 = 1–9月 − 1–8月, Q3 = 1–9月 −
1–6月, 2016年 = 1–12月), within rounding: half a unit of the last digit of the least
precise figure, or 0.5% of the derived figure, whichever is larger. A disagreement is a
warning, not an error: bureaus revise earlier months inside a later total, so the three
published figures can legitimately disagree, while a falling total cannot happen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from indicators.periods import Period, PeriodKind
from indicators.vocab import ValueType
from ingest.checks.references import IndicatorRef
from ingest.checks.resolved import Resolved, RowTexts, StoredLookup, half_unit, plain
from ingest.reports.issues import IssueCollector, Severity

RELATIVE_TOLERANCE = 0.005
_GROUP = ["indicator", "region", "year"]


def is_cumulative(indicator: IndicatorRef) -> bool:
    """Tell whether an indicator's 1–N月 figures add up over the year (see module)."""
    return indicator.value_type is ValueType.LEVEL and "/" not in indicator.unit


def ytd_checks(figures: Resolved, ok: np.ndarray, issues: IssueCollector,
               stored: StoredLookup) -> np.ndarray:
    """Report falling year-to-date totals (errors) and flows that disagree with the totals
    that derive them (warnings); return the rows refused."""
    chosen = ok & figures.per_period(lambda p: isinstance(p, Period), dtype=bool)
    chosen &= figures.per_indicator(is_cumulative, dtype=bool, default=False)
    refused = np.zeros(len(ok), dtype=bool)
    if not chosen.any():
        return refused
    rows = _rows(figures, chosen)
    totals = rows[rows["kind"] == PeriodKind.YEAR_TO_DATE.value]
    if not totals.empty:
        refused |= _falls(figures, totals, issues, stored)
    _mismatches(figures, rows, totals, issues)
    return refused


def _rows(figures: Resolved, chosen: np.ndarray) -> pd.DataFrame:
    def period(function: Callable[[Any], object], dtype: object = object) -> np.ndarray:
        return figures.per_period(function, chosen, dtype=dtype)

    return pd.DataFrame({
        "indicator": figures.ids[chosen], "region": figures.regions[chosen],
        "year": period(lambda p: p.year, np.int64), "kind": period(lambda p: p.kind.value),
        "first": period(lambda p: p.first_month, np.int64),
        "last": period(lambda p: p.last_month, np.int64), "code": period(lambda p: p.code),
        "value": figures.value[chosen], "half": figures.half_units(chosen),
        "position": np.flatnonzero(chosen)}).drop_duplicates([*_GROUP, "code"])


def _with_stored(totals: pd.DataFrame, stored: StoredLookup) -> pd.DataFrame:
    """The file's totals and the stored totals of the same years (the file's win)."""
    codes = {Period(int(y), PeriodKind.YEAR_TO_DATE, n).code
             for y in totals["year"].unique() for n in range(1, 13)}
    saved = stored(codes)
    if saved.empty:
        return totals
    saved = saved.assign(year=[int(c[:4]) for c in saved["code"]],
                         last=[int(c[-2:]) for c in saved["code"]],
                         half=[half_unit(plain(v)) for v in saved["value"]], position=-1)
    groups = totals[_GROUP].drop_duplicates()
    saved = saved.merge(groups, on=_GROUP)
    combined = pd.concat([totals, saved], ignore_index=True)
    return combined.drop_duplicates([*_GROUP, "code"], keep="first")


def _falls(figures: Resolved, totals: pd.DataFrame, issues: IssueCollector,
           stored: StoredLookup) -> np.ndarray:
    """Refuse a total below the largest total of an earlier month of the same year."""
    series = _with_stored(totals, stored).sort_values([*_GROUP, "last"]).reset_index(drop=True)
    group = series.groupby(_GROUP, sort=False)
    top = group["value"].cummax()
    leader = series[["code", "value", "half", "position"]].where(series["value"] >= top)
    leader = leader.groupby([series[g] for g in _GROUP], sort=False).ffill()
    earlier = leader.groupby([series[g] for g in _GROUP], sort=False).shift()
    tolerance = np.maximum(series["half"].to_numpy(), earlier["half"].fillna(0).to_numpy())
    falls = series["value"].to_numpy() < earlier["value"].to_numpy() - tolerance
    falls &= earlier["value"].notna().to_numpy()
    later_at, earlier_at = series["position"].to_numpy(), earlier["position"].to_numpy()
    # Blame the later total when it is in the file, else the earlier one (a stored later
    # total was checked before; this file's earlier one is what moved).
    at = np.where(later_at >= 0, later_at, earlier_at)
    texts = RowTexts(len(figures.ids), ("later_value", "earlier_value"),
                     periods=("later", "earlier"))
    mask = np.zeros(len(figures.ids), dtype=bool)
    for row in np.flatnonzero(falls & (np.nan_to_num(at, nan=-1) >= 0)):
        position = int(at[row])
        mask[position] = True
        texts.set(position, later=series["code"].iat[row], earlier=earlier["code"].iat[row],
                  later_value=plain(series["value"].iat[row]),
                  earlier_value=plain(earlier["value"].iat[row]))
    labelled, per_row = texts.labelled(figures.records)
    issues.add(labelled, mask, "ingest.ytd_falls", "value", per_row=per_row,
               suggestion="ingest.ytd_falls_hint")
    return mask


def _mismatches(figures: Resolved, rows: pd.DataFrame, totals: pd.DataFrame,
                issues: IssueCollector) -> None:
    """Warn where a flow figure differs from the difference of the two totals around it."""
    flows = rows[rows["kind"] != PeriodKind.YEAR_TO_DATE.value]
    if flows.empty or totals.empty:
        return
    ends = totals[[*_GROUP, "last", "value", "half", "code"]]
    found = flows.merge(ends, on=[*_GROUP, "last"], suffixes=("", "_end"))
    starts = ends.rename(columns={"last": "start"})
    found = found.assign(start=found["first"] - 1).merge(
        starts, on=[*_GROUP, "start"], how="left", suffixes=("", "_start"))
    opening = found["start"] == 0  # 1月, Q1, H1, the year: the total itself
    found = found[opening | found["value_start"].notna()]
    if found.empty:
        return
    start_value = found["value_start"].fillna(0).to_numpy()
    derived = found["value_end"].to_numpy() - start_value
    tolerance = np.maximum.reduce([found["half"].to_numpy(), found["half_end"].to_numpy(),
                                   found["half_start"].fillna(0).to_numpy(),
                                   RELATIVE_TOLERANCE * np.abs(derived)])
    off = np.abs(found["value"].to_numpy() - derived) > tolerance + 1e-9
    _report_mismatches(figures, found[off], derived[off], issues)


def _report_mismatches(figures: Resolved, found: pd.DataFrame, derived: np.ndarray,
                       issues: IssueCollector) -> None:
    texts = RowTexts(len(figures.ids), ("derived", "later_value", "earlier_value"),
                     periods=("period", "later", "earlier"))
    mask = np.zeros(len(figures.ids), dtype=bool)
    for row, value in zip(found.itertuples(index=False), derived, strict=True):
        position = int(row.position)
        mask[position] = True
        start = "" if pd.isna(row.code_start) else str(row.code_start)
        texts.set(position, period=row.code, derived=plain(value), later=row.code_end,
                  later_value=plain(row.value_end), earlier=start,
                  earlier_value=plain(row.value_start) if start else "0")
    labelled, per_row = texts.labelled(figures.records)
    issues.add(labelled, mask, "ingest.ytd_mismatch", "value", per_row=per_row,
               suggestion="ingest.ytd_mismatch_hint", severity=Severity.WARNING)

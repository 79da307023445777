"""Compare each figure with its neighbours in its series: a unit mistake, or a jump.

A figure about 10ⁿ times (n = ±3, ±4, ±5 or ±8, within `UNIT_TOLERANCE` in log10) the
neighbouring figures of its series is reported as a likely unit mistake
("单位可能有误（万元/亿元）", with the corrected value as the suggestion); otherwise an
annual figure more than the allowed factor away from the previous year's is reported as
a jump (not for census revisions, nor when jumps are allowed; the unit check runs even
then, since no change of basis multiplies a figure by ten thousand).

A figure's neighbours: before it, the same period a year earlier (in the file, else
stored), else the period before it within the year (in the file), else the stored figure
for the same period; after it, the same period a year later, else the next period within
the year (in the file). A figure is blamed when it is off from both neighbours by the same
power of ten; with one neighbour, when that neighbour is not itself blamed (after) or is
confirmed by its own next neighbour (before). Of two lone figures the later is blamed, as
the jump check does. Levels, counts and indices only: rates and shares have no unit scale.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from indicators.arithmetic.units import unit_factor
from indicators.periods import Period, PeriodKind
from indicators.vocab import ValueType
from ingest.checks.resolved import (
    Resolved,
    RowTexts,
    StoredLookup,
    per_distinct,
    plain,
    power_of_ten,
)
from ingest.reports.issues import MAX_ISSUES_PER_KIND, IssueCollector

JUMP_TYPES = (ValueType.LEVEL, ValueType.COUNT, ValueType.INDEX)
UNIT_TOLERANCE = 0.15  # |log10(ratio) − n| below this: off by 10ⁿ
# The powers by which 元, 千元, 万元 and 亿元 (人/万人, 吨/万吨 …) differ: the mistakes a clerk
# makes. Other powers are left to the jump check: 7–14× or 70–140× is ordinary change for
# a small county's monthly figure (the ingest benchmark's noisy series met such ratios 187
# times in 20,000 figures), and no common unit pair differs by 10 or 100.
CONFUSED_POWERS = (3, 4, 5, 8)
_PREFIXES = ("", "百", "千", "万", "百万", "千万", "亿", "万亿")
_KEY = ["indicator", "region", "code"]


def history_checks(figures: Resolved, ok: np.ndarray, issues: IssueCollector,
                   stored: StoredLookup, *, default_factor: float,
                   jump_rows: np.ndarray) -> np.ndarray:
    """Report unit mistakes and (on `jump_rows`) jumps; return the rows refused."""
    eligible = ok & figures.per_period(lambda p: isinstance(p, Period), dtype=bool)
    eligible &= figures.per_indicator(lambda i: i.value_type in JUMP_TYPES, dtype=bool,
                                      default=False)
    refused = np.zeros(len(ok), dtype=bool)
    if not eligible.any():
        return refused
    rows = _neighbours(_rows(figures, eligible), stored)
    suspect, power = _suspects(rows)
    positions = rows["position"].to_numpy()
    refused[positions[suspect]] = True
    _report_units(figures, rows, suspect, power, issues)
    jump = _jumps(figures, rows, suspect, power, default_factor) & jump_rows[positions]
    refused[positions[jump]] = True
    if jump.any():
        _report_jumps(figures, rows, jump, power, default_factor, issues)
    return refused


def _shifted(period: Period | None, years: int, within: int) -> str:
    """The code of the period `years` later or `within` periods later in the same year."""
    if not isinstance(period, Period):
        return ""
    number = period.number + within
    if within and (period.kind is PeriodKind.YEAR or not 1 <= number <= _last(period.kind)):
        return ""
    try:
        return Period(period.year + years, period.kind, number).code
    except ValueError:
        return ""


def _last(kind: PeriodKind) -> int:
    return {PeriodKind.HALF: 2, PeriodKind.QUARTER: 4}.get(kind, 12)


def _rows(figures: Resolved, eligible: np.ndarray) -> pd.DataFrame:
    def period(function: Callable[[Any], object], dtype: object = object) -> np.ndarray:
        return figures.per_period(function, eligible, dtype=dtype)

    return pd.DataFrame({
        "indicator": figures.ids[eligible], "region": figures.regions[eligible],
        "code": period(lambda p: p.code),
        "last_year": period(lambda p: _shifted(p, -1, 0)),
        "next_year": period(lambda p: _shifted(p, 1, 0)),
        "before": period(lambda p: _shifted(p, 0, -1)),
        "after": period(lambda p: _shifted(p, 0, 1)),
        "annual": period(lambda p: isinstance(p, Period) and p.kind is PeriodKind.YEAR,
                         dtype=bool),
        "value": figures.value[eligible], "position": np.flatnonzero(eligible)})


def _lookup(rows: pd.DataFrame, table: pd.DataFrame, on: str) -> pd.DataFrame:
    """The value (and row index, -1 for stored) found in `table` for each row's `on` code."""
    found = rows[["indicator", "region", on]].merge(
        table.rename(columns={"code": on}), on=["indicator", "region", on], how="left")
    return found[["value", "index"]]


def _neighbours(rows: pd.DataFrame, stored: StoredLookup) -> pd.DataFrame:
    """Add each row's neighbour before (prev, prev_index, prev_year) and after (next,
    next_index): see the module docstring."""
    in_file = rows[[*_KEY, "value"]].assign(index=np.arange(len(rows)))
    in_file = in_file.drop_duplicates(_KEY)
    codes = set(rows["last_year"]) | set(rows["code"])
    saved = stored(codes - {""}).assign(index=-1)
    candidates_before = [(in_file, "last_year"), (saved, "last_year"), (in_file, "before"),
                         (saved, "code")]
    prev, prev_index, prev_year, prev_code = _first_found(rows, candidates_before,
                                                          last_year_first=2)
    after, after_index, _, next_code = _first_found(
        rows, [(in_file, "next_year"), (in_file, "after")], last_year_first=0)
    return rows.assign(prev=prev, prev_index=prev_index, prev_year=prev_year,
                       prev_code=prev_code, next=after, next_index=after_index,
                       next_code=next_code)


def _first_found(rows: pd.DataFrame, candidates: list[tuple[pd.DataFrame, str]],
                 last_year_first: int) -> tuple[np.ndarray, ...]:
    """The first candidate found for each row: its value, row index (-1: stored), whether
    it is one of the first `last_year_first` candidates (the same period a year earlier),
    and its period code."""
    value = np.full(len(rows), np.nan)
    index = np.full(len(rows), -1, dtype=np.int64)
    year = np.zeros(len(rows), dtype=bool)
    code = np.full(len(rows), "", dtype=object)
    for number, (table, on) in enumerate(candidates):
        if table.empty:
            continue
        found = _lookup(rows, table, on)
        fill = np.isnan(value) & found["value"].notna().to_numpy()
        value[fill] = found["value"].to_numpy()[fill]
        index[fill] = found["index"].to_numpy()[fill].astype(np.int64)
        year[fill] = number < last_year_first
        code[fill] = rows[on].to_numpy()[fill]
    return value, index, year, code


def power_off(value: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """n where value ≈ 10ⁿ × reference (|n| one of CONFUSED_POWERS), else 0."""
    with np.errstate(invalid="ignore", divide="ignore"):
        exponent = np.log10(value / reference)
    rounded = np.rint(np.nan_to_num(exponent, nan=0.0, posinf=0.0, neginf=0.0))
    close = np.abs(exponent - rounded) < UNIT_TOLERANCE
    return np.where(close & np.isin(np.abs(rounded), CONFUSED_POWERS)
                    & (reference > 0) & (value > 0), rounded, 0).astype(np.int64)


def _suspects(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Which rows are off by a power of ten, and that power (see the module docstring)."""
    value = rows["value"].to_numpy()
    off_prev = power_off(value, rows["prev"].to_numpy())
    off_next = power_off(value, rows["next"].to_numpy())
    has_prev, has_next = rows["prev"].notna().to_numpy(), rows["next"].notna().to_numpy()
    prev_index, next_index = rows["prev_index"].to_numpy(), rows["next_index"].to_numpy()
    both = has_prev & has_next & (off_prev != 0) & (off_prev == off_next)
    prev_blamed = np.where(prev_index >= 0, both[np.maximum(prev_index, 0)], False)
    only_prev = has_prev & ~has_next & (off_prev != 0) & ~prev_blamed
    next_row = np.maximum(next_index, 0)
    confirmed = (next_index >= 0) & has_next[next_row] & (off_next[next_row] == 0)
    only_next = ~has_prev & has_next & (off_next != 0) & confirmed
    suspect = both | only_prev | only_next
    return suspect, np.where(has_prev & (off_prev != 0), off_prev, off_next) * suspect


def _jumps(figures: Resolved, rows: pd.DataFrame, suspect: np.ndarray, power: np.ndarray,
           default_factor: float) -> np.ndarray:
    """Annual figures too far from the previous year's (that one corrected when it is a
    unit mistake itself)."""
    prior = _prior(rows, power)
    limit = _limits(figures, rows, default_factor)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratio = rows["value"].to_numpy() / prior
        beyond = (prior > 0) & ((ratio > limit) | (ratio < 1 / limit))
    return rows["annual"].to_numpy() & rows["prev_year"].to_numpy() & ~suspect & beyond


def _prior(rows: pd.DataFrame, power: np.ndarray) -> np.ndarray:
    index = rows["prev_index"].to_numpy()
    corrected = np.where(index >= 0, power[np.maximum(index, 0)], 0)
    return rows["prev"].to_numpy() / 10.0 ** corrected


def _limits(figures: Resolved, rows: pd.DataFrame, default_factor: float) -> np.ndarray:
    def limit(i: int) -> float:
        found = figures.by_id[i].max_jump_factor
        return default_factor if found is None else float(found)

    return per_distinct(limit, rows["indicator"].to_numpy(), dtype=float)


def _report_jumps(figures: Resolved, rows: pd.DataFrame, jump: np.ndarray, power: np.ndarray,
                  default_factor: float, issues: IssueCollector) -> None:
    positions = rows["position"].to_numpy()
    prior = np.full(len(figures.ids), "", dtype=object)
    prior[positions] = [plain(v) for v in _prior(rows, power)]
    factor = np.full(len(figures.ids), "", dtype=object)
    factor[positions] = [plain(v) for v in _limits(figures, rows, default_factor)]
    mask = np.zeros(len(figures.ids), dtype=bool)
    mask[positions[jump]] = True
    issues.add(figures.records.assign(prior=prior, factor_text=factor), mask, "ingest.jump",
               "value", per_row={"previous": "prior", "factor": "factor_text"},
               suggestion="ingest.jump_hint")


def _report_units(figures: Resolved, rows: pd.DataFrame, suspect: np.ndarray,
                  power: np.ndarray, issues: IssueCollector) -> None:
    """One issue per suspect figure, naming the likely units and the corrected value (the
    texts are made for the figures a report lists, not for every one counted)."""
    if not suspect.any():
        return
    positions = rows["position"].to_numpy()
    written = figures.written_unit()
    texts = RowTexts(len(figures.ids), ("units", "scale", "expected", "unit", "corrected",
                                        "written"), periods=("reference",))
    named = np.zeros(len(figures.ids), dtype=bool)
    for row in np.flatnonzero(suspect)[:2 * MAX_ISSUES_PER_KIND]:
        position, n = positions[row], int(power[row])
        before = power_off(rows["value"].to_numpy()[row:row + 1],
                           rows["prev"].to_numpy()[row:row + 1])[0] == n
        units = likely_units(str(written[position]), n)
        texts.set(position, units=units, scale=power_of_ten(n),
                  expected=plain(rows["prev" if before else "next"].iat[row]),
                  reference=rows["prev_code" if before else "next_code"].iat[row],
                  unit=figures.by_id[int(rows["indicator"].iat[row])].unit,
                  corrected=corrected_text(figures.text[position], n),
                  written=written[position])
        named[position] = bool(units)
    mask = np.zeros(len(figures.ids), dtype=bool)
    mask[positions[suspect]] = True
    labelled, per_row = texts.labelled(figures.records)
    hint = {"corrected": "_corrected", "unit": "_written"}
    issues.add(labelled, mask & named, "ingest.unit_suspect", "value", per_row=per_row,
               suggestion="ingest.unit_suspect_hint", per_row_suggestion=hint)
    issues.add(labelled, mask & ~named, "ingest.unit_suspect_scale", "value", per_row=per_row,
               suggestion="ingest.unit_suspect_hint", per_row_suggestion=hint)


def likely_units(written: str, power: int) -> str:
    """"万元/亿元": the unit the figure was likely given in, and the unit written, when
    the written unit's family names a unit 10^power smaller; else ""."""
    base = written
    while len(base) > 1 and base[0] in "万亿千百" and unit_factor(base[1:], written):
        base = base[1:]
    for prefix in _PREFIXES:
        candidate = prefix + base
        found = unit_factor(candidate, written)
        if candidate != written and found and abs(np.log10(found) + power) < 1e-9:
            return f"{candidate}/{written}"
    return ""


def corrected_text(text: object, power: int) -> str:
    """The written number divided by 10^power, every digit kept ("12345000", 4 → "1234.5")."""
    return format(Decimal(str(text)).scaleb(-power).normalize(), "f")

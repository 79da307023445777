"""The records of an upload once resolved to catalogue terms, as the column-wide checks
after the first ones see them, and the per-distinct helper every check uses.

Kept apart from `ingest.checks.validate` so the checks that compare a figure with others
(`unit_check`, `ytd_check`) live in modules of their own without importing the module that
calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from indicators.periods import PeriodError, PeriodKind, parse_period
from indicators.text.messages import Language, message
from ingest.checks.references import IndicatorRef
from ingest.reports.issues import Localised

# The newest stored figure of each series for the period codes asked for, as a frame with
# the columns of `STORED_COLUMNS` (a frame, not a dict: a revision of a million figures
# compares with a million stored ones).
StoredLookup = Callable[[Collection[str]], pd.DataFrame]
STORED_COLUMNS = ["indicator", "region", "code", "value"]


@dataclass(frozen=True)
class Resolved:
    """One row per record: its indicator id (-1: unknown), region code (None: unknown),
    Period (None: unread), value in the indicator's unit, the number as written (canonical
    decimal text) and the factor from its written unit to the indicator's."""

    records: pd.DataFrame
    ids: np.ndarray
    regions: np.ndarray
    periods: np.ndarray
    value: np.ndarray
    text: np.ndarray
    factor: np.ndarray
    by_id: Mapping[int, IndicatorRef]

    @cached_property
    def _period_index(self) -> tuple[np.ndarray, np.ndarray]:
        codes, uniques = pd.factorize(np.asarray(self.periods, dtype=object),
                                      use_na_sentinel=False)
        return codes, np.asarray(uniques, dtype=object)

    def per_period(self, function: Callable[[Any], object], rows: np.ndarray | None = None,
                   dtype: object = object) -> np.ndarray:
        """`function` of each row's period (None when unread), once per distinct period;
        only for `rows` (a mask) when given."""
        codes, uniques = self._period_index
        table = np.empty(len(uniques), dtype=dtype)
        table[:] = [function(u) for u in uniques]
        picked = codes if rows is None else codes[rows]
        return table[picked] if len(uniques) else np.empty(len(picked), dtype=dtype)

    def per_indicator(self, function: Callable[[IndicatorRef], object],
                      dtype: object = object, default: object = None) -> np.ndarray:
        """`function` of each row's indicator (`default` when unknown)."""
        return per_distinct(lambda i: function(self.by_id[i]) if i in self.by_id else default,
                            self.ids, dtype=dtype)

    def written_unit(self) -> np.ndarray:
        """Each row's unit as written, or its indicator's unit when the row gives none."""
        def unit(written: str, indicator: int) -> str:
            found = str(written).strip()
            return found or (self.by_id[indicator].unit if indicator in self.by_id else "")

        return per_distinct(unit, self.records["unit"], self.ids)

    def half_units(self, rows: np.ndarray) -> np.ndarray:
        """Half a unit of the last written digit of each figure in `rows` (a mask), in the
        indicator's unit: the rounding a figure as written may carry."""
        half = per_distinct(half_unit, self.text[rows], dtype=float)
        factor = self.factor[rows]
        return half * np.where(np.isnan(factor), 1.0, factor)


def half_unit(text: object) -> float:
    """Half a unit of the last digit of a decimal text ("2345.6" → 0.05, "12" → 0.5)."""
    try:
        exponent = Decimal(str(text)).as_tuple().exponent
    except InvalidOperation:
        return 0.5
    return 0.5 * 10.0 ** min(int(exponent), 0) if isinstance(exponent, int) else 0.5


def per_distinct(function: Callable[..., object], *columns: pd.Series | np.ndarray,
                 dtype: object = object) -> np.ndarray:
    """Apply `function` once per distinct combination of the columns' values and return
    the per-row results."""
    if len(columns) == 1:
        codes, uniques = pd.factorize(np.asarray(columns[0], dtype=object), use_na_sentinel=False)
        results = [function(u) for u in uniques]
    else:
        frame = pd.DataFrame({i: np.asarray(c, dtype=object) for i, c in enumerate(columns)})
        codes = frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup().to_numpy()
        results = [function(*row) for row in frame.drop_duplicates().itertuples(index=False)]
    table = np.empty(len(results), dtype=dtype)
    table[:] = results
    return table[codes] if len(results) else np.empty(0, dtype=dtype)


def plain(value: float | None) -> str:
    """A number as a report shows it, in plain digits to 12 significant ones: "4130",
    "0.25", "44120000", "—" when missing."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return "—"
    return format(Decimal(f"{value:.12g}").normalize(), "f")


def stored_frame(stored: Mapping[tuple[int, str, str], float]) -> pd.DataFrame:
    """Stored figures as a frame with columns indicator, region, code, value."""
    return pd.DataFrame([(i, r, p, v) for (i, r, p), v in stored.items()],
                        columns=STORED_COLUMNS)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(power: int) -> str:
    """"10⁴", "10⁻³": a power of ten as a report writes it."""
    return "10" + str(power).translate(_SUPERSCRIPT)


def period_label(code: str, language: Language) -> str:
    """A period code as a clerk reads it: 2017YTD09 → "2017年1–9月" / "2017, months 1–9"."""
    try:
        period = parse_period(code)
    except PeriodError:
        return code
    key = f"period.label_{period.kind.value}"
    if period.kind is PeriodKind.HALF:
        key += str(period.number)
    return message(key, language, year=period.year, number=period.number)


class RowTexts:
    """Per-row texts filling a message's placeholders, set for the rows a check reports.
    A name in `periods` holds a period code and fills its placeholder with the period's
    label in the message's language."""

    def __init__(self, size: int, names: Iterable[str], periods: Iterable[str] = ()) -> None:
        self.periods = tuple(periods)
        self.columns = {name: np.full(size, "", dtype=object)
                        for name in (*names, *self.periods)}

    def set(self, position: int, **texts: object) -> None:
        for name, text in texts.items():
            if name in self.periods:
                self.columns[name][position] = Localised(
                    *(period_label(str(text), language) if text else "—"
                      for language in (Language.ZH, Language.EN)))
            else:
                self.columns[name][position] = str(text)

    def labelled(self, records: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
        """The records with the texts as columns, and the placeholders they fill."""
        frame = records.assign(**{f"_{name}": column for name, column in self.columns.items()})
        return frame, {name: f"_{name}" for name in self.columns}

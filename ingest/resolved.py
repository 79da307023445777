"""The records of an upload once resolved to catalogue terms, as the column-wide checks
after the first ones see them, and the per-distinct helper every check uses.

Kept apart from `ingest.validate` so the checks that compare a figure with others
(`ingest.unit_check`, `ingest.ytd_check`) live in modules of their own without importing
the module that calls them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import numpy as np
import pandas as pd

from ingest.references import IndicatorRef

# Stored figures by (indicator id, region code, period code), newest vintage, for the
# period codes asked for.
StoredLookup = Callable[[Collection[str]], Mapping[tuple[int, str, str], float]]


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

    def written_unit(self) -> np.ndarray:
        """Each row's unit as written, or its indicator's unit when the row gives none."""
        def unit(written: str, indicator: int) -> str:
            found = str(written).strip()
            return found or (self.by_id[indicator].unit if indicator in self.by_id else "")

        return per_distinct(unit, self.records["unit"], self.ids)

    def half_units(self) -> np.ndarray:
        """Half a unit of each figure's last written digit, in the indicator's unit: the
        rounding a figure as written may carry."""
        half = per_distinct(half_unit, self.text, dtype=float)
        return half * np.where(np.isnan(self.factor), 1.0, self.factor)


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
                        columns=["indicator", "region", "code", "value"])

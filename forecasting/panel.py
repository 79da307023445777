"""A panel of series as one right-aligned matrix, so that every method is array arithmetic
across series: row i holds series i, its last figure in the last column, NaN before its
first. Dropping the last j columns gives every series' history as it stood j steps ago."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SEASON_LENGTH = {"Y": 1, "A": 1, "Q": 4, "M": 12}


@dataclass(frozen=True)
class Panel:
    """Series of one frequency, right-aligned; `lengths` counts from the first figure."""

    ids: np.ndarray  # series ids, in row order
    values: np.ndarray  # (n, T) float, NaN before each series' first figure and in gaps
    lengths: np.ndarray  # (n,) periods from the first figure to the last, gaps included
    last_periods: pd.PeriodIndex  # (n,) each series' last period
    freq: str  # "Y", "Q" or "M"

    @property
    def season_length(self) -> int:
        return SEASON_LENGTH[self.freq]

    @property
    def counts(self) -> np.ndarray:
        """Return how many figures each series has (gaps not counted)."""
        return np.sum(~np.isnan(self.values), axis=1)

    def take(self, rows: np.ndarray) -> Panel:
        """Return the panel of the given rows, trimmed to their longest history."""
        lengths = self.lengths[rows]
        width = int(lengths.max()) if len(rows) else 0
        return Panel(self.ids[rows], self.values[rows][:, self.values.shape[1] - width:],
                     lengths, self.last_periods[rows], self.freq)


def frequency_of(periods: pd.Series) -> pd.Series:
    """Return each period's frequency code ("Y", "Q", "M"); one look for a Period column."""
    if isinstance(periods.dtype, pd.PeriodDtype):
        code = periods.dtype.freq.freqstr[0]
        return pd.Series("Y" if code == "A" else code, index=periods.index)
    return periods.map(lambda p: p.freqstr[0]).replace({"A": "Y"})


def _ordinals(periods: pd.Series) -> np.ndarray:
    if isinstance(periods.dtype, pd.PeriodDtype):
        return periods.array.asi8
    return np.fromiter((p.ordinal for p in periods), dtype=np.int64, count=len(periods))


def panels_from_tidy(history: pd.DataFrame) -> list[Panel]:
    """Split a tidy frame (series_id, period, value) into one panel per frequency."""
    frame = history[["series_id", "period", "value"]].dropna(subset=["value"])
    frame = frame.assign(freq=frequency_of(frame["period"]))
    panels = []
    for freq, part in frame.groupby("freq", sort=True):
        panels.append(_panel_of(part, str(freq)))
    return panels


def _panel_of(part: pd.DataFrame, freq: str) -> Panel:
    ordinals = _ordinals(part["period"])
    codes, ids = pd.factorize(part["series_id"], sort=True)
    n = len(ids)
    last = np.full(n, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, ordinals)
    first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(first, codes, ordinals)
    lengths = last - first + 1
    width = int(lengths.max())
    values = np.full((n, width), np.nan)
    column = width - 1 - (last[codes] - ordinals)
    values[codes, column] = part["value"].to_numpy(dtype=float)
    last_periods = pd.PeriodIndex.from_ordinals(last, freq=freq)
    return Panel(np.asarray(ids, dtype=object), values, lengths, last_periods, freq)


def future_periods(panel: Panel, horizon: int) -> np.ndarray:
    """Return the ordinals of the next `horizon` periods of every series, (n, horizon)."""
    return panel.last_periods.asi8[:, None] + np.arange(1, horizon + 1)[None, :]

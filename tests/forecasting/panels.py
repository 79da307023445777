"""Synthetic panels shared by the forecasting tests (a helper module, not a test module)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def yearly(series: dict[str, list[float]], start: int = 2005) -> pd.DataFrame:
    """A tidy yearly panel: one row per series and year, from `start`."""
    rows = [(sid, pd.Period(year=start + k, freq="Y"), v)
            for sid, values in series.items() for k, v in enumerate(values)]
    return pd.DataFrame(rows, columns=["series_id", "period", "value"])


def synthetic_panel(n: int = 60, seed: int = 1) -> pd.DataFrame:
    """`n` random walks with drift, 4 to 15 years long, each with its own drift and noise."""
    rng = np.random.default_rng(seed)
    series = {}
    for i in range(n):
        length = int(rng.integers(4, 16))
        steps = rng.normal(rng.normal(2, 1), rng.uniform(0.5, 3), length)
        series[f"s{i:03d}"] = list(100 + np.cumsum(steps))
    return yearly(series)

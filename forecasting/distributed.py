"""`forecast_panel` on a Dask cluster: the same result, computed by series partitions.

The expensive phase (every series forecast from every backtest origin) runs on the
workers, one partition of whole series each; the driver pools their backtest errors into
the calibration, exactly as one call would, and attaches it. The result equals
`forecast_panel` on the whole panel, bit for bit. Needs only a client with `map` and
`gather` (``dask.distributed.Client``, from the optional ``distributed`` extra); this module
imports nothing from Dask.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from forecasting.panel_forecast import (
    BacktestedPart,
    PanelForecast,
    backtest_panel,
    calibrate,
    finish,
)


def split_by_series(history: pd.DataFrame, n_parts: int) -> list[pd.DataFrame]:
    """Split a tidy panel into at most `n_parts` frames of whole series, near-equal in
    the number of series."""
    codes, ids = pd.factorize(history["series_id"], sort=True)
    count = max(len(ids), 1)
    part_of_row = codes * min(n_parts, count) // count
    return [rows.reset_index(drop=True) for _, rows in history.groupby(part_of_row, sort=True)]


def _part_horizon(history: pd.DataFrame, horizon: int | pd.Series) -> int | pd.Series:
    """The horizons of one part's series (sent with the part, not as a shared argument:
    Dask turns a large keyword argument into a task of its own)."""
    if isinstance(horizon, pd.Series):
        return horizon[horizon.index.isin(history["series_id"].unique())]
    return horizon


def _backtest(history: pd.DataFrame, horizon: int | pd.Series,
              max_horizon: int) -> list[BacktestedPart]:
    return backtest_panel(history, horizon, max_horizon=max_horizon)


def forecast_panel_distributed(client: Any, history: pd.DataFrame, horizon: int | pd.Series,
                               levels: Sequence[int] = (80, 95), *, seed: int = 0,
                               n_parts: int | None = None) -> PanelForecast:
    """Forecast a panel on `client`'s workers, partitioned by series; equal to
    `forecast_panel(history, horizon, levels, seed=seed)`."""
    max_horizon = int(horizon.max()) if isinstance(horizon, pd.Series) else int(horizon)
    workers = len(client.scheduler_info().get("workers", {})) or 1
    parts = split_by_series(history, n_parts or 2 * workers)
    horizons = [_part_horizon(part, horizon) for part in parts]
    futures = client.map(_backtest, parts, horizons, max_horizon=max_horizon, pure=False)
    backtested = [part for result in client.gather(futures) for part in result]
    return finish(backtested, calibrate(backtested), levels, seed=seed)

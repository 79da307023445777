"""forecast_panel on a local two-worker Dask cluster equals the single-process call.

`forecasting.distributed.forecast_panel_distributed` backtests partitions of whole series
on the workers and calibrates on the driver; here on short yearly series (4 to 15 points,
different start years, horizons 1 to 6) as the bench's yearly panel has them. Needs the
``distributed`` extra (skipped without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("distributed")

from dask.distributed import Client, LocalCluster

from forecasting import forecast_panel
from forecasting.distributed import forecast_panel_distributed


def _panel(n_series: int = 40, seed: int = 7) -> tuple[pd.DataFrame, pd.Series]:
    """Yearly series of 4 to 15 points (trend, noise, positive), horizons 1 to 6."""
    rng = np.random.default_rng(seed)
    frames = []
    for i in range(n_series):
        n = int(rng.integers(4, 16))
        level, slope = rng.uniform(50, 500), rng.normal(0, 5)
        values = level + slope * np.arange(n) + rng.normal(0, level * 0.05, n)
        frames.append(pd.DataFrame({
            "series_id": f"S{i:03d}",
            "period": pd.period_range(str(2000 + int(rng.integers(0, 10))), periods=n,
                                      freq="Y"),
            "value": np.abs(values)}))
    history = pd.concat(frames, ignore_index=True)
    horizons = pd.Series(rng.integers(1, 7, n_series),
                         index=pd.Index([f"S{i:03d}" for i in range(n_series)],
                                        name="series_id"))
    return history, horizons


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A LocalCluster of two worker processes, one thread each, no dashboard."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as dask_client:
        yield dask_client


def test_two_workers_give_the_single_process_result_exactly(client: Any) -> None:
    history, horizons = _panel()
    local = forecast_panel(history, horizons, levels=(80, 95), seed=0)
    spread = forecast_panel_distributed(client, history, horizons, (80, 95), seed=0, n_parts=5)
    assert set(spread.frame["series_id"]) == set(horizons.index)
    pd.testing.assert_frame_equal(spread.frame, local.frame, check_exact=True)
    pd.testing.assert_frame_equal(spread.models, local.models, check_exact=True)


def test_an_int_horizon_gives_the_single_process_result_exactly(client: Any) -> None:
    history, _ = _panel(12, seed=3)
    local = forecast_panel(history, 3, levels=(80, 95), seed=0)
    spread = forecast_panel_distributed(client, history, 3, (80, 95), seed=0, n_parts=4)
    assert set(spread.frame["step"]) == {1, 2, 3}
    pd.testing.assert_frame_equal(spread.frame, local.frame, check_exact=True)

"""Partitioned by series, on one process or on a two-worker Dask cluster, the forecast
equals the whole-panel call exactly."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
import pytest

from forecasting import forecast_panel
from forecasting.distributed import forecast_panel_distributed, split_by_series
from forecasting.panel_forecast import backtest_panel, calibrate, finish
from tests.forecasting.panels import synthetic_panel
from tests.strict import skip_or_fail


def panel_and_horizons(n: int = 90) -> tuple[pd.DataFrame, pd.Series]:
    history = synthetic_panel(n, seed=4)
    ids = sorted(history["series_id"].unique())
    horizons = pd.Series(np.random.default_rng(1).integers(1, 7, len(ids)), index=ids)
    return history, horizons


def test_any_split_by_series_gives_the_whole_panel_result_exactly() -> None:
    history, horizons = panel_and_horizons()
    whole = forecast_panel(history, horizons, seed=3)
    parts = [p for part in split_by_series(history, 4)
             for p in backtest_panel(part, horizons[horizons.index.isin(part["series_id"])],
                                     max_horizon=int(horizons.max()))]
    split = finish(parts, calibrate(parts), seed=3)
    pd.testing.assert_frame_equal(whole.frame, split.frame, check_exact=True)
    pd.testing.assert_frame_equal(whole.models, split.models, check_exact=True)
    np.testing.assert_array_equal(whole.paths("s007", 100), split.paths("s007", 100))


def test_split_keeps_whole_series_together() -> None:
    history, _ = panel_and_horizons(30)
    parts = split_by_series(history, 4)
    assert len(parts) == 4
    seen = [set(p["series_id"]) for p in parts]
    assert sum(len(s) for s in seen) == 30 and set.union(*seen) == set(history["series_id"])


@pytest.fixture(scope="module")
def dask_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    try:
        import distributed
    except ImportError as error:
        skip_or_fail(f"Dask's `distributed` is not installed ({error}); "
                     f"pip install -e '.[distributed]'")
    # Port 0 and a scratch folder of its own: two test processes (pytest-xdist) may each
    # start a cluster at once, and Dask's defaults (:8787, one shared folder) would collide.
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0",
                                  local_directory=str(tmp_path_factory.mktemp("dask"))
                                  ) as cluster, \
            distributed.Client(cluster) as client:
        yield client


@pytest.mark.parametrize("n_series", [90, 1500])  # 1,500 horizons exceed Dask's 100 kB
def test_two_dask_workers_give_the_whole_panel_result_exactly(dask_client: Any,
                                                              n_series: int) -> None:
    history, horizons = panel_and_horizons(n_series)
    whole = forecast_panel(history, horizons, seed=5)
    distributed = forecast_panel_distributed(dask_client, history, horizons, seed=5)
    pd.testing.assert_frame_equal(whole.frame, distributed.frame, check_exact=True)
    np.testing.assert_array_equal(whole.paths("s011", 100), distributed.paths("s011", 100))


def test_one_horizon_for_all_series_on_dask(dask_client: Any) -> None:
    history, _ = panel_and_horizons(40)
    whole = forecast_panel(history, 4)
    distributed = forecast_panel_distributed(dask_client, history, 4, n_parts=3)
    pd.testing.assert_frame_equal(whole.frame, distributed.frame, check_exact=True)

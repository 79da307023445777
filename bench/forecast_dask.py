"""Run a panel forecast partitioned by series on a Dask cluster (the ``distributed`` extra).

`forecasting.forecast_panel` treats each series on its own, so splitting the panel by
series_id, forecasting each part on a worker and concatenating gives the single-process
result. `run_partitioned` does that with any `dask.distributed.Client`; it imports nothing
from Dask itself, so callers choose the cluster (LocalCluster, SSH, Kubernetes, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class PartitionedForecast:
    """The parts' ``frame`` and ``models`` concatenated, sorted by series_id (and step)."""

    frame: pd.DataFrame
    models: pd.DataFrame


def partition(history: pd.DataFrame, horizon: int | pd.Series,
              n_parts: int) -> list[tuple[pd.DataFrame, int | pd.Series]]:
    """Split history (and a per-series horizon) into at most `n_parts` groups of whole series.

    Series go to parts in sorted series_id order, in contiguous runs of near-equal count.
    """
    codes, ids = pd.factorize(history["series_id"], sort=True)
    n_ids = len(ids)
    part_of_row = codes * min(n_parts, max(n_ids, 1)) // max(n_ids, 1)
    parts = []
    for _, rows in history.groupby(part_of_row, sort=True):
        part_horizon = horizon
        if isinstance(horizon, pd.Series):
            part_horizon = horizon[horizon.index.isin(rows["series_id"].unique())]
        parts.append((rows.reset_index(drop=True), part_horizon))
    return parts


def _call(forecast: Callable[..., Any], history: pd.DataFrame, horizon: int | pd.Series,
          kwargs: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Worker side: forecast one part and return only its frames (small to send back)."""
    result = forecast(history, horizon, **kwargs)
    return result.frame, result.models


def run_partitioned(client: Any, history: pd.DataFrame, horizon: int | pd.Series,
                    n_parts: int, *, forecast: Callable[..., Any] | None = None,
                    **kwargs: Any) -> PartitionedForecast:
    """Forecast `history` in `n_parts` parts of whole series on `client`'s workers.

    `forecast` defaults to `forecasting.forecast_panel`; `kwargs` go to it unchanged
    (levels, seed, ...). Each part is sent with its task; results are gathered in order.
    """
    if forecast is None:
        from forecasting import forecast_panel

        forecast = forecast_panel
    futures = [client.submit(_call, forecast, part, part_horizon, kwargs, pure=False)
               for part, part_horizon in partition(history, horizon, n_parts)]
    results = client.gather(futures)
    frame = pd.concat([frame for frame, _ in results], ignore_index=True)
    models = pd.concat([models for _, models in results], ignore_index=True)
    return PartitionedForecast(
        frame=frame.sort_values(["series_id", "step"], kind="stable", ignore_index=True),
        models=models.sort_values("series_id", kind="stable", ignore_index=True))


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """A forecast frame sorted by series_id and step, with a fresh index."""
    return frame.sort_values(["series_id", "step"], kind="stable", ignore_index=True)


def same_result(frame: pd.DataFrame, other: pd.DataFrame) -> bool:
    """Whether two forecast frames are equal, exactly, once sorted by series_id and step."""
    try:
        pd.testing.assert_frame_equal(_ordered(frame), _ordered(other), check_exact=True)
    except AssertionError:
        return False
    return True


def differences(frame: pd.DataFrame, other: pd.DataFrame,
                columns: tuple[str, ...] = ("mean", "lo_80", "hi_80", "lo_95", "hi_95"),
                ) -> dict[str, tuple[float, float]]:
    """Per column: median and largest |a − b| as a share of `other`'s 95% interval width.

    A share of the width, so that figures compare across series of any level and a bound
    near zero does not blow them up. The frames must hold the same series and steps.
    """
    a, b = _ordered(frame), _ordered(other)
    if not a[["series_id", "step"]].equals(b[["series_id", "step"]]):
        raise ValueError("the frames hold different series or steps")
    width = (b["hi_95"] - b["lo_95"]).abs()
    out = {}
    for column in columns:
        share = ((a[column] - b[column]).abs() / width).where(a[column] != b[column], 0.0)
        out[column] = (float(share.median()), float(share.max()))
    return out

"""The forecasting benchmark's Dask check (``--distributed``): each panel through
``--distributed-impl`` on a local two-worker cluster, timed, and compared exactly with the
single-process result of the same run."""

from __future__ import annotations

import argparse
import time
from typing import Any

import forecast_data as fd  # bench/ is no package: the runner puts it on sys.path
import pandas as pd
from forecast_panels import Panel, warm_panel
from forecast_runs import LEVELS, code_digest, resolve

DASK_PARTS = 8


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame sorted by series_id (and step when it has one), with a fresh index."""
    keys = ["series_id", "step"] if "step" in frame else ["series_id"]
    return frame.sort_values(keys, kind="stable", ignore_index=True)


def same_result(frame: pd.DataFrame, other: pd.DataFrame) -> bool:
    """Whether two frames are equal, exactly, once sorted by series_id (and step)."""
    try:
        pd.testing.assert_frame_equal(_ordered(frame), _ordered(other), check_exact=True)
    except AssertionError:
        return False
    return True


def differences(frame: pd.DataFrame, other: pd.DataFrame) -> str:
    """Median and largest |a − b| per forecast column, as a share of `other`'s 95% width."""
    a, b = _ordered(frame), _ordered(other)
    if not a[["series_id", "step"]].equals(b[["series_id", "step"]]):
        return "the two hold different series or steps"
    width = (b["hi_95"] - b["lo_95"]).abs()
    parts = []
    for column in fd.FORECAST_COLUMNS[2:]:
        share = ((a[column] - b[column]).abs() / width).where(a[column] != b[column], 0.0)
        parts.append(f"{column} {share.median():.2g} {share.max():.2g}")
    return "  |difference| / single-call 95% width, median and max: " + ", ".join(parts)


def distributed_check(panels: list[Panel], results: dict[str, Any], args: argparse.Namespace,
                      digest: str) -> list[str]:
    """Each panel through `--distributed-impl` on a local 2-worker Dask cluster, timed, and
    compared exactly with the single-process result of the same run.

    One cluster per panel, and a failure is reported, not raised, so that one panel's failure
    leaves the others' figures standing. (distributed 2026.8's ``Client.map`` makes a keyword
    argument over 100 kB a task keyed by the argument's name alone; such calls can fail with
    ``AssertionError: <TaskState 'horizon' processing>``.)
    """
    from dask.distributed import Client, LocalCluster

    run = resolve(args.distributed_impl)
    lines = [f"dask: {args.distributed_impl} on LocalCluster(n_workers=2, threads_per_worker=1,"
             f" processes=True), {DASK_PARTS} parts of whole series, a fresh cluster per panel"]
    for panel in panels:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            worker_code = set(client.run(code_digest, args.impl).values())
            if worker_code != {digest}:
                lines.append(f"WARNING: the workers loaded other code ({sorted(worker_code)}) "
                             f"than this process ({digest}): a difference means nothing")
            warm = warm_panel(panel)
            run(client, warm.history, warm.horizons, LEVELS, seed=0, n_parts=2)
            started = time.perf_counter()
            try:
                result = run(client, panel.history, panel.horizons, LEVELS, seed=0,
                             n_parts=DASK_PARTS)
            except Exception as error:  # reported in the output; the other panels go on
                lines.append(f"dask {panel.name}: {len(panel.horizons):,} series, FAILED: "
                             f"{type(error).__name__}: {str(error)[:200]}")
                continue
            seconds = time.perf_counter() - started
        single = results[panel.name]
        equal = (same_result(result.frame, single.frame)
                 and same_result(result.models, single.models))
        lines.append(f"dask {panel.name}: {len(panel.horizons):,} series, {seconds:.2f} s "
                     f"({seconds / len(panel.horizons) * 1000:.3f} s/1000), frame and "
                     f"models {'identical to' if equal else 'DIFFERENT from'} the "
                     f"single-process result")
        if not equal:
            lines.append(differences(result.frame, single.frame))
    return lines

"""The forecasting benchmark's scale test: the yearly pool resampled with replacement to
``--scale-series`` series (fresh ids), forecast in a child process of its own (``bench/
forecast.py --child-scale N``), which reports its wall time and its own peak RSS."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import forecast_data as fd  # bench/ is no package: the runner puts it on sys.path
import numpy as np
import pandas as pd
from forecast_panels import Panel, warm_panel
from forecast_runs import LEVELS, code_digest, resolve

SCRIPT = Path(__file__).resolve().with_name("forecast.py")  # the entry: it runs the child


def resample(history: pd.DataFrame, horizons: pd.Series, n: int, freq: str = "Y",
             seed: int = 0) -> tuple[pd.DataFrame, pd.Series]:
    """`n` series drawn with replacement from the pool, with fresh ids R000000, R000001, ..."""
    ordered = history.sort_values(["series_id", "period"], kind="stable")
    lengths = ordered.groupby("series_id", sort=True).size()
    starts = np.cumsum(lengths.to_numpy()) - lengths.to_numpy()
    picks = np.random.default_rng(seed).integers(0, len(lengths), size=n)
    n_new = lengths.to_numpy()[picks]
    within = np.arange(n_new.sum()) - np.repeat(np.cumsum(n_new) - n_new, n_new)
    rows = np.repeat(starts[picks], n_new) + within
    ids = np.array([f"R{i:06d}" for i in range(n)], dtype=object)
    out = pd.DataFrame({"series_id": np.repeat(ids, n_new),
                        "period": fd.periods(freq, n_new),
                        "value": ordered["value"].to_numpy()[rows]})
    new_horizons = pd.Series(horizons.reindex(lengths.index).to_numpy()[picks],
                             index=pd.Index(ids, name="series_id"), name="horizon")
    return out, new_horizons


def child_scale(n: int, impl: str) -> None:
    """In the child: resample the yearly pool to n series, forecast, print JSON figures."""
    started = time.perf_counter()
    forecast = resolve(impl)
    history, _, horizons = fd.load_competition("yearly")
    warm = warm_panel(Panel("warm", history, history, horizons, 1))
    forecast(warm.history, warm.horizons, levels=LEVELS, seed=0)
    big, big_horizons = resample(history, horizons, n)
    before = time.perf_counter()
    result = forecast(big, big_horizons, levels=LEVELS, seed=0)
    seconds = time.perf_counter() - before
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"series": n, "rows_in": len(big), "rows_out": len(result.frame),
                      "code": code_digest(impl),
                      "seconds": seconds, "child_seconds": time.perf_counter() - started,
                      "peak_rss_kib": rss_kib}))


def resampled_panel(n: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """The scale test's panel (history, no actuals, horizons), as the child builds it."""
    history, _, horizons = fd.load_competition("yearly")
    big, big_horizons = resample(history, horizons, n)
    return big, big.iloc[:0], big_horizons


def scale_test(n: int, impl: str) -> dict[str, Any]:
    """Run `child_scale` in a fresh process; add RUSAGE_CHILDREN's peak RSS to its figures."""
    command = [sys.executable, str(SCRIPT), "--child-scale", str(n),
               "--impl", impl]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"scale child failed:\n{done.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    figures["rusage_children_kib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return figures

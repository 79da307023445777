"""Forecasting benchmark: `forecasting.forecast_panel` against baselines on M1, M3 and Tourism.

Usage (from the repository root, after ``pip install -e ".[test,bench,distributed]"``)::

    .venv/bin/python bench/forecast.py [--quick] [--skip-baselines] [--scale-series 23000]
                                       [--sm-sample 0] [--distributed] [--json out.json]

For the yearly series (all 1,344 of M1, M3 and Tourism; m = 1), the quarterly ones (1,386;
m = 4) and "yearly-short6" (each yearly series cut to its last 6 points; the MASE/MSIS
scale still comes from the full in-sample so that figures compare with "yearly"), it runs,
in this one process and on the same frames:

* targetwatch: ``forecast_panel(history, horizons, levels=(80, 95), seed=0)``;
* statsforecast 2 AutoTheta, AutoETS and RandomWalkWithDrift, each on its own
  (``StatsForecast(models=[model], freq=1, n_jobs=1)``, ``level=[80, 95]``); a series on
  which a model raises (AutoETS on tiny series) gets statsforecast's Naive instead, counted;
* statsmodels: a Python loop of ``ThetaModel(...).fit()`` with both prediction intervals,
  one series at a time (its prediction intervals fit a SARIMAX per series: about 0.05 s a
  series, several times that when the machine is busy); ``--sm-sample N`` runs it on a
  seeded sample of N series instead, figures then being of that sample.

Each method is warmed up on a few series first (numba compiles on first use), then timed on
the whole panel by wall clock, intervals included, and reported per 1,000 series. Figures
(M4 definitions, `bench/forecast_data.py`): sMAPE, MASE, OWA against Naive2, coverage of
the 80% and 95% intervals and MSIS (α = 0.05).

Scale: the yearly pool resampled with replacement to ``--scale-series`` series (fresh ids),
forecast in a child process (this script with ``--child-scale``), which reports its wall
time and its own peak RSS. ``--distributed`` also runs the yearly and quarterly panels
through `forecasting.distributed.forecast_panel_distributed` on a local two-worker Dask
cluster (and the scale panel too, forecast once more in this process for the comparison),
and checks the result equals the single-process one exactly.

``--impl module:function`` forecasts with another function of forecast_panel's signature,
``--distributed-impl`` names the Dask entry point (client, history, horizon, levels, *, seed,
n_parts).

This file keeps the command line and the order of the run; beside it, ``forecast_panels.py``
holds the data sets, ``forecast_runs.py`` the timed methods, ``forecast_report.py`` the
scoring and the printed tables, ``forecast_scale.py`` the scale test and ``forecast_dask.py``
the Dask check.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from forecast_dask import distributed_check  # noqa: E402  (bench/ is no package)
from forecast_panels import Panel, load_panels  # noqa: E402
from forecast_report import goals, scale_report, score_run, table  # noqa: E402
from forecast_runs import (  # noqa: E402
    LEVELS,
    code_digest,
    resolve,
    run_statsforecast,
    run_statsmodels,
    run_targetwatch,
)
from forecast_scale import child_scale, resampled_panel, scale_test  # noqa: E402


def log(message: str) -> None:
    """Progress to stderr, so that stdout holds only the tables."""
    print(message, file=sys.stderr, flush=True)


def parse_args() -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="300 sampled series per panel, statsmodels on 100, scale 2,300")
    parser.add_argument("--skip-baselines", action="store_true")
    parser.add_argument("--scale-series", type=int, default=None,
                        help="series in the scale test (default 23000; 0 skips it)")
    parser.add_argument("--sm-sample", type=int, default=0,
                        help="statsmodels loop on a seeded sample of this many series (0: all)")
    parser.add_argument("--distributed", action="store_true")
    parser.add_argument("--impl", default="forecasting:forecast_panel")
    parser.add_argument("--distributed-impl",
                        default="forecasting.distributed:forecast_panel_distributed",
                        help="(client, history, horizon, levels, *, seed, n_parts) on Dask")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--child-scale", type=int, help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    """Run every panel and method, print the tables, then the scale and Dask checks."""
    args = parse_args()
    if args.child_scale:
        child_scale(args.child_scale, args.impl)
        return
    forecast = resolve(args.impl)
    digest = code_digest(args.impl)
    quick = 300 if args.quick else 0
    sm_sample = min(args.sm_sample or 100, 100) if args.quick else args.sm_sample
    scale_n = args.scale_series if args.scale_series is not None else (
        2300 if args.quick else 23000)
    print(f"bench/forecast.py: impl {args.impl} (code {digest}), {os.cpu_count()} cores, "
          f"{time.strftime('%Y-%m-%d %H:%M')}, load average {os.getloadavg()[0]:.2f}")
    panels = load_panels(quick)
    results: dict[str, Any] = {}
    report: dict[str, Any] = {"panels": {}}
    for panel in panels:
        log(f"{panel.name}: targetwatch")
        run, results[panel.name] = run_targetwatch(panel, forecast)
        runs = [run]
        if not args.skip_baselines:
            for name in ("AutoTheta", "AutoETS", "RandomWalkWithDrift"):
                log(f"{panel.name}: {name}")
                runs.append(run_statsforecast(panel, name))
            log(f"{panel.name}: statsmodels loop")
            runs.append(run_statsmodels(panel, sm_sample))
        for each in runs:
            score_run(panel, each)
        print("\n" + table(panel, runs))
        if panel.name == "yearly":
            print(goals(runs[0]))
        report["panels"][panel.name] = [
            {"method": r.method, "series": r.n_series, "seconds": r.seconds,
             "s_per_1000": r.per_1000, **r.figures, "notes": r.notes} for r in runs]
    if scale_n:
        log(f"scale: {scale_n} series in a child process")
        report["scale"] = scale_test(scale_n, args.impl)
        print("\n" + scale_report(report["scale"]))
        if report["scale"]["code"] != digest:
            print(f"WARNING: the scale child loaded other code ({report['scale']['code']})")
    if args.distributed:
        log("dask: local cluster")
        if scale_n:
            big = Panel("resampled", *resampled_panel(scale_n), m=1)
            log(f"dask: {scale_n} series in this process, for the comparison")
            started = time.perf_counter()
            results[big.name] = forecast(big.history, big.horizons, levels=LEVELS, seed=0)
            log(f"  {time.perf_counter() - started:.2f} s")
            panels = [*panels, big]
        report["distributed"] = distributed_check(panels, results, args, digest)
        print("\n" + "\n".join(report["distributed"]))
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f} (1 min)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()

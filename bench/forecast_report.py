"""What the forecasting benchmark prints: each run's M4 figures (`forecast_data.score`), a
table per panel, and whether targetwatch's yearly figures and the scale test meet the
goals."""

from __future__ import annotations

from typing import Any

import forecast_data as fd  # bench/ is no package: the runner puts it on sys.path
import pandas as pd
from forecast_panels import Panel, subset
from forecast_runs import Run

GOALS = {"owa": 0.82, "cov95": (0.93, 0.97), "cov80": (0.77, 0.83), "s_per_1000": 0.2,
         "scale_seconds": 30.0, "scale_rss_mib": 1024.0}


def score_run(panel: Panel, run: Run) -> None:
    """Fill run.figures with the M4 figures on the series it ran on."""
    ids = pd.Index(run.forecasts["series_id"].unique())
    scored = panel if len(ids) == len(panel.horizons) else subset(panel, ids)
    run.figures = fd.score(scored.history, scored.actuals, run.forecasts, scored.m,
                           scale_history=scored.scale_history)
    nan_points = int(run.forecasts[list(fd.FORECAST_COLUMNS[2:])].isna().any(axis=1).sum())
    if nan_points:
        run.notes.append(f"{nan_points} forecast points have a missing value")


def table(panel: Panel, runs: list[Run]) -> str:
    """The plain-text table of one panel: one row per method."""
    sources = panel.horizons.index.str.split("-").str[0]
    counts = ", ".join(f"{s} {n}" for s, n in panel.horizons.groupby(sources).size().items())
    lengths = panel.history.groupby("series_id").size()
    lines = [f"{panel.name}: {len(panel.horizons):,} series ({counts}), m={panel.m}, "
             f"h {sorted(panel.horizons.unique().tolist())}, "
             f"length {lengths.min()}-{lengths.max()} (median {lengths.median():g})",
             f"{'method':<24}{'series':>7}{'sMAPE':>8}{'MASE':>8}{'OWA':>7}{'cov80':>7}"
             f"{'cov95':>7}{'MSIS':>8}{'s/1000':>9}"]
    for run in runs:
        f = run.figures
        lines.append(f"{run.method:<24}{run.n_series:>7}{f['smape']:>8.3f}{f['mase']:>8.3f}"
                     f"{f['owa']:>7.3f}{f['cov80']:>7.3f}{f['cov95']:>7.3f}{f['msis']:>8.3f}"
                     f"{run.per_1000:>9.3f}")
    lines += [f"  {run.method}: {note}" for run in runs for note in run.notes]
    return "\n".join(lines)


def goals(run: Run) -> str:
    """Whether targetwatch's yearly figures meet the issue's goals."""
    f = run.figures
    checks = [
        (f"OWA {f['owa']:.3f} <= {GOALS['owa']}", f["owa"] <= GOALS["owa"]),
        (f"cov95 {f['cov95']:.3f} in [0.93, 0.97]", 0.93 <= f["cov95"] <= 0.97),
        (f"cov80 {f['cov80']:.3f} in [0.77, 0.83]", 0.77 <= f["cov80"] <= 0.83),
        (f"{run.per_1000:.3f} s/1000 series <= {GOALS['s_per_1000']}",
         run.per_1000 <= GOALS["s_per_1000"]),
    ]
    return "goals (yearly): " + "; ".join(f"{text}: {'met' if ok else 'NOT met'}"
                                          for text, ok in checks)


def scale_report(figures: dict[str, Any]) -> str:
    """The scale test's lines, with the goals."""
    mib = figures["peak_rss_kib"] / 1024
    ok_time = figures["seconds"] < GOALS["scale_seconds"]
    ok_rss = mib < GOALS["scale_rss_mib"]
    return (f"scale: {figures['series']:,} yearly series resampled with replacement "
            f"({figures['rows_in']:,} points in, {figures['rows_out']:,} forecast rows): "
            f"forecast_panel {figures['seconds']:.2f} s ({'met' if ok_time else 'NOT met'}, "
            f"goal < 30 s), peak RSS {mib:.0f} MiB ({'met' if ok_rss else 'NOT met'}, goal "
            f"< 1 GiB; RUSAGE_CHILDREN {figures['rusage_children_kib'] / 1024:.0f} MiB); "
            f"child process in all {figures['child_seconds']:.1f} s")

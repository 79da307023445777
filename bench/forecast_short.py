"""Series of one or two figures: how the short-series random walk scores.

Each of the 1,344 yearly M1/M3/Tourism series is cut to its last one and last two figures
and forecast in the same `forecast_panel` call as the full series (so the short series
borrow their spread from the long ones, as a target with few figures does in a real
panel), then scored on the competitions' test periods, MASE and MSIS scaled by the full
in-sample. Usage (bench extra installed)::

    .venv/bin/python bench/forecast_short.py [--widening 1.25]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import forecast_data as fd

import forecasting.panel_forecast as panel_forecast
from forecasting import forecast_panel


def main() -> None:
    """Print OWA, coverage and MSIS of the one- and two-figure copies, and of the full."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widening", type=float, default=panel_forecast.SHORT_WIDENING)
    args = parser.parse_args()
    panel_forecast.SHORT_WIDENING = args.widening
    history, actuals, horizons = fd.load_competition("yearly")
    cuts = {keep: fd.short_history(history, keep) for keep in (1, 2)}
    frames = [history] + [c.assign(series_id=c["series_id"] + f"#{k}") for k, c in cuts.items()]
    steps = pd.concat([horizons] + [horizons.rename(lambda s, k=k: f"{s}#{k}") for k in cuts])
    frame = forecast_panel(pd.concat(frames, ignore_index=True), steps).frame
    print(f"widening {args.widening}")
    for keep, cut in cuts.items():
        own = frame[frame["series_id"].str.endswith(f"#{keep}")]
        own = own.assign(series_id=own["series_id"].str[:-2])
        _print(f"{keep} figure(s)", fd.score(cut, actuals, own, 1, scale_history=history))
    _print("full series", fd.score(history, actuals,
                                   frame[~frame["series_id"].str.contains("#")], 1))


def _print(name: str, figures: dict[str, float]) -> None:
    print(f"{name:>12}: OWA {figures['owa']:.3f}  cov80 {figures['cov80']:.3f}  "
          f"cov95 {figures['cov95']:.3f}  MSIS {figures['msis']:.2f}")


if __name__ == "__main__":
    main()

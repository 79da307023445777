"""The forecasting benchmark's panels: yearly, quarterly and yearly-short6 from M1, M3 and
Tourism (`forecast_data`), what the methods see of each, its actuals and how its errors are
scaled; samples and subsets of them."""

from __future__ import annotations

from dataclasses import dataclass

import forecast_data as fd  # bench/ is no package: the runner puts it on sys.path
import numpy as np
import pandas as pd

WARM_SERIES = 8


@dataclass
class Panel:
    """A data set to forecast: what the methods see, the actuals and how to scale errors."""

    name: str
    history: pd.DataFrame
    actuals: pd.DataFrame
    horizons: pd.Series
    m: int
    scale_history: pd.DataFrame | None = None


def subset(panel: Panel, ids: pd.Index, name: str | None = None) -> Panel:
    """The panel restricted to `ids`."""
    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["series_id"].isin(ids)].reset_index(drop=True)

    return Panel(name or panel.name, keep(panel.history), keep(panel.actuals),
                 panel.horizons[panel.horizons.index.isin(ids)], panel.m,
                 None if panel.scale_history is None else keep(panel.scale_history))


def sample_ids(horizons: pd.Series, n: int, seed: int = 0) -> pd.Index:
    """A seeded sample of n series ids (all of them if n is 0 or too large)."""
    if n <= 0 or n >= len(horizons):
        return horizons.index
    rng = np.random.default_rng(seed)
    return pd.Index(np.sort(rng.choice(horizons.index.to_numpy(), size=n, replace=False)))


def load_panels(quick: int) -> list[Panel]:
    """yearly, quarterly and yearly-short6 (each cut to `quick` sampled series when > 0)."""
    panels = []
    for kind, (_, m) in fd.KINDS.items():
        history, actuals, horizons = fd.load_competition(kind)
        panel = Panel(kind, history, actuals, horizons, m)
        panels.append(subset(panel, sample_ids(horizons, quick)) if quick else panel)
    yearly = panels[0]
    panels.append(Panel("yearly-short6", fd.short_history(yearly.history, 6), yearly.actuals,
                        yearly.horizons, 1, scale_history=yearly.history))
    return panels


def warm_panel(panel: Panel) -> Panel:
    """The first few series, to compile and import before timing."""
    return subset(panel, panel.horizons.index[:WARM_SERIES])

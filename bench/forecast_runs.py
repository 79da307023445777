"""The forecasting benchmark's methods, each warmed up and then timed on a whole panel,
intervals included: the forecast function under test (``--impl``, with a digest of its code),
statsforecast's AutoTheta, AutoETS and RandomWalkWithDrift, and a statsmodels ThetaModel
loop."""

from __future__ import annotations

import hashlib
import importlib
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import forecast_data as fd  # bench/ is no package: the runner puts it on sys.path
import numpy as np
import pandas as pd
from forecast_panels import WARM_SERIES, Panel, sample_ids, subset, warm_panel

LEVELS = (80, 95)


@dataclass
class Run:
    """One method's forecasts on one panel, its wall time and what to say about it."""

    method: str
    forecasts: pd.DataFrame
    seconds: float
    n_series: int
    notes: list[str] = field(default_factory=list)
    figures: dict[str, float] = field(default_factory=dict)

    @property
    def per_1000(self) -> float:
        """Wall seconds per 1,000 series."""
        return self.seconds / self.n_series * 1000.0


def resolve(impl: str) -> Callable[..., Any]:
    """The forecast function named ``module:function``."""
    module, _, name = impl.partition(":")
    return getattr(importlib.import_module(module), name or "forecast_panel")


def code_digest(impl: str) -> str:
    """sha256 (12 hex) of the .py files of `impl`'s top-level package (or module file).

    The package is being edited while benchmarks run: a worker or child process started
    later may import other code than this process did, and this tells.
    """
    top = importlib.import_module(impl.partition(":")[0].split(".")[0])
    path = Path(top.__file__ or "")
    files = sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()[:12]


def run_targetwatch(panel: Panel, forecast: Callable[..., Any]) -> tuple[Run, Any]:
    """forecast_panel on the whole panel, timed with its intervals; also its raw result."""
    warm = warm_panel(panel)
    forecast(warm.history, warm.horizons, levels=LEVELS, seed=0)
    started = time.perf_counter()
    result = forecast(panel.history, panel.horizons, levels=LEVELS, seed=0)
    seconds = time.perf_counter() - started
    counts = result.models["model"].value_counts()
    notes = ["models: " + ", ".join(f"{name} {count}" for name, count in counts.items())]
    run = Run("targetwatch", result.frame[list(fd.FORECAST_COLUMNS)], seconds,
              len(panel.horizons), notes)
    return run, result


def statsforecast_frame(history: pd.DataFrame) -> pd.DataFrame:
    """statsforecast's long format: unique_id, ds (1..n per series), y."""
    ordered = history.sort_values(["series_id", "period"], kind="stable")
    return pd.DataFrame({"unique_id": ordered["series_id"].to_numpy(),
                         "ds": ordered.groupby("series_id", sort=False).cumcount().to_numpy() + 1,
                         "y": ordered["value"].to_numpy()})


def _counting_naive() -> Any:
    """statsforecast's Naive, counting the series it stands in for (fallback_model)."""
    from statsforecast.models import Naive

    class CountingNaive(Naive):  # type: ignore[misc]
        calls = 0

        def forecast(self, *args: Any, **kwargs: Any) -> Any:
            type(self).calls += 1
            return super().forecast(*args, **kwargs)

    return CountingNaive()


def run_statsforecast(panel: Panel, name: str) -> Run:
    """One statsforecast model on the panel (n_jobs=1), with Naive for series it fails on."""
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS, AutoTheta, RandomWalkWithDrift

    models = {"AutoTheta": lambda: AutoTheta(season_length=panel.m),
              "AutoETS": lambda: AutoETS(season_length=panel.m),
              "RandomWalkWithDrift": RandomWalkWithDrift}
    h = int(panel.horizons.max())
    data = statsforecast_frame(panel.history)
    warm = statsforecast_frame(warm_panel(panel).history)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        StatsForecast(models=[models[name]()], freq=1, n_jobs=1,
                      fallback_model=_counting_naive()).forecast(df=warm, h=h, level=[*LEVELS])
        fallback = _counting_naive()
        engine = StatsForecast(models=[models[name]()], freq=1, n_jobs=1,
                               fallback_model=fallback)
        started = time.perf_counter()
        out = engine.forecast(df=data, h=h, level=[*LEVELS])
        seconds = time.perf_counter() - started
    alias = next(c for c in out.columns if c not in ("unique_id", "ds") and "-" not in c)
    last = data.groupby("unique_id", sort=False)["ds"].max()
    frame = pd.DataFrame({"series_id": out["unique_id"].to_numpy(),
                          "step": (out["ds"] - out["unique_id"].map(last)).to_numpy(),
                          "mean": out[alias].to_numpy()})
    for level in LEVELS:
        frame[f"lo_{level}"] = out[f"{alias}-lo-{level}"].to_numpy()
        frame[f"hi_{level}"] = out[f"{alias}-hi-{level}"].to_numpy()
    notes = []
    if type(fallback).calls:
        notes.append(f"failed on {type(fallback).calls} series: statsforecast Naive used there")
    return Run(name, frame, seconds, len(panel.horizons), notes)


def _theta_one(y: np.ndarray, h: int, m: int) -> np.ndarray:
    """statsmodels ThetaModel: mean and the 80%/95% bounds, shape (5, h)."""
    from statsmodels.tsa.forecasting.theta import ThetaModel

    result = ThetaModel(y, period=m, deseasonalize=m > 1).fit()
    mean = np.asarray(result.forecast(h))
    bounds = [np.asarray(result.prediction_intervals(h, alpha=1 - level / 100)).T
              for level in LEVELS]
    return np.vstack([mean, bounds[0][0], bounds[0][1], bounds[1][0], bounds[1][1]])


def _naive_one(y: np.ndarray, h: int) -> np.ndarray:
    """Naive with normal intervals (σ of the first differences · √step), shape (5, h)."""
    steps = np.arange(1, h + 1)
    sigma = np.std(np.diff(y)) * np.sqrt(steps) if len(y) > 1 else np.zeros(h)
    mean = np.full(h, y[-1])
    return np.vstack([mean, mean - 1.2816 * sigma, mean + 1.2816 * sigma,
                      mean - 1.96 * sigma, mean + 1.96 * sigma])


def run_statsmodels(panel: Panel, sample: int) -> Run:
    """ThetaModel one series at a time in a Python loop (on a sample when `sample` > 0)."""
    ids = sample_ids(panel.horizons, sample, seed=1)
    chosen = subset(panel, ids)
    ordered = chosen.history.sort_values(["series_id", "period"], kind="stable")
    series = [(sid, values.to_numpy()) for sid, values
              in ordered.groupby("series_id", sort=True)["value"]]
    failed = 0
    blocks = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _, y in series[:WARM_SERIES]:
            _theta_one(y, 2, panel.m)
        started = time.perf_counter()
        for sid, y in series:
            h = int(chosen.horizons[sid])
            try:
                block = _theta_one(y, h, panel.m)
            except Exception:  # a statsmodels failure on one series: naive there, counted
                failed += 1
                block = _naive_one(y, h)
            blocks.append(pd.DataFrame({"series_id": sid, "step": np.arange(1, h + 1),
                                        **dict(zip(fd.FORECAST_COLUMNS[2:], block,
                                                   strict=True))}))
        frame = pd.concat(blocks, ignore_index=True)
        seconds = time.perf_counter() - started
    notes = []
    if len(ids) < len(panel.horizons):
        notes.append(f"timed and scored on a seeded sample of {len(ids)} series")
    if failed:
        notes.append(f"failed on {failed} series: naive used there")
    return Run("statsmodels Theta loop", frame, seconds, len(ids), notes)

"""Sample paths whose every step has exactly the calibrated distribution.

The steps of a path are tied together by a Gaussian copula with a random walk's
correlation, corr(h, k) = √(min(h, k)/max(h, k)): a path that starts high tends to stay
high, as real series do, so functionals of the path (the average growth over a period,
whether a bound holds every year, a running total) get honest probabilities.
"""

from __future__ import annotations

import zlib
from statistics import NormalDist

import numpy as np

from forecasting.calibration import GRID

_NORMAL = NormalDist()


def path_seed(seed: int, series_id: object) -> np.random.Generator:
    """A generator that depends only on the seed and the series id, so a series gets the
    same paths however the panel is split."""
    return np.random.default_rng([seed, zlib.crc32(repr(series_id).encode())])


def random_walk_normals(rng: np.random.Generator, n_paths: int, horizon: int) -> np.ndarray:
    """Standard normal draws (n_paths, horizon) correlated like a random walk's steps."""
    steps = np.cumsum(rng.standard_normal((n_paths, horizon)), axis=1)
    return steps / np.sqrt(np.arange(1, horizon + 1))[None, :]


def uniform_from_normal(z: np.ndarray) -> np.ndarray:
    """Map standard normal draws to uniforms through the normal CDF."""
    cdf = np.vectorize(_NORMAL.cdf, otypes=[float])
    return cdf(z)


def sample_paths(mean: np.ndarray, scale: float, table: np.ndarray, rng: np.random.Generator,
                 n_paths: int) -> np.ndarray:
    """Return (n_paths, H) paths: point forecast + scale × the step's error quantile."""
    horizon = len(mean)
    u = uniform_from_normal(random_walk_normals(rng, n_paths, horizon))
    errors = np.stack([np.interp(u[:, h], GRID, table[h]) for h in range(horizon)], axis=1)
    return mean[None, :] + scale * errors

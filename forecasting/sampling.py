"""Sample paths whose every step has exactly the calibrated distribution.

The steps of a path are tied together by a Gaussian copula with a random walk's
correlation, corr(h, k) = √(min(h, k)/max(h, k)): a path that starts high tends to stay
high, as real series do, so functionals of the path (the average growth over a period,
whether a bound holds every year, a running total) get honest probabilities.
"""

from __future__ import annotations

import zlib

import numpy as np

from forecasting.calibration import GRID


def path_seed(seed: int, series_id: object) -> np.random.Generator:
    """A generator that depends only on the seed and the series id, so a series gets the
    same paths however the panel is split."""
    return np.random.default_rng([seed, zlib.crc32(repr(series_id).encode())])


def random_walk_normals(rng: np.random.Generator, n_paths: int, horizon: int) -> np.ndarray:
    """Standard normal draws (n_paths, horizon) correlated like a random walk's steps."""
    steps = np.cumsum(rng.standard_normal((n_paths, horizon)), axis=1)
    return steps / np.sqrt(np.arange(1, horizon + 1))[None, :]


def stratified_uniforms(z: np.ndarray) -> np.ndarray:
    """Map draws (n_paths, H) to the stratified uniforms (rank + ½)/n_paths of each step.

    The copula is kept (each path keeps its rank at every step), and every step's values
    are then exactly the calibrated quantiles at (k + ½)/n, k = 0..n−1, instead of n random
    draws from them: no sampling noise in a step's distribution. In particular, half the
    paths lie on either side of the point forecast (the distribution's median), so the
    probability that a path beats a value agrees with the point forecast's side of it.
    """
    n_paths = z.shape[0]
    ranks = np.argsort(np.argsort(z, axis=0, kind="stable"), axis=0, kind="stable")
    return (ranks + 0.5) / n_paths


def sample_paths(mean: np.ndarray, scale: float, table: np.ndarray, rng: np.random.Generator,
                 n_paths: int) -> np.ndarray:
    """Return (n_paths, H) paths: point forecast + scale × the step's error quantile."""
    horizon = len(mean)
    u = stratified_uniforms(random_walk_normals(rng, n_paths, horizon))
    errors = np.stack([np.interp(u[:, h], GRID, table[h]) for h in range(horizon)], axis=1)
    return mean[None, :] + scale * errors

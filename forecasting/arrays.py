"""NaN-aware reductions that stay silent on empty rows (NumPy's nan* functions warn)."""

from __future__ import annotations

import numpy as np


def running_total(values: np.ndarray, axis: int) -> np.ndarray:
    """Sum along `axis` strictly in order, so that padding a row with zeros in front does
    not change its total in the last bit (NumPy's pairwise sum regroups with the length);
    this keeps a series' forecast independent of the panel it is forecast in."""
    return np.take(np.cumsum(values, axis=axis), -1, axis=axis)


def nan_mean(values: np.ndarray, axis: int) -> np.ndarray:
    """Return the mean of the non-NaN entries along `axis`, NaN where there are none."""
    present = ~np.isnan(values)
    if values.shape[axis] == 0:
        return np.full(np.delete(values.shape, axis), np.nan)
    total = running_total(np.where(present, values, 0.0), axis=axis)
    count = np.sum(present, axis=axis)
    return np.divide(total, count, out=np.full(total.shape, np.nan), where=count > 0)


def nan_median(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """Return the median of the non-NaN entries along the last axis, NaN where there are
    none: sort (NaN last) and pick the middle of each row's present entries."""
    moved = np.moveaxis(values, axis, -1)
    ordered = np.sort(moved, axis=-1)
    count = np.sum(~np.isnan(ordered), axis=-1)
    low = np.maximum((count - 1) // 2, 0)
    high = np.maximum(count // 2, 0)
    low_values = np.take_along_axis(ordered, low[..., None], axis=-1)[..., 0]
    high_values = np.take_along_axis(ordered, np.minimum(high, ordered.shape[-1] - 1)[..., None],
                                     axis=-1)[..., 0]
    return np.where(count > 0, (low_values + high_values) / 2, np.nan)


def first_values(values: np.ndarray) -> np.ndarray:
    """Return each row's first non-NaN entry (NaN for an empty row)."""
    present = ~np.isnan(values)
    first = np.argmax(present, axis=1)
    found = values[np.arange(len(values)), first]
    return np.where(present.any(axis=1), found, np.nan)

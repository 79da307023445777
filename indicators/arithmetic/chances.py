"""The probability of meeting a target, from sample paths of its series' future.

Each path continues the observed annual figures to the deadline; the target's own
arithmetic (`indicators.paths`) then says whether that future meets it, and the
probability is the share of paths that do. Because the same functions decide the status
from actuals, a path that ends exactly like the actuals gets exactly the same verdict.
Kinds judged over the period (average growth from published rates, a ceiling kept every
year, a yearly change, a running total) use the whole path, not just its last year.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np

from indicators.arithmetic.paths import (
    PER_PERIOD_KINDS,
    TargetTerms,
    final_measure,
    meets,
    tracked_quantity,
)


def future_years(values: Mapping[int, float], deadline: int) -> list[int]:
    """Return the years from the last figure's next to the deadline (empty if none)."""
    last = max(values, default=None)
    return [] if last is None else list(range(last + 1, deadline + 1))


def judge_path(terms: TargetTerms, values: Mapping[int, float], baseline: float | None, *,
               default_tolerance: float) -> tuple[float, bool]:
    """Return the measure the target is judged on at the deadline (the average growth,
    the change, the running total, the level; for per-period kinds the deadline year's
    value) and whether the whole history to the deadline meets the target."""
    tracked = tracked_quantity(terms, values, baseline)
    deadline = terms.deadline_year
    if deadline not in tracked:
        return math.nan, False
    measure = final_measure(terms, tracked, deadline)
    if terms.kind in PER_PERIOD_KINDS:
        first = terms.first_year or deadline
        years = [y for y in tracked if first <= y <= deadline]
        return measure, all(meets(terms, tracked[y], default_tolerance=default_tolerance)
                            for y in years)
    return measure, meets(terms, measure, default_tolerance=default_tolerance)


def judge_future(terms: TargetTerms, values: Mapping[int, float], baseline: float | None,
                 paths: np.ndarray, *,
                 default_tolerance: float) -> tuple[np.ndarray, np.ndarray] | None:
    """Judge every sample path's continuation of `values` to the deadline: (measures, met),
    one per path. When the figures already reach the deadline, the one known history is
    judged and the paths are not read. None when the paths cannot say (too short, NaN)."""
    years = future_years(values, terms.deadline_year)
    if not years:
        measure, met = judge_path(terms, values, baseline, default_tolerance=default_tolerance)
        return np.array([measure]), np.array([met])
    if paths.ndim != 2 or paths.shape[1] < len(years) or np.isnan(paths[:, :len(years)]).any():
        return None
    judged = [judge_path(terms, {**values, **dict(zip(years, path[:len(years)], strict=True))},
                         baseline, default_tolerance=default_tolerance) for path in paths]
    measures = np.array([m for m, _ in judged], dtype=float)
    return measures, np.array([hit for _, hit in judged], dtype=bool)


def probability_of_meeting(terms: TargetTerms, values: Mapping[int, float],
                           baseline: float | None, paths: np.ndarray, *,
                           default_tolerance: float) -> float | None:
    """Return the share of sample paths (n_paths, years after the last figure up to at
    least the deadline) whose continuation of `values` meets the target; None when the
    paths cannot say (no paths, or NaN in them)."""
    judged = judge_future(terms, values, baseline, paths, default_tolerance=default_tolerance)
    return None if judged is None else float(judged[1].mean())

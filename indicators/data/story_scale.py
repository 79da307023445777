"""The required path and the target's bounds on the scale of the published figures, so one
chart can draw figures, forecast, path and target on one axis. Pure functions.

`indicators.arithmetic.paths` states a target's required path R(y) in its *tracked*
quantity (a growth index, a change since the baseline, a running total). A reader compares
it with the figures the bureau publishes, and the forecast is stored on that scale too, so
R(y) is turned back into the figure each year must reach:

- level_at_deadline, coverage, kept_every_period: the figure is the tracked quantity.
- growth or change against the baseline from levels: the level baseline·I(y), baseline·(1 + c),
  baseline + c.
- growth or compounded change from yearly rates: each year's rate, (R(y)/R(y−1) − 1)·100.
- cumulative_over_period: each year's flow, R(y) − R(y−1).
- change_every_year: the previous year's figure moved by the required change (a rate
  published as such is the change itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from indicators.arithmetic.paths import TargetTerms, required_path
from indicators.vocab import ChangeUnit, Comparator, TargetKind

Series = Mapping[int, float]


@dataclass(frozen=True)
class Bounds:
    """The target at its deadline on the figures' scale: the stated value and the band that
    meets it (左右 tolerance, a range, or the value itself when the target has no band)."""

    value: float
    low: float
    high: float


def baseline_level(terms: TargetTerms, figures: Series) -> float | None:
    """Return the baseline level: as stated, else the figure of the baseline year."""
    if terms.baseline_value is not None:
        return terms.baseline_value
    base = terms.base_year
    return None if base is None else figures.get(base)


def _ratio_rates(path: Series) -> dict[int, float]:
    return {y: (path[y] / path[y - 1] - 1) * 100 for y in sorted(path)
            if y - 1 in path and path[y - 1]}


def _steps(path: Series) -> dict[int, float]:
    return {y: path[y] - path[y - 1] for y in sorted(path) if y - 1 in path}


def _year_on_year(terms: TargetTerms, path: Series, figures: Series) -> dict[int, float]:
    if terms.from_rates:
        return dict(path)
    if terms.change_unit is ChangeUnit.PERCENT:
        return {y: figures[y - 1] * (1 + r / 100) for y, r in path.items() if y - 1 in figures}
    return {y: figures[y - 1] + r for y, r in path.items() if y - 1 in figures}


def on_figure_scale(terms: TargetTerms, path: Series, figures: Series) -> dict[int, float]:
    """Turn a tracked-quantity path into the figure each year must reach (module doc)."""
    base = baseline_level(terms, figures)
    match terms.kind:
        case TargetKind.AVERAGE_ANNUAL_GROWTH if terms.from_rates:
            return _ratio_rates(path)
        case TargetKind.AVERAGE_ANNUAL_GROWTH:
            return {} if base is None else {y: base * r for y, r in path.items()}
        case TargetKind.CHANGE_VS_BASELINE if terms.compounds_rates:
            return _ratio_rates({y: 1 + r / 100 for y, r in path.items()})
        case TargetKind.CHANGE_VS_BASELINE if terms.change_unit is ChangeUnit.PERCENT:
            return {} if base is None else {y: base * (1 + r / 100) for y, r in path.items()}
        case TargetKind.CHANGE_VS_BASELINE:
            return {} if base is None else {y: base + r for y, r in path.items()}
        case TargetKind.CUMULATIVE_OVER_PERIOD:
            return _steps(path)
        case TargetKind.CHANGE_EVERY_YEAR:
            return _year_on_year(terms, path, figures)
        case _:
            return dict(path)


def figure_path(terms: TargetTerms, figures: Series) -> dict[int, float]:
    """Return the required path from the baseline to the deadline on the figures' scale
    (empty when the target has no baseline year, or needs a baseline level it lacks)."""
    with_base = replace(terms, baseline_value=baseline_level(terms, figures))
    return on_figure_scale(terms, required_path(with_base), figures)


def _stated_bounds(terms: TargetTerms, default_tolerance: float) -> tuple[float, float]:
    """The band the comparator accepts around the stated value, in the target's terms."""
    value = terms.value
    match terms.comparator:
        case Comparator.BETWEEN if terms.upper_value is not None:
            return value, terms.upper_value
        case Comparator.APPROX:
            tolerance = (terms.tolerance if terms.tolerance is not None
                         else abs(value) * default_tolerance)
            return value - tolerance, value + tolerance
        case Comparator.EQ if terms.tolerance:
            return value - terms.tolerance, value + terms.tolerance
        case _:
            return value, value


def _at_deadline(terms: TargetTerms, value: float, figures: Series) -> float | None:
    single = replace(terms, value=value, comparator=Comparator.GTE, upper_value=None)
    return figure_path(single, figures).get(terms.deadline_year)


def target_bounds(terms: TargetTerms, figures: Series, *,
                  default_tolerance: float) -> Bounds | None:
    """Return the target and its band at the deadline on the figures' scale, or None when
    the path cannot be drawn (no baseline year, or no baseline level where one is needed)."""
    low, high = _stated_bounds(terms, default_tolerance)
    points = [_at_deadline(terms, v, figures) for v in (terms.value, low, high)]
    if any(p is None for p in points):
        return None
    value, a, b = (float(p) for p in points)  # type: ignore[arg-type]
    return Bounds(value=value, low=min(a, b, value), high=max(a, b, value))

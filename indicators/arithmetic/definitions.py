"""Figures on one definition: the one rule for breaks (口径调整, census revisions), read
the same way by a target's status and by its forecast.

A break from year B says that figures from B on follow a new definition; where a
linking factor k is known, a new-definition figure equals the old-definition figure × k.
Only breaks up to the latest figure count (a break recorded for a year not yet
published changes nothing yet).

- A series is forecast on the definition of its latest figure: earlier figures are
  multiplied by the factors of the linked breaks after them, and an unlinked break cuts
  the history (figures before it are on another definition and cannot be joined).
- A target is judged on the definition it was set in, the one of its baseline year
  (its stated baseline value included, even when no figure of that definition is stored):
  figures after a linked break later than the baseline are divided by its factor. An
  unlinked break after the baseline leaves the target without a comparable history, so it
  is not assessable and gets no probability (a break is never read as a collapse), with
  two exceptions: a ceiling or floor kept every period compares each year on its own and
  ignores breaks, and a change required every year only loses the change across the break.
- A forecast (on the latest figure's definition) is brought to the target's definition by
  the same factors, so the history and its continuation are read on one definition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from indicators.arithmetic.paths import TargetTerms
from indicators.vocab import TargetKind


@dataclass(frozen=True)
class Break:
    """A definition break from `year` on: a figure on the new definition equals the old
    definition's figure × `linking_factor`, where one is known."""

    year: int
    linking_factor: float | None = None


@dataclass(frozen=True)
class Observed:
    """The annual figures of a series, as known at the assessment date."""

    values: Mapping[int, float]
    breaks: Sequence[Break] = ()
    illustrative_years: frozenset[int] = frozenset()
    preliminary_years: frozenset[int] = frozenset()


@dataclass(frozen=True)
class TargetHistory:
    """The figures a target reads, on its own definition. `broken_at` is the year of an
    unlinked break that leaves it without a comparable history (None when it has one);
    `from_latest` takes a figure on the latest figure's definition (a forecast) to the
    target's."""

    values: dict[int, float]
    broken_at: int | None = None
    from_latest: float = 1.0


def _breaks_after(observed: Observed, first: int | None) -> list[Break]:
    """The breaks after year `first` (default: the first figure's) up to the latest
    figure, in order."""
    years = observed.values
    if not years:
        return []
    start, last = min(years) if first is None else first, max(years)
    return sorted((b for b in observed.breaks if start < b.year <= last), key=_year)


def _year(brk: Break) -> int:
    return brk.year


def series_history(observed: Observed) -> dict[int, float]:
    """Return the figures to forecast: on the latest figure's definition, from the last
    unlinked break on."""
    values = dict(observed.values)
    for brk in _breaks_after(observed, None):
        if brk.linking_factor is None:
            values = {y: v for y, v in values.items() if y >= brk.year}
        else:
            values = {y: v * brk.linking_factor if y < brk.year else v
                      for y, v in values.items()}
    return values


def target_history(terms: TargetTerms, observed: Observed) -> TargetHistory:
    """Return the figures a target reads, on the definition of its baseline year."""
    values = dict(observed.values)
    base = terms.base_year
    if terms.kind is TargetKind.KEPT_EVERY_PERIOD or base is None:
        return TargetHistory(values)
    from_latest = 1.0
    for brk in _breaks_after(observed, base):  # before the baseline: set in the later one
        if brk.linking_factor is None:
            if terms.kind is TargetKind.CHANGE_EVERY_YEAR:
                values.pop(brk.year - 1, None)  # the change across the break is unknowable
                continue
            return TargetHistory(values, broken_at=brk.year)
        values = {y: v / brk.linking_factor if y >= brk.year else v for y, v in values.items()}
        from_latest /= brk.linking_factor
    return TargetHistory(values, from_latest=from_latest)

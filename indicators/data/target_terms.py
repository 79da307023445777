"""A target's terms as the arithmetic reads them, from its catalogue row: one function for
the assessment and for the chart's story, so the two never read a target differently."""

from __future__ import annotations

from indicators.arithmetic.paths import TargetTerms
from indicators.arithmetic.units import RELATIVE_KINDS
from indicators.tables.catalogue import Target
from indicators.vocab import Nature


def target_terms(target: Target, factor: float) -> TargetTerms:
    """Return the target's terms as the assessment reads them: its figures scaled by
    `factor` into the indicator's unit (a growth or change keeps its own unit)."""
    start = target.start_year
    if start is None and target.baseline_year is None and target.document is not None:
        start = target.document.plan_start

    def scaled(value: object) -> float | None:
        return None if value is None else float(value) * factor  # type: ignore[arg-type]

    indicator = target.indicator
    return TargetTerms(
        kind=target.kind, comparator=target.comparator, value=float(target.value) * factor,
        deadline_year=target.deadline_year, upper_value=scaled(target.upper_value),
        tolerance=scaled(target.tolerance), change_unit=target.change_unit,
        baseline_year=target.baseline_year, baseline_value=scaled(target.baseline_value),
        start_year=start, higher_is_better=indicator.higher_is_better,
        value_type=indicator.value_type, binding=target.nature is Nature.BINDING,
        unit=target.unit if target.kind in RELATIVE_KINDS else indicator.unit)

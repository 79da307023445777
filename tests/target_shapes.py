"""A hypothesis strategy for the shapes of targets the demo generates series for, shared by
the tests of the illustrative generator and of its pinning to real figures."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from indicators.vocab import ChangeUnit, Comparator, TargetKind, ValueType
from service.demo.illustrative import TargetShape


@st.composite
def target_shapes(draw: st.DrawFn, *, latest_deadline: int = 2030,
                  key_length: int = 20) -> TargetShape:
    """Any kind, comparator and value type, a deadline from 2012 to `latest_deadline`."""
    kind = draw(st.sampled_from(list(TargetKind)))
    comparator = draw(st.sampled_from(list(Comparator)))
    value = Decimal(draw(st.integers(1, 10_000)))
    deadline = draw(st.integers(2012, latest_deadline))
    start = draw(st.one_of(st.none(), st.integers(deadline - 6, deadline)))
    return TargetShape(
        key=draw(st.text(min_size=1, max_size=key_length)), kind=kind, comparator=comparator,
        value=value, upper_value=value * 2 if comparator is Comparator.BETWEEN else None,
        change_unit=draw(st.sampled_from(list(ChangeUnit))), start_year=start,
        deadline_year=deadline, value_type=draw(st.sampled_from(list(ValueType))),
        higher_is_better=draw(st.booleans()))

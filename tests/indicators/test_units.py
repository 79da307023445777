from __future__ import annotations

import pytest

from indicators.arithmetic.units import unit_factor
from indicators.vocab import TargetKind

LEVEL = TargetKind.LEVEL_AT_DEADLINE


@pytest.mark.parametrize("stated, own, factor", [
    ("亿元", "亿元", 1.0), ("万人", "人", 1e4), ("亿元", "万元", 1e4), ("万元", "亿元", 1e-4),
    ("个百分点", "%", 1.0), ("万吨", "万吨/年", 1.0), ("个村", "个", 1.0), ("%", "%", 1.0),
])
def test_units_that_convert(stated: str, own: str, factor: float) -> None:
    assert unit_factor(LEVEL, stated, own) == pytest.approx(factor)


@pytest.mark.parametrize("stated, own", [("公里", "%"), ("万人", "个"), ("元", "吨")])
def test_units_that_do_not(stated: str, own: str) -> None:
    assert unit_factor(LEVEL, stated, own) is None


def test_rates_and_changes_take_their_unit_from_change_unit() -> None:
    assert unit_factor(TargetKind.CHANGE_VS_BASELINE, "%", "吨/万元") == 1.0

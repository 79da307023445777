"""One unit rule for targets and uploads: scales, synonyms, per mille, classifiers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.arithmetic.units import target_unit_factor, unit_factor
from indicators.catalogue import loader
from indicators.vocab import TargetKind

LEVEL = TargetKind.LEVEL_AT_DEADLINE


@pytest.mark.parametrize("stated, own, factor", [
    ("亿元", "亿元", 1.0), ("万人", "人", 1e4), ("亿元", "万元", 1e4), ("万元", "亿元", 1e-4),
    ("元", "亿元", 1e-8), ("个百分点", "%", 1.0), ("万吨", "万吨/年", 1.0), ("个村", "个", 1.0),
    ("个", "个村", 1.0), ("%", "%", 1.0), ("‰", "%", 0.1), ("%", "‰", 10.0),
    ("万公里", "公里", 1e4), ("千米", "公里", 1.0), ("万千瓦", "千瓦", 1e4),
])
def test_units_that_convert(stated: str, own: str, factor: float) -> None:
    assert unit_factor(stated, own) == pytest.approx(factor)
    assert target_unit_factor(LEVEL, stated, own) == pytest.approx(factor)


@pytest.mark.parametrize("stated, own", [
    ("公里", "%"), ("万人", "个"), ("元", "吨"), ("人", "人次"), ("‰", "元"), ("万人", "万元"),
])
def test_units_that_do_not(stated: str, own: str) -> None:
    assert unit_factor(stated, own) is None
    assert target_unit_factor(LEVEL, stated, own) is None


def test_rates_and_changes_take_their_unit_from_change_unit() -> None:
    assert target_unit_factor(TargetKind.CHANGE_VS_BASELINE, "%", "吨/万元") == 1.0
    assert unit_factor("%", "吨/万元") is None


@given(st.sampled_from(["元", "人", "吨", "公里", "千瓦", "个"]),
       st.sampled_from(["", "百", "千", "万", "亿"]), st.sampled_from(["", "百", "千", "万", "亿"]))
def test_a_conversion_and_its_reverse_multiply_to_one(base: str, one: str, other: str) -> None:
    there, back = unit_factor(one + base, other + base), unit_factor(other + base, one + base)
    assert there is not None and back is not None
    assert there * back == pytest.approx(1.0)


def test_every_seed_target_converts_to_its_indicators_unit() -> None:
    files = loader.read_catalogues(loader.seed_files())
    units = {i.code: i.unit for f in files for i in f.catalogue.indicators}
    stuck = [(t.key, t.unit, units[t.indicator]) for f in files for t in f.catalogue.targets
             if target_unit_factor(t.kind, t.unit, units[t.indicator]) is None]
    assert stuck == []

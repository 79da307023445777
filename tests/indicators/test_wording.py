from __future__ import annotations

from decimal import Decimal

import pytest

from indicators.tables.catalogue import Target
from indicators.text.messages import Language
from indicators.text.wording import target_text
from indicators.vocab import ChangeUnit, Comparator, TargetKind


def _target(**fields: object) -> Target:
    defaults: dict[str, object] = {
        "kind": TargetKind.LEVEL_AT_DEADLINE, "comparator": Comparator.GTE,
        "value": Decimal("300.0000000000"), "upper_value": None, "unit": "家",
        "baseline_year": None, "start_year": None, "deadline_year": 2022}
    return Target(**(defaults | fields))


@pytest.mark.parametrize("fields, zh, en", [
    ({}, "≥ 300家", "≥ 300 firms"),
    ({"kind": TargetKind.AVERAGE_ANNUAL_GROWTH, "comparator": Comparator.APPROX,
      "value": Decimal("8"), "unit": "%"}, "年均增长 ≈ 8%", "average annual growth ≈ 8 %"),
    ({"kind": TargetKind.CHANGE_VS_BASELINE, "comparator": Comparator.LTE,
      "value": Decimal("-17"), "unit": "%", "baseline_year": 2010,
      "change_unit": ChangeUnit.PERCENT}, "较2010年变化 ≤ -17%", "change vs 2010 ≤ -17 %"),
    ({"comparator": Comparator.GT}, "> 300家", "> 300 firms"),
    ({"kind": TargetKind.KEPT_EVERY_PERIOD, "comparator": Comparator.LT,
      "value": Decimal("4.5"), "unit": "%"}, "每期 < 4.5%", "every period < 4.5 %"),
    ({"comparator": Comparator.BETWEEN, "value": Decimal("1"), "upper_value": Decimal("2"),
      "unit": "%"}, "1–2%", "1–2 %"),
    ({"kind": TargetKind.CUMULATIVE_OVER_PERIOD, "value": Decimal("6"), "unit": "万人",
      "start_year": 2013, "deadline_year": 2015}, "2013–2015年累计 ≥ 6万人",
     "2013–2015 cumulative ≥ 6 ×10k people"),
    ({"kind": TargetKind.CUMULATIVE_OVER_PERIOD, "value": Decimal("50"), "unit": "个",
      "start_year": 2016, "deadline_year": 2016}, "2016年内 ≥ 50个", "within 2016 ≥ 50"),
])
def test_a_target_in_a_few_words(fields: dict[str, object], zh: str, en: str) -> None:
    target = _target(**fields)
    assert target_text(target, Language.ZH) == zh
    assert target_text(target, Language.EN) == en

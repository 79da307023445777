"""The "why this status" panel as data: the required-path rule stated for every kind of
target with its numbers, the evidence that decided, and the thresholds in force marked
for the target's nature (binding or expected)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from dashboards.pages.target_why import decided_text, formula_text, threshold_rows
from indicators.arithmetic.thresholds import Thresholds
from indicators.data.target_detail import StoredVerdict, TargetFacts
from indicators.text.messages import Language, message
from indicators.vocab import ChangeUnit, Comparator, Nature, Status, TargetKind, ValueType


def say(key: str, **values: object) -> str:
    return message(key, Language.ZH, **values)


FACTS = TargetFacts(
    target_id=1, key="k", indicator_name="森林覆盖率", indicator_name_en="Forest",
    region_name="吕梁市", region_name_en="Lüliang", entity_name=None,
    kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE, value=33.0,
    upper_value=None, tolerance=None, unit="%", indicator_unit="%", change_unit=None,
    baseline_year=None, baseline_value=None, base_year=2015, first_year=2016,
    deadline_year=2020, deadline_inferred=False, nature=Nature.EXPECTED,
    lead_department=None, clause=None, quote="q", value_type=ValueType.SHARE,
    higher_is_better=True, from_rates=False)

VERDICT = StoredVerdict(
    run_id=1, run_as_of=datetime(2019, 6, 1, tzinfo=UTC), retrospective=False,
    thresholds=Thresholds().model_dump(), status=Status.ON_TRACK,
    reason_key="assess.by_probability", reason_zh="", reason_en="", final=False,
    illustrative=False, latest_preliminary=False, latest_year=2018, latest_value=30.0,
    required_value=29.0, time_share=0.6, distance_share=0.7, progress_ratio=1.1, gap=1.0,
    required_rate=2.0, required_change=1.0, baseline_stated=None, baseline_observed=28.0,
    probability=0.6, forecast_year=2020, forecast_mean=33.5, forecast_lo_80=32.0,
    forecast_hi_80=35.0, forecast_lo_95=31.0, forecast_hi_95=36.0, forecast_model="theta")


@pytest.mark.parametrize(("kind", "change_unit", "expected"), [
    (TargetKind.LEVEL_AT_DEADLINE, None, "线性路径"),
    (TargetKind.COVERAGE, None, "线性路径"),
    (TargetKind.AVERAGE_ANNUAL_GROWTH, None, "(1 + 33%)^(y − 2015)"),
    (TargetKind.CHANGE_VS_BASELINE, ChangeUnit.PERCENT, "((1 + 33%)^((y − 2015)"),
    (TargetKind.CHANGE_VS_BASELINE, ChangeUnit.PERCENTAGE_POINT, "33 × (y − 2015)"),
    (TargetKind.CHANGE_EVERY_YEAR, ChangeUnit.PERCENT, "每年较上年的变化须 ≥ 33%"),
    (TargetKind.KEPT_EVERY_PERIOD, None, "每年数值须 ≥ 33%"),
    (TargetKind.CUMULATIVE_OVER_PERIOD, None, "R(y) = 33 × (y − 2016 + 1)"),
])
def test_the_rule_is_stated_for_every_kind(kind: TargetKind, change_unit: ChangeUnit | None,
                                           expected: str) -> None:
    assert expected in formula_text(replace(FACTS, kind=kind, change_unit=change_unit), say)


def test_growth_says_whether_it_chains_rates_or_divides_levels() -> None:
    growth = replace(FACTS, kind=TargetKind.AVERAGE_ANNUAL_GROWTH)
    assert "∏(1 + r/100)" in formula_text(replace(growth, from_rates=True), say)
    assert "v(y) ÷ v(2015)" in formula_text(growth, say)
    assert formula_text(replace(FACTS, base_year=None), say) == say("target_page.formula_no_base")


def test_the_deciding_evidence_quotes_the_cut_points_of_the_targets_nature() -> None:
    assert "≥ 53%" in decided_text(FACTS, VERDICT, say)
    binding = replace(FACTS, nature=Nature.BINDING)
    assert "≥ 58%" in decided_text(binding, VERDICT, say)
    by_ratio = replace(VERDICT, reason_key="assess.progress_rate", probability=None)
    assert "≥ 0.98" in decided_text(binding, by_ratio, say)
    final = replace(VERDICT, reason_key="assess.achieved", status=Status.ACHIEVED)
    assert decided_text(FACTS, final, say) == say("target_page.decided_figure")


def test_thresholds_mark_the_column_in_force() -> None:
    expected = threshold_rows(FACTS, VERDICT.thresholds, say)
    binding = threshold_rows(replace(FACTS, nature=Nature.BINDING), VERDICT.thresholds, say)
    assert [r.applies for r in expected[:4]] == ["expected"] * 4
    assert [r.applies for r in binding[:4]] == ["binding"] * 4
    assert (expected[0].expected, expected[0].binding) == ("53%", "58%")
    assert expected[-1].applies == "both" and expected[-1].expected == "5%"

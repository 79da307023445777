from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from indicators.vocab import ChangeUnit, Comparator, TargetKind, ValueType
from service.demo.illustrative import TargetShape, illustrative_series, illustrative_years
from tests.target_shapes import target_shapes


def shapes() -> st.SearchStrategy[TargetShape]:
    return target_shapes()


@given(shapes(), st.integers(2015, 2026))
def test_a_series_covers_its_years_and_nothing_after_the_last(shape: TargetShape,
                                                              last_year: int) -> None:
    series = illustrative_series(shape, last_year)
    assert list(series) == list(illustrative_years(shape, last_year))
    assert all(year <= last_year for year in series)
    assert all(value.is_finite() for value in series.values())


def _shape(key: str, comparator: Comparator = Comparator.GTE, value: int = 300) -> TargetShape:
    return TargetShape(key=key, kind=TargetKind.LEVEL_AT_DEADLINE, comparator=comparator,
                       value=Decimal(value),
                       upper_value=None, change_unit=ChangeUnit.PERCENT, start_year=2018,
                       deadline_year=2022, value_type=ValueType.LEVEL, higher_is_better=True)


_KEYS = ["003-gazelle-firms-2022", "002-forest-coverage-2015", "001-gdp-growth-avg-2016-2018",
         "淄博-目标", "x"]
# The same shapes as `_shape`, built in a fresh interpreter (no test module imported).
_PRINT_SERIES = """
import json, sys
from decimal import Decimal
from indicators.vocab import ChangeUnit, Comparator, TargetKind, ValueType
from service.demo.illustrative import TargetShape, illustrative_series
shapes = [TargetShape(key=key, kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                      value=Decimal(300), upper_value=None, change_unit=ChangeUnit.PERCENT,
                      start_year=2018, deadline_year=2022, value_type=ValueType.LEVEL,
                      higher_is_better=True) for key in json.loads(sys.argv[1])]
print(json.dumps([{str(y): str(v) for y, v in illustrative_series(s, 2025).items()}
                  for s in shapes]))
"""


def test_the_same_target_gets_the_same_series_in_every_process() -> None:
    """The demo's figures must not change from one load to the next: the series is seeded
    by the target's key, not by anything that varies per process (Python salts str hashes
    per process), and different keys get different series."""
    here = [{str(y): str(v) for y, v in illustrative_series(_shape(k), 2025).items()}
            for k in _KEYS]
    root = Path(__file__).resolve().parents[2]
    for hash_seed in ("1", "2"):
        other = subprocess.run(
            [sys.executable, "-c", _PRINT_SERIES, json.dumps(_KEYS)], cwd=root,
            capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(root)})
        assert json.loads(other.stdout) == here
    assert len({json.dumps(series) for series in here}) == len(_KEYS)


@given(st.text(min_size=1, max_size=20), st.integers(10, 10_000),
       st.sampled_from([Comparator.GTE, Comparator.GT, Comparator.LTE, Comparator.LT]))
def test_a_level_target_ends_ahead_on_or_behind_it(key: str, value: int,
                                                   comparator: Comparator) -> None:
    """At the deadline the series lands at the target times one of the outcomes the demo
    shows (ahead 1.06, on 1.0, slightly behind 0.93, well behind 0.8; divided for a
    ceiling, strict (<) or not (≤)), give or take 2% of noise and the rounding to cents."""
    ceiling = comparator.is_ceiling
    series = illustrative_series(_shape(key, comparator=comparator, value=value), 2025)
    assert list(series) == list(range(2017, 2023))
    ratio = float(series[2022]) / value
    outcomes = [1 / p if ceiling else p for p in (1.06, 1.0, 0.93, 0.8)]
    slack = 0.005 / value  # the rounding to two decimals
    assert any(o * 0.98 - slack <= ratio <= o * 1.02 + slack for o in outcomes), ratio


def test_counts_are_whole_numbers() -> None:
    shape = TargetShape(key="003-gazelle", kind=TargetKind.LEVEL_AT_DEADLINE,
                        comparator=Comparator.GTE, value=Decimal(300), upper_value=None,
                        change_unit=None, start_year=2018, deadline_year=2022,
                        value_type=ValueType.COUNT, higher_is_better=True)
    series = illustrative_series(shape, 2025)
    assert list(series) == [2017, 2018, 2019, 2020, 2021, 2022]
    assert all(value == value.to_integral_value() for value in series.values())

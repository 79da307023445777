"""Duplicate target keys: every one reported with its lines, found in linear time."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.catalogue import loader as catalogue
from indicators.catalogue.duplicates import duplicated
from tests.factories import write_small_catalogue

_COPY = ('  - {{key: {key}, indicator: gdp_growth, region: "141100", kind: average_annual_growth,'
         '\n     comparator: gte, value: 10, unit: "%", start_year: 2011, deadline: 2015,'
         '\n     quote: "地区生产总值年均增长10%"}}\n')


def _with_targets(folder: Path, extra: str) -> Path:
    """The small test catalogue with more targets appended to its list."""
    path = write_small_catalogue(folder)
    path.write_text(path.read_text(encoding="utf-8").rstrip() + "\n" + extra, encoding="utf-8")
    return path


def _lines_of(path: Path, key: str) -> list[int]:
    text = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(text, 1) if f"{{key: {key}," in line]


def test_every_duplicated_key_is_reported_with_all_its_lines(tmp_path: Path) -> None:
    extra = _COPY.format(key="T1-gdp") * 2 + _COPY.format(key="T1-forest-2020")
    path = _with_targets(tmp_path, extra)
    with pytest.raises(catalogue.CatalogueError) as error:
        catalogue.read_catalogue(path)
    problems = error.value.problems
    assert len(problems) == 2
    forest, gdp = problems  # sorted by key
    gdp_lines, forest_lines = _lines_of(path, "T1-gdp"), _lines_of(path, "T1-forest-2020")
    assert len(gdp_lines) == 3 and len(forest_lines) == 2
    assert "T1-gdp" in gdp and ", ".join(map(str, gdp_lines)) in gdp
    assert "T1-forest-2020" in forest and ", ".join(map(str, forest_lines)) in forest
    assert "重复" in gdp and "more than once" in gdp


def test_a_file_without_duplicates_still_loads(tmp_path: Path) -> None:
    path = _with_targets(tmp_path, _COPY.format(key="T1-other"))
    assert len(catalogue.read_catalogue(path).catalogue.targets) == 4


@given(st.lists(st.sampled_from(["a", "b", "c", "甲", "乙", "x-1"]), max_size=30))
def test_duplicated_finds_exactly_the_keys_given_more_than_once(keys: list[str]) -> None:
    assert duplicated(keys) == sorted({k for k in keys if keys.count(k) > 1})

"""The replay benchmark (bench/replay.py) on a small fixture: what is known at each
checkpoint, the baselines and the scores, worked by hand."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import replay
import replay_cases as cases
from replay_baselines import BASELINES
from replay_scores import Call, score

FIXTURE = Path(__file__).resolve().parent / "bench_fixture"


@pytest.fixture(scope="module")
def targets() -> dict[str, cases.ReplayTarget]:
    return {t.key: t for t in cases.load_targets(FIXTURE)}


def test_a_revision_counts_from_the_day_it_was_published(
        targets: dict[str, cases.ReplayTarget]) -> None:
    figures = targets["fixture-rd-intensity"].figures
    assert cases.known_on(figures, date(2016, 6, 30))[2015] == 2.10
    assert cases.known_on(figures, date(2017, 6, 30))[2015] == 2.07
    assert 2016 not in cases.known_on(figures, date(2017, 2, 27))


def test_yearly_rates_of_a_cumulative_change_are_kept_as_published(
        targets: dict[str, cases.ReplayTarget]) -> None:
    energy = targets["fixture-energy-intensity"]
    assert energy.terms.compounds_rates
    second = cases.checkpoints(energy)[1]  # as of 30 June 2018: 2016 and 2017 are out
    assert second.data_year == 2017 and second.as_of == date(2018, 6, 30)
    assert dict(second.values) == {2016: -5.0, 2017: -3.7}


def test_checkpoints_run_from_the_first_counted_year_to_the_year_before_the_deadline(
        targets: dict[str, cases.ReplayTarget]) -> None:
    points = cases.checkpoints(targets["fixture-urbanisation"])
    assert [p.data_year for p in points] == [2016, 2017, 2018, 2019]
    assert [p.time_share for p in points] == [0.2, 0.4, 0.6, 0.8]
    assert 2020 not in points[-1].values  # the deadline figure is never known


def test_the_baselines_on_r_and_d_intensity_two_years_in(
        targets: dict[str, cases.ReplayTarget]) -> None:
    """2.07% (revised) in 2015 to 2.12% in 2017 against 2.5% by 2020: 12% of the way in 40%
    of the time; compound growth 1.2% a year against 3.8% needed (R = 0.31); the trend
    reaches about 2.2%, a third of the required progress."""
    point = cases.checkpoints(targets["fixture-rd-intensity"])[1]
    calls = {name: judge(point) for name, judge in BASELINES.items()}
    assert calls == {"序时进度 time share": "off_track", "ESCAP trend projection": "off_track",
                     "Open SDG progress ratio": "off_track"}


def test_the_baselines_see_a_target_ahead_of_its_path_as_on_track(
        targets: dict[str, cases.ReplayTarget]) -> None:
    point = cases.checkpoints(targets["fixture-urbanisation"])[1]  # 58.52% in 2017
    assert {judge(point) for judge in BASELINES.values()} == {"on_track"}


def test_scores_worked_by_hand(targets: dict[str, cases.ReplayTarget]) -> None:
    missed, met = targets["fixture-rd-intensity"], targets["fixture-urbanisation"]
    m, k = cases.checkpoints(missed), cases.checkpoints(met)
    calls = [Call(m[0], "a", False, 0.6), Call(m[3], "a", True, 0.2),  # warned late only
             Call(k[0], "a", True, 0.4), Call(k[3], "a", True, 0.9)]  # a false alarm in 2019
    s = score(calls)
    assert s.brier == pytest.approx((0.36 + 0.04 + 0.36 + 0.01) / 4)
    assert (s.missed, s.warned, s.warned_early, s.met, s.false_alarms) == (1, 1, 0, 1, 1)


def test_the_bench_prints_one_row_per_method(capsys: pytest.CaptureFixture[str]) -> None:
    replay.main(["--data", str(FIXTURE)])
    out = capsys.readouterr().out
    assert "5 targets (3 missed) from 1 documents, 20 checkpoints" in out
    for name in [replay.STATUS, replay.PROBABILITY, *BASELINES]:
        assert f"| {name} |" in out

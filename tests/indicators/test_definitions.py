"""One break rule, read the same way by a target's status and by its forecast."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from indicators.arithmetic.definitions import Break, Observed, series_history, target_history
from indicators.arithmetic.paths import TargetTerms
from indicators.arithmetic.status import status_from_actuals
from indicators.runs.outlook import OutlookRequest, outlooks, request_for
from indicators.vocab import ChangeUnit, Comparator, Status, TargetKind

LEVEL = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE, value=180.0,
                    deadline_year=2024, baseline_year=2015)
OLD = {2015: 100.0, 2016: 110.0, 2017: 120.0, 2018: 130.0}
NEW = {2019: 280.0, 2020: 300.0, 2021: 320.0}  # the new definition is twice the old


def test_a_series_is_forecast_on_its_latest_definition() -> None:
    linked = Observed(OLD | NEW, breaks=[Break(2019, linking_factor=2.0)])
    assert series_history(linked) == {2015: 200.0, 2016: 220.0, 2017: 240.0, 2018: 260.0,
                                      2019: 280.0, 2020: 300.0, 2021: 320.0}
    unlinked = Observed(OLD | NEW, breaks=[Break(2019)])
    assert series_history(unlinked) == NEW


def test_a_break_after_the_latest_figure_changes_nothing_yet() -> None:
    observed = Observed(OLD, breaks=[Break(2019)])
    assert series_history(observed) == OLD
    assert target_history(LEVEL, observed).values == OLD


def test_a_target_reads_its_baseline_years_definition() -> None:
    history = target_history(LEVEL, Observed(OLD | NEW, breaks=[Break(2019, 2.0)]))
    assert history.values == OLD | {2019: 140.0, 2020: 150.0, 2021: 160.0}
    assert history.from_latest == 0.5 and history.broken_at is None


def test_a_target_set_after_a_break_reads_the_new_definition() -> None:
    later = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                        value=360.0, deadline_year=2024, baseline_year=2019)
    history = target_history(later, Observed(OLD | NEW, breaks=[Break(2019)]))
    assert (history.broken_at, history.from_latest) == (None, 1.0)
    assert {y: history.values[y] for y in NEW} == NEW


def test_an_unlinked_break_after_the_baseline_leaves_no_comparable_history() -> None:
    observed = Observed(OLD | NEW, breaks=[Break(2019)])
    assert target_history(LEVEL, observed).broken_at == 2019
    # a stated baseline is on the old definition even when no old figure is stored
    stated = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                         value=180.0, deadline_year=2024, baseline_year=2015,
                         baseline_value=100.0)
    assert target_history(stated, Observed(NEW, breaks=[Break(2019)])).broken_at == 2019


def test_ceilings_ignore_breaks_and_yearly_changes_lose_only_the_change_across() -> None:
    ceiling = TargetTerms(kind=TargetKind.KEPT_EVERY_PERIOD, comparator=Comparator.LTE,
                          value=400.0, deadline_year=2024, start_year=2016)
    observed = Observed(OLD | NEW, breaks=[Break(2019)])
    assert target_history(ceiling, observed).values == OLD | NEW
    yearly = TargetTerms(kind=TargetKind.CHANGE_EVERY_YEAR, comparator=Comparator.GTE,
                         value=5.0, deadline_year=2024, start_year=2016,
                         change_unit=ChangeUnit.ABSOLUTE)
    history = target_history(yearly, observed)
    assert history.broken_at is None and 2018 not in history.values
    assert history.values == {y: v for y, v in (OLD | NEW).items() if y != 2018}


@given(st.lists(st.floats(0.2, 5.0), min_size=1, max_size=3),
       st.lists(st.integers(2016, 2021), min_size=3, max_size=3, unique=True))
def test_on_linked_breaks_the_two_definitions_differ_by_from_latest(
        factors: list[float], years: list[int]) -> None:
    """series[y] × from_latest = target[y] for every year from the baseline on."""
    breaks = [Break(y, f) for y, f in zip(sorted(years), factors, strict=False)]
    observed = Observed(OLD | NEW, breaks=breaks)
    series, history = series_history(observed), target_history(LEVEL, observed)
    for year in range(2015, 2022):
        assert math.isclose(series[year] * history.from_latest, history.values[year],
                            rel_tol=1e-12)


def test_status_and_probability_read_the_same_history() -> None:
    """Across an unlinked break after the baseline the status gives up, and so does the
    forecast: no probability is made from figures on two definitions."""
    observed = Observed(OLD | NEW, breaks=[Break(2019)])
    status = status_from_actuals(LEVEL, observed, as_of_year=2021)
    assert (status.status, status.reason_key) == (Status.NOT_ASSESSABLE,
                                                  "assess.definition_break")
    assert request_for(LEVEL, observed, key="t", series_id=1, as_of_year=2021) is None
    linked = Observed(OLD | NEW, breaks=[Break(2019, 2.0)])
    request = request_for(LEVEL, linked, key="t", series_id=1, as_of_year=2021)
    assert request is not None
    assert request.values == target_history(LEVEL, linked).values
    assert request.series_history == series_history(linked)


def test_a_forecast_on_the_latest_definition_is_brought_to_the_targets() -> None:
    """Forecasting the doubled series and halving it gives the target the same forecast
    and probability as forecasting the series on the target's own definition."""
    rng = np.random.default_rng(4)
    requests_latest, requests_own = [], []
    for i in range(30):
        own = {2010 + k: 100.0 + 10 * k + float(rng.normal(0, 4)) for k in range(12)}
        latest = {y: v * 2 for y, v in own.items()}
        terms = TargetTerms(kind=TargetKind.LEVEL_AT_DEADLINE, comparator=Comparator.GTE,
                            value=own[2021] + 30, deadline_year=2024, baseline_year=2015)
        requests_own.append(OutlookRequest(f"t{i}", i, terms, own))
        requests_latest.append(OutlookRequest(f"t{i}", i, terms, own, history=latest,
                                              from_latest=0.5))
    by_own = outlooks(requests_own, default_tolerance=0.05)
    by_latest = outlooks(requests_latest, default_tolerance=0.05)
    assert by_own.keys() == by_latest.keys() and len(by_own) == 30
    for key, outlook in by_own.items():
        assert by_latest[key].probability == pytest.approx(outlook.probability, abs=1e-9)
        assert by_latest[key].forecast.mean == pytest.approx(outlook.forecast.mean, rel=1e-9)

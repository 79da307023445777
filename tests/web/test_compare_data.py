"""The region comparison's reads: which indicators can be compared, and each region's
target with its result as known now or at a past moment (both databases)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.data import queries
from indicators.data.comparison import comparable_indicators, region_comparison
from indicators.runs.assessment import run_assessment
from tests.factories import add_annual_figures

URBAN = "urbanization_rate"
DONGYANG, LULIANG = "330783", "141100"
EARLY = datetime(2017, 6, 30, 16, tzinfo=UTC)
LATE = datetime(2018, 6, 30, 16, tzinfo=UTC)


@cache
def _seed() -> list[catalogue.LoadedFile]:
    return catalogue.read_catalogues(catalogue.seed_files())


def _two_regions_assessed(session: Session) -> None:
    """The seed catalogue; urbanisation figures for both regions; a run in 2017 on what was
    published by then, and a run in 2018 after Dongyang's 2017 figure."""
    for loaded in _seed():
        catalogue.load_catalogue(session, loaded)
    add_annual_figures(session, indicator_code=URBAN, region_code=DONGYANG,
                       values={2015: "60", 2016: "60.3"})
    add_annual_figures(session, indicator_code=URBAN, region_code=LULIANG,
                       values={2012: "40", 2013: "42.5", 2014: "44", 2015: "46.1"})
    urban = [t for t in queries.approved_targets(session) if t.indicator.code == URBAN]
    run_assessment(session, as_of=EARLY, targets=urban)
    add_annual_figures(session, indicator_code=URBAN, region_code=DONGYANG,
                       values={2017: "62.5"})
    dongyang = [t for t in urban if t.region_code == DONGYANG]
    run_assessment(session, as_of=LATE, targets=dongyang)


def test_the_picker_lists_indicators_with_targets_and_puts_several_regions_first(
        session: Session) -> None:
    for loaded in _seed():
        catalogue.load_catalogue(session, loaded)
    listed = comparable_indicators(session)
    assert listed[0].code == URBAN and listed[0].region_count == 2
    assert all(i.region_count >= 1 and i.target_count >= i.region_count for i in listed)
    assert [i.code for i in listed if i.region_count > 1] == [URBAN]


def test_each_region_is_shown_against_its_own_target_as_known_now_and_then(
        session: Session) -> None:
    _two_regions_assessed(session)
    read = region_comparison(session, indicator_code=URBAN)
    assert read is not None and read.region_count == 2
    by_region = {e.target.region_code: e for e in read.entries}
    assert by_region[DONGYANG].target.key == "001-urbanization-growth-avg-2016-2018"
    assert by_region[LULIANG].target.key == "002-urbanization-rate-annual-rise-2013-2015"
    # The 2018 run re-assessed Dongyang only: Lüliang keeps its result from 2017.
    assert by_region[DONGYANG].result is not None
    assert by_region[DONGYANG].result.latest_year == 2017
    latest = by_region[DONGYANG].latest
    assert latest is not None and (latest.year, str(latest.value.normalize())) == (2017, "62.5")
    assert by_region[LULIANG].result is not None
    assert by_region[LULIANG].result.as_of == EARLY
    assert read.assessed_as_of == LATE
    # As of a day in between: only what the 2017 run knew.
    then = region_comparison(session, indicator_code=URBAN,
                             moment=datetime(2017, 12, 31, 16, tzinfo=UTC))
    assert then is not None and then.assessed_as_of == EARLY
    dongyang = next(e for e in then.entries if e.target.region_code == DONGYANG)
    assert dongyang.result is not None and dongyang.result.latest_year == 2016
    assert dongyang.latest is not None and dongyang.latest.year == 2016
    before = region_comparison(session, indicator_code=URBAN,
                               moment=datetime(2016, 1, 1, tzinfo=UTC))
    assert before is not None and before.assessed_as_of is None
    assert len(before.entries) == 2 and all(e.result is None for e in before.entries)


def test_an_unknown_indicator_reads_as_none(session: Session) -> None:
    assert region_comparison(session, indicator_code="no_such_indicator") is None

"""The region comparison page: the picker marks indicators with several regions, and the
chosen indicator shows each region's own target, as known now or on the as-of day."""

from __future__ import annotations

from datetime import UTC, datetime

from indicators.data import queries
from indicators.runs.assessment import run_assessment
from tests.factories import add_annual_figures


def test_compare_shows_each_regions_own_target(signed_in) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("reader")
    answer = client.get("/compare", params={"indicator": "urbanization_rate"})
    assert answer.status_code == 200
    html = answer.text
    assert 'data-key="001-urbanization-growth-avg-2016-2018"' in html
    assert 'data-key="002-urbanization-rate-annual-rise-2013-2015"' in html
    assert "城市化水平年均增速1%" in html and "城镇化率每年增长2%" in html
    assert "东阳市" in html and "吕梁市" in html
    assert 'id="compare-chart"' in html and "/static/plotly.min.js" in html


def test_the_picker_lists_indicators_and_says_which_have_several_regions(signed_in) -> None:  # type: ignore[no-untyped-def]
    html = signed_in("reader").get("/compare").text
    assert 'value="urbanization_rate"' in html and 'id="several"' in html
    assert 'id="compare-table"' not in html


def test_an_unknown_indicator_is_404_with_the_picker(signed_in) -> None:  # type: ignore[no-untyped-def]
    answer = signed_in("reader").get("/compare", params={"indicator": "<script>x</script>"})
    assert answer.status_code == 404
    assert "<script>x</script>" not in answer.text and 'name="indicator"' in answer.text


def test_as_of_a_day_keeps_the_day_in_the_picker_and_shows_the_banner(signed_in) -> None:  # type: ignore[no-untyped-def]
    answer = signed_in("reader").get("/compare", params={"indicator": "urbanization_rate",
                                                         "as_of": "2017-12-31"})
    assert answer.status_code == 200
    assert 'name="as_of" value="2017-12-31"' in answer.text
    assert "2017-12-31" in answer.text


def test_each_region_shows_its_status_mark_and_what_is_required(
        signed_in, session_factory) -> None:  # type: ignore[no-untyped-def]
    client = signed_in("reader")
    with session_factory() as session, session.begin():
        add_annual_figures(session, indicator_code="urbanization_rate", region_code="330783",
                           values={2015: "60", 2016: "60.3", 2017: "60.5"})
        add_annual_figures(session, indicator_code="urbanization_rate", region_code="141100",
                           values={2012: "40", 2013: "42.5", 2014: "43", 2015: "46.1"})
        urban = [t for t in queries.approved_targets(session)
                 if t.indicator.code == "urbanization_rate"]
        run_assessment(session, as_of=datetime(2018, 6, 30, 16, tzinfo=UTC), targets=urban)
    html = client.get("/compare", params={"indicator": "urbanization_rate"}).text
    assert html.count("data-status=") == 2
    assert "60.5%" in html and "2017" in html  # Dongyang's latest figure, in its unit
    assert "评估日期：2018-07-01" in html
    english = client.get("/compare", params={"indicator": "urbanization_rate",
                                             "lang": "en"}).text
    assert "Region comparison" in english

"""The region comparison chart as data: one bar per target and share, the target line at
100%, missing shares shown as "—", and every label escaped."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboards.charts.comparison import RegionBar, comparison_figure
from indicators.text.messages import Language

BARS = [RegionBar(label="吕梁市 · 2015", mark="▽ 进度滞后", distance_share=0.4,
                  time_share=0.8, probability=0.2),
        RegionBar(label="东阳市 · 2018", mark="? 无法评估", distance_share=None,
                  time_share=None)]


def _traces(figure):  # type: ignore[no-untyped-def]
    return {trace.meta["role"]: trace for trace in figure.data}


def test_each_target_has_a_distance_bar_and_a_time_bar_first_target_on_top() -> None:
    figure = comparison_figure(BARS, language=Language.ZH, title="常住人口城镇化率")
    traces = _traces(figure)
    assert set(traces) == {"distance", "time"}
    distance, time = traces["distance"], traces["time"]
    assert distance.orientation == "h" and time.orientation == "h"
    # Plotly draws the first category at the bottom, so the list is reversed.
    assert list(distance.x) == [0.0, 0.4] and list(time.x) == [0.0, 0.8]
    assert list(distance.text) == ["—", "40%"]
    ticks = list(figure.layout.yaxis.ticktext)
    assert list(distance.y) == list(figure.layout.yaxis.tickvals) == [0, 1]
    assert ticks[1].startswith("吕梁市 · 2015") and "▽" in ticks[1]


def test_two_targets_with_the_same_label_stay_two_bars() -> None:
    twins = [RegionBar(label="吕梁市 · 2015", mark="", distance_share=0.2, time_share=1.0),
             RegionBar(label="吕梁市 · 2015", mark="", distance_share=0.9, time_share=1.0)]
    figure = comparison_figure(twins, language=Language.ZH, title="森林覆盖率")
    assert list(_traces(figure)["distance"].x) == [0.9, 0.2]
    assert len(set(_traces(figure)["distance"].y)) == 2


def test_the_bars_differ_in_fill_not_only_in_colour_and_the_target_line_is_at_100() -> None:
    figure = comparison_figure(BARS, language=Language.EN, title="Urbanisation")
    traces = _traces(figure)
    assert traces["time"].marker.pattern.shape == "/"
    assert traces["distance"].marker.pattern.shape == ""
    lines = [s for s in figure.layout.shapes if s.type == "line"]
    assert [line.x0 for line in lines] == [1.0]
    assert traces["time"].name == "Time elapsed"


def test_labels_and_titles_from_users_are_escaped() -> None:
    evil = RegionBar(label="<script>alert(1)</script>", mark="<b>x</b>",
                     distance_share=0.1, time_share=0.2)
    figure = comparison_figure([evil], language=Language.ZH, title="<img src=x onerror=1>")
    text = figure.to_json()
    assert "<script>" not in text and "<img" not in text and "<b>x" not in text
    assert "&lt;script&gt;" in text


# Building a Plotly figure takes tens of milliseconds, more on a busy machine.
@settings(deadline=None, max_examples=30)
@given(st.lists(st.tuples(st.none() | st.floats(-2, 3), st.none() | st.floats(0, 1)),
                min_size=1, max_size=12))
def test_every_target_gets_one_bar_per_share_and_the_chart_grows_with_them(
        shares: list[tuple[float | None, float | None]]) -> None:
    bars = [RegionBar(label=f"r{i}", mark="", distance_share=d, time_share=t)
            for i, (d, t) in enumerate(shares)]
    figure = comparison_figure(bars, language=Language.ZH, title="t")
    traces = _traces(figure)
    assert len(traces["distance"].x) == len(traces["time"].x) == len(bars)
    assert list(reversed(traces["time"].x)) == [t or 0.0 for _, t in shares]
    assert figure.layout.height >= 56 * len(bars)

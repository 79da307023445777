"""The target-gap chart as a pure function: every part of a target's story is drawn, each
distinguishable in grey, labelled in the language asked for, with user text escaped, and
any finite story draws."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import plotly.graph_objects as go
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboards.charts import target_gap_figure
from indicators.data.story import DefinitionBreak, Figure, ForecastStep, TargetStory, Vintage
from indicators.data.story_scale import Bounds
from indicators.text.messages import Language
from indicators.vocab import BreakKind, ObservationStatus
from tests.dashboards.stories import forest_story


def _roles(figure: go.Figure) -> dict[str, Any]:
    return {trace.meta["role"]: trace for trace in figure.data}


def _signature(trace: Any) -> tuple[object, ...]:
    """What survives printing in grey: line dash and width, marker symbol, fill pattern."""
    mode = trace.mode or ""
    line = (trace.line.dash, trace.line.width) if "lines" in mode else None
    marker = trace.marker.symbol if "markers" in mode else None
    pattern = trace.fillpattern.shape if trace.fill else None
    return line, marker, pattern


def _strings(node: object) -> list[str]:
    """Every string in a figure's JSON tree (titles, names, hover text, annotations)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        node = list(node.values())
    if isinstance(node, list | tuple):
        return [s for item in node for s in _strings(item)]
    return []


def test_every_part_of_the_story_is_drawn() -> None:
    roles = _roles(target_gap_figure(forest_story()))
    assert set(roles) == {"actual_line", "actual_final", "actual_revised", "actual_preliminary",
                          "required_path", "target", "target_band", "forecast", "fan_80",
                          "fan_95", "break"}
    assert list(roles["actual_final"].x) == [2015, 2016]
    assert list(roles["actual_revised"].y) == [29.9]
    assert list(roles["actual_preliminary"].x) == [2018]
    assert list(roles["required_path"].x) == list(range(2015, 2021))
    assert (tuple(roles["target"].x), tuple(roles["target"].y)) == ((2020,), (33.0,))
    assert min(roles["target_band"].y) == 32.0 and max(roles["target_band"].y) == 34.0


def test_generated_figures_are_labelled_and_published_ones_carry_their_source() -> None:
    """Truth before looks: a demo figure is never drawn or hovered as a statistic."""
    story = forest_story()
    real = story.figures[0]
    sourced = replace(real, vintages=tuple(replace(v, source="吕梁市统计公报<2016>")
                                           for v in real.vintages))
    made_up = replace(story.figures[1], vintages=tuple(
        replace(v, illustrative=True) for v in story.figures[1].vintages))
    figure = target_gap_figure(replace(story, figures=(sourced, made_up)))
    roles = _roles(figure)
    assert list(roles["actual_illustrative"].x) == [made_up.year]
    assert made_up.year not in list(roles["actual_final"].x)
    assert "示例数据" in roles["actual_illustrative"].hovertext[0]
    assert "来源：吕梁市统计公报&lt;2016&gt;" in roles["actual_final"].hovertext[0]
    notes = [a.text for a in figure.layout.annotations if a.name == "illustrative_note"]
    assert notes == ["含示例数据：演示生成，不是统计数据"]
    english = target_gap_figure(replace(story, figures=(made_up,)), Language.EN)
    assert any("not statistics" in a.text for a in english.layout.annotations)
    assert not any(a.name == "illustrative_note"
                   for a in target_gap_figure(story).layout.annotations)


def test_the_line_breaks_where_no_figure_was_published() -> None:
    story = forest_story()
    figures = (story.figures[0], replace(story.figures[-1], year=story.figures[0].year + 3))
    line = _roles(target_gap_figure(replace(story, figures=figures)))["actual_line"]
    start = story.figures[0].year
    assert list(line.x) == [start, None, start + 3], "no line across the missing years"


def test_the_styles_say_what_each_part_is() -> None:
    roles = _roles(target_gap_figure(forest_story()))
    assert roles["required_path"].line.dash == "dash"
    assert roles["actual_line"].line.dash == "solid"
    # Preliminary figures are hollow, revised ones square, final ones filled circles.
    assert roles["actual_preliminary"].marker.symbol == "circle-open"
    assert roles["actual_revised"].marker.symbol == "square"
    assert roles["actual_final"].marker.symbol == "circle"
    for fan in ("fan_80", "fan_95", "target_band"):
        assert roles[fan].fill == "toself" and roles[fan].fillpattern.shape
    assert roles["fan_80"].fillpattern.shape != roles["fan_95"].fillpattern.shape


def test_the_fans_open_from_the_latest_figure_and_nest() -> None:
    roles = _roles(target_gap_figure(forest_story()))
    for fan in ("fan_80", "fan_95", "forecast"):
        assert roles[fan].x[0] == 2018 and roles[fan].y[0] == 30.4
    fan_80, fan_95 = roles["fan_80"], roles["fan_95"]
    assert max(fan_95.y) >= max(fan_80.y) and min(fan_95.y) <= min(fan_80.y)


def test_the_deadline_and_the_breaks_are_vertical_lines() -> None:
    figure = target_gap_figure(forest_story())
    lines = {(shape.x0, shape.line.dash) for shape in figure.layout.shapes}
    assert lines == {(2020, "dashdot"), (2016.5, "dot")}
    assert any("2020" in a.text for a in figure.layout.annotations)


def test_every_part_differs_in_grey_from_every_other() -> None:
    figure = target_gap_figure(forest_story())
    signatures = {t.meta["role"]: _signature(t) for t in figure.data}
    for (a, sa), (b, sb) in itertools.combinations(signatures.items(), 2):
        assert sa != sb, f"{a} and {b} differ only in colour"


def test_the_hover_shows_every_vintage() -> None:
    roles = _roles(target_gap_figure(forest_story()))
    hover = roles["actual_revised"].hovertext[0]
    assert "29.6" in hover and "2018-02-01" in hover and "初步" in hover
    assert "29.9" in hover and "2019-01-15" in hover and "修订" in hover
    forecast = roles["forecast"].hovertext[-1]
    assert "31.6" in forecast and "30.6–32.6" in forecast and "29.9–33.3" in forecast
    assert "auto_theta" in forecast


def test_labels_are_chinese_first_and_english_on_request() -> None:
    zh = target_gap_figure(forest_story())
    en = target_gap_figure(forest_story(), Language.EN)
    assert _roles(zh)["required_path"].name == "序时要求路径"
    assert _roles(en)["required_path"].name == "Required path"
    assert zh.layout.title.text.startswith("吕梁市森林覆盖率")
    assert en.layout.title.text.startswith("Lüliang Forest coverage")
    assert en.layout.xaxis.title.text == "Year" and zh.layout.xaxis.title.text == "年份"


def test_user_strings_are_escaped_everywhere() -> None:
    hostile = "<img src=x onerror=alert(1)>&"
    story = forest_story(
        region_name=hostile, region_name_en=hostile, indicator_name=hostile,
        indicator_name_en=hostile, unit="<b>%</b>", forecast_model=hostile,
        breaks=(DefinitionBreak(2017, BreakKind.DEFINITION, hostile),),
        target=replace(forest_story().target, wording=f"<script>x</script>{hostile}"))
    text = "\n".join(s for language in Language
                     for s in _strings(target_gap_figure(story, language).to_plotly_json()))
    assert "<img" not in text and "<script" not in text and "<b>" not in text
    assert "&lt;img src=x onerror=alert(1)&gt;&amp;" in text
    roles = _roles(target_gap_figure(story))
    assert "&lt;img" in roles["break"].hovertext[0]
    assert "&lt;b&gt;%&lt;/b&gt;" in roles["actual_final"].hovertext[0]


def test_a_story_without_figures_forecast_or_path_still_draws() -> None:
    story = forest_story(figures=(), forecast=(), path=(), breaks=(),
                         target=replace(forest_story().target, bounds=None))
    figure = target_gap_figure(story)
    assert figure.data == ()
    assert [shape.x0 for shape in figure.layout.shapes] == [2020]


def test_a_target_without_a_band_has_no_band() -> None:
    story = forest_story(target=replace(forest_story().target, bounds=Bounds(33, 33, 33)))
    assert "target_band" not in _roles(target_gap_figure(story))


finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)
STATUSES = st.sampled_from(list(ObservationStatus))
PUBLISHED = datetime(2020, 1, 1, tzinfo=UTC)


@st.composite
def stories(draw: st.DrawFn) -> TargetStory:
    """Any finite story: figures, path and forecast over the same years, any values."""
    first = draw(st.integers(1990, 2030))
    values = draw(st.lists(finite, max_size=12))
    figures = tuple(Figure(first + i, v, s, (Vintage(v, s, PUBLISHED),))
                    for i, (v, s) in enumerate(zip(values, draw(st.lists(
                        STATUSES, min_size=len(values), max_size=len(values))), strict=True)))
    path = tuple((first + i, v) for i, v in enumerate(draw(st.lists(finite, max_size=12))))
    ahead = first + len(values)
    steps = tuple(ForecastStep(ahead + i, *sorted(draw(st.lists(finite, min_size=5,
                                                                  max_size=5))))
                  for i in range(draw(st.integers(0, 5))))
    band = sorted(draw(st.lists(finite, min_size=3, max_size=3)))
    bounds = draw(st.none() | st.just(Bounds(band[1], band[0], band[2])))
    deadline = ahead + draw(st.integers(0, 6))
    return forest_story(figures=figures, path=path, forecast=steps,
                        target=replace(forest_story().target, bounds=bounds,
                                       deadline_year=deadline),
                        breaks=tuple(DefinitionBreak(y, BreakKind.DEFINITION, "调整")
                                     for y in draw(st.lists(st.integers(first, deadline),
                                                            max_size=3, unique=True))))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(story=stories(), language=st.sampled_from(list(Language)))
def test_any_finite_story_draws(story: TargetStory, language: Language) -> None:
    figure = target_gap_figure(story, language)
    drawn = {t.meta["role"] for t in figure.data}
    assert ("actual_line" in drawn) == bool(story.figures)
    assert ("forecast" in drawn) == bool(story.forecast)
    assert ("target" in drawn) == (story.target.bounds is not None)
    assert len(figure.layout.shapes) == 1 + len(story.breaks)
    figure.to_json()  # serialisable as a page or the PNG export would send it

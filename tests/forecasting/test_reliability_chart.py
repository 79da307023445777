"""The reliability chart as data: its traces, values and a grey-scale reading."""

from __future__ import annotations

from dashboards.charts.reliability import reliability_figure
from forecasting.reliability import reliability_bins
from indicators.text.messages import Language

PROBABILITIES = [0.05, 0.1, 0.15, 0.5, 0.55, 0.9, 0.95, 1.0]
OUTCOMES = [False, False, True, True, False, True, True, True]


def test_the_chart_draws_the_bins_the_diagonal_and_the_counts() -> None:
    bins = reliability_bins(PROBABILITIES, OUTCOMES, 5)
    figure = reliability_figure(bins, Language.ZH)
    bars, diagonal, observed = figure.data
    assert list(bars.y) == [b.count for b in bins] == [3, 0, 2, 0, 3]
    assert list(diagonal.x) == [0, 1] and list(diagonal.y) == [0, 1]
    filled = [b for b in bins if b.count]
    assert list(observed.x) == [b.mean_probability for b in filled]
    assert list(observed.y) == [b.share_met for b in filled]
    assert list(observed.text) == ["n=3", "n=2", "n=3"]
    assert figure.layout.title.text == "可靠性：所说概率与实际达标比例"
    assert reliability_figure(bins, Language.EN).layout.xaxis.title.text == (
        "Stated probability of meeting")


def test_each_part_differs_in_more_than_hue() -> None:
    """Printed in grey, the diagonal is dashed, the observed line solid with markers, and
    the counts are hatched bars: no two parts differ in colour alone."""
    _, diagonal, observed = reliability_figure(
        reliability_bins(PROBABILITIES, OUTCOMES), Language.ZH).data
    bars = reliability_figure(reliability_bins(PROBABILITIES, OUTCOMES), Language.ZH).data[0]
    assert diagonal.line.dash == "dash" and diagonal.mode == "lines"
    assert observed.line.dash is None and "markers" in observed.mode
    assert bars.type == "bar" and bars.marker.pattern.shape == "/"


def test_an_empty_record_draws_no_point() -> None:
    figure = reliability_figure(reliability_bins([], []), Language.ZH)
    assert list(figure.data[2].x) == [] and sum(figure.data[0].y) == 0

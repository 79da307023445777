"""The status-history chart as data: two step lines (status by run, probability on its own
axis), a marker shape per status so it reads in grey, hover text escaped."""

from __future__ import annotations

from datetime import UTC, datetime

from dashboards.charts.status_history import STATUS_SYMBOLS, status_history_figure
from indicators.data.target_history import StatusPoint
from indicators.text.messages import Language
from indicators.vocab import Status


def _point(day: int, status: Status, probability: float | None,
           reason: str = "理由") -> StatusPoint:
    return StatusPoint(day, datetime(2018, 1, day, 15, 59, tzinfo=UTC), day < 3, status,
                       probability, reason, f"reason {reason}")


POINTS = (_point(1, Status.ON_TRACK, 0.8), _point(2, Status.AT_RISK, 0.45),
          _point(3, Status.NOT_ASSESSABLE, None), _point(4, Status.OFF_TRACK, 0.2))


def test_status_and_probability_are_step_lines_on_their_own_axes() -> None:
    figure = status_history_figure(POINTS)
    status, probability = figure.data
    assert status.line.shape == probability.line.shape == "hv"
    assert [x.day for x in status.x] == [1, 2, 3, 4]  # Beijing days: 23:59 there
    assert list(status.y) == ["进展正常", "存在风险", "无法评估", "进度滞后"]
    assert list(probability.y) == [80.0, 45.0, None, 20.0] and probability.yaxis == "y2"
    assert figure.layout.yaxis.categoryarray[-1] == "已完成"


def test_every_status_has_its_own_marker_and_the_lines_differ_in_dash() -> None:
    assert len(set(STATUS_SYMBOLS.values())) == len(Status)
    status, probability = status_history_figure(POINTS).data
    assert status.line.dash != probability.line.dash
    assert list(status.marker.symbol) == [STATUS_SYMBOLS[p.status] for p in POINTS]


def test_hover_names_the_run_and_escapes_the_reason() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    figure = status_history_figure([_point(5, Status.AT_RISK, 0.4, hostile)], Language.EN)
    hover = figure.data[0].hovertext[0]
    assert "<img" not in hover and "&lt;img src=x onerror=alert(1)&gt;" in hover
    assert hover.startswith("2018-01-05 (current): at risk; probability 40%")
    assert figure.data[1].name == "Probability of meeting"

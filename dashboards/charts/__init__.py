"""Charts as pure functions: a story of plain values in, a Plotly figure out, so that pages
and alert emails draw the same chart; and the figure as a PNG through the system Chromium."""

from dashboards.charts.export import ChromiumMissingError, chromium_path, figure_png
from dashboards.charts.target_gap import target_gap_figure

__all__ = ["ChromiumMissingError", "chromium_path", "figure_png", "target_gap_figure"]

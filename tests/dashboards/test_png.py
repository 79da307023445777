"""The chart as a PNG through the system Chromium: a real PNG of the size asked for, made
without a downloaded browser and without the network."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from kaleido import PageGenerator

from dashboards.charts import ChromiumMissingError, chromium_path, figure_png, target_gap_figure
from dashboards.charts.export import CHROMIUM_VARIABLE, SYSTEM_CHROMIUM
from tests.dashboards.stories import forest_story
from tests.strict import skip_or_fail


def _size(png: bytes) -> tuple[int, int]:
    """Width and height from the PNG's IHDR chunk, which must come first."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


@pytest.fixture
def chromium(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv(CHROMIUM_VARIABLE, raising=False)
    if not SYSTEM_CHROMIUM.is_file():
        skip_or_fail(f"no system Chromium at {SYSTEM_CHROMIUM} (make installs Debian's "
                     "chromium package)")
    return chromium_path()


def test_the_chart_exports_as_a_png_of_the_size_asked(chromium: Path) -> None:
    png = figure_png(target_gap_figure(forest_story()), width=640, height=400, scale=1.5)
    assert _size(png) == (960, 600)
    assert len(png) > 20_000  # a drawn chart, not a blank page


def test_the_page_kaleido_renders_loads_nothing_from_the_network() -> None:
    """The export's page: plotly.js from the installed package, MathJax off."""
    page = PageGenerator(mathjax=False).generate_index()
    assert "http://" not in page and "https://" not in page
    assert "file://" in page and "plotly.min.js" in page


def test_no_chromium_is_a_clear_error_not_a_download(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CHROMIUM_VARIABLE, str(tmp_path / "chromium"))
    with pytest.raises(ChromiumMissingError, match="chromium"):
        figure_png(target_gap_figure(forest_story()))
    assert not any(tmp_path.iterdir())

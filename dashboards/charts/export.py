"""A figure as a PNG, rendered offline by the system Chromium (Debian's `chromium` package).

Kaleido 1.x drives an installed Chrome through choreographer; given `path=` it starts that
executable and never looks for (or downloads) a browser of its own. Its page loads the
plotly.js bundled with the installed plotly package from a file URL, and MathJax (a CDN
script) is turned off, so nothing is fetched from the network.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Sequence
from pathlib import Path

import kaleido
import plotly.graph_objects as go

from indicators.text.messages import bilingual

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
# Another Chromium executable, e.g. on a machine that installs it elsewhere.
CHROMIUM_VARIABLE = "TARGETWATCH_CHROMIUM"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class ChromiumMissingError(RuntimeError):
    """No Chromium executable where the export looks for one."""


def chromium_path() -> Path:
    """Return the Chromium executable to render with: $TARGETWATCH_CHROMIUM, else Debian's
    /usr/bin/chromium. Raises ChromiumMissingError when it is not an executable file."""
    path = Path(os.environ.get(CHROMIUM_VARIABLE) or SYSTEM_CHROMIUM)
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise ChromiumMissingError(bilingual("chart.no_png", path=path))
    return path


def figure_png(figure: go.Figure, *, width: int = 1000, height: int = 600,
               scale: float = 1.0) -> bytes:
    """Render `figure` as PNG bytes of `width`×`height` CSS pixels times `scale`."""
    options = {"format": "png", "width": width, "height": height, "scale": scale}
    browser = {"path": str(chromium_path()), "mathjax": False}
    image = kaleido.calc_fig_sync(figure, opts=options, kopts=browser)
    if not isinstance(image, bytes) or not image.startswith(PNG_SIGNATURE):
        raise RuntimeError("kaleido returned no PNG")
    return image


def figure_pngs(figures: Sequence[go.Figure], *, width: int = 1000, height: int = 600,
                scale: float = 1.0) -> list[bytes]:
    """Render several figures as PNG bytes with one Chromium, started once: a digest's
    dozen charts take seconds, not a browser start each."""
    if not figures:
        return []
    options = {"format": "png", "width": width, "height": height, "scale": scale}

    async def render() -> list[bytes]:
        async with kaleido.Kaleido(n=1, path=str(chromium_path()), mathjax=False) as browser:
            return [await browser.calc_fig(figure, opts=options) for figure in figures]

    images = asyncio.run(render())
    if not all(isinstance(i, bytes) and i.startswith(PNG_SIGNATURE) for i in images):
        raise RuntimeError("kaleido returned no PNG")
    return images

"""The target-gap charts of messages, as PNGs: the target page's own chart
(`dashboards.charts.target_gap`) drawn from the target's story as known at a moment and
rendered by the system Chromium, so an email shows exactly what the page shows then."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from dashboards.charts import ChromiumMissingError, figure_png, target_gap_figure
from indicators.arithmetic.thresholds import Thresholds
from indicators.data.story import target_story
from indicators.text.messages import Language, bilingual

log = logging.getLogger(__name__)

# An email's chart: narrower than the page's, readable on a laptop and a phone.
CHART_WIDTH, CHART_HEIGHT = 760, 440


def target_chart_png(session: Session, *, key: str, as_of: datetime | None,
                     language: Language, thresholds: Thresholds | None = None) -> bytes | None:
    """Draw a target's chart as known at `as_of` (None: now) as PNG bytes; None for an
    unknown key. Raises ChromiumMissingError when no Chromium is installed."""
    story = target_story(session, key, as_of=as_of, thresholds=thresholds)
    if story is None:
        return None
    return figure_png(target_gap_figure(story, language), width=CHART_WIDTH,
                      height=CHART_HEIGHT)


def charts_of(session: Session, keys: Iterable[str], *, as_of: datetime | None,
              language: Language, thresholds: Thresholds | None = None) -> dict[str, bytes]:
    """Draw the charts of several targets; a chart that cannot be drawn is logged and
    left out (the message still goes, with the link to the page), never fatal."""
    charts: dict[str, bytes] = {}
    for key in keys:
        try:
            png = target_chart_png(session, key=key, as_of=as_of, language=language,
                                   thresholds=thresholds)
        except (ChromiumMissingError, RuntimeError) as error:
            log.warning(bilingual("email.no_chart", key=key, reason=error))
            continue
        if png is not None:
            charts[key] = png
    return charts

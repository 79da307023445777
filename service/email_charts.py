"""The target-gap charts of messages, as PNGs: the target page's own chart
(`dashboards.charts.target_gap`) drawn from the target's story as known at a moment and
rendered by the system Chromium, so an email shows exactly what the page shows then."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.orm import Session

from dashboards.charts import ChromiumMissingError, target_gap_figure
from dashboards.charts.export import figure_pngs
from indicators.arithmetic.thresholds import Thresholds
from indicators.data.story import target_story
from indicators.text.messages import Language, bilingual

log = logging.getLogger(__name__)

# An email's chart: narrower than the page's, readable on a laptop and a phone.
CHART_WIDTH, CHART_HEIGHT = 760, 440


def charts_of(session: Session, keys: Iterable[str], *, as_of: datetime | None,
              language: Language, thresholds: Thresholds | None = None) -> dict[str, bytes]:
    """Draw the charts of several targets with one Chromium; when they cannot be drawn
    (no Chromium, a rendering failure) that is logged and the message goes without them,
    with its links to the pages: a missing chart never holds up a digest."""
    stories = [story for key in keys
               if (story := target_story(session, key, as_of=as_of, thresholds=thresholds))]
    figures = [target_gap_figure(story, language) for story in stories]
    try:
        images = figure_pngs(figures, width=CHART_WIDTH, height=CHART_HEIGHT)
    except (ChromiumMissingError, RuntimeError) as error:
        log.warning(bilingual("email.no_chart", key=", ".join(s.key for s in stories),
                              reason=error))
        return {}
    return {story.key: image for story, image in zip(stories, images, strict=True)}

"""The target page's data on SQLite and PostgreSQL: the verdict that held at a moment
with its run's thresholds, the series' forecast model, the status history over every run
made by then (current and retrospective), and the revision history of the figures."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from indicators.data.story import target_story
from indicators.data.target_detail import target_detail
from indicators.data.target_history import revision_rows, status_history
from tests.web.target_page_data import (
    FIRST_RUN,
    HOSTILE,
    KEY,
    NOW_RUN,
    REVISED_AT,
    SECOND_RUN,
    load_forest,
)

# The small catalogue's forest target: the seed catalogue would clash with it.
EMPTY_DATABASE = True


@pytest.fixture
def forest(session: Session, tmp_path: Path) -> Session:
    load_forest(session, tmp_path)
    return session


def test_now_reads_the_current_verdict_and_every_run_in_order(forest: Session) -> None:
    detail = target_detail(forest, KEY)
    assert detail is not None and detail.verdict is not None
    assert detail.verdict.run_as_of == NOW_RUN and not detail.verdict.retrospective
    assert detail.verdict.thresholds["likely_meet_expected"] == pytest.approx(0.53)
    assert detail.verdict.latest_year == 2016 and detail.verdict.latest_preliminary
    assert detail.facts.base_year == 2010 and detail.facts.quote == "2020年达到33%"
    assert detail.document is not None and detail.document.title == "测试规划"
    assert detail.series_forecast is not None and detail.series_forecast.run_as_of == NOW_RUN
    assert detail.series_forecast.reason and detail.series_forecast.n_obs == 7
    assert detail.alerts is None  # no alerts table yet: no section at all
    history = status_history(forest, target_id=detail.facts.target_id,
                             as_of=datetime(2030, 1, 1, tzinfo=UTC))
    assert [p.run_as_of for p in history] == [FIRST_RUN, SECOND_RUN, NOW_RUN]
    assert [p.retrospective for p in history] == [True, True, False]


def test_as_of_reads_what_was_known_then(forest: Session) -> None:
    moment = datetime(2017, 1, 31, tzinfo=UTC)  # after the revision, before the 2016 figure
    detail = target_detail(forest, KEY, as_of=moment)
    assert detail is not None and detail.verdict is not None
    assert detail.verdict.run_as_of == FIRST_RUN and detail.verdict.retrospective
    assert detail.verdict.latest_year == 2015
    assert detail.series_forecast is not None and detail.series_forecast.run_as_of == FIRST_RUN
    history = status_history(forest, target_id=detail.facts.target_id, as_of=moment)
    assert [p.run_as_of for p in history] == [FIRST_RUN]
    assert target_detail(forest, KEY, as_of=datetime(2016, 1, 1, tzinfo=UTC)).verdict is None


def test_revision_rows_list_every_vintage_with_what_it_revised(forest: Session) -> None:
    story = target_story(forest, KEY)
    assert story is not None
    rows = revision_rows(story)
    assert [(r.year, r.value) for r in rows][-3:] == [(2015, 29.6), (2015, 29.9), (2016, 30.5)]
    revision = rows[-2]
    assert revision.is_revision and revision.revised_value == 29.6
    assert revision.published == REVISED_AT and HOSTILE in revision.source
    assert not rows[-1].is_revision and rows[-1].status.value == "preliminary"
    earlier = revision_rows(target_story(forest, KEY, as_of=datetime(2016, 12, 1, tzinfo=UTC)))
    assert [r.year for r in earlier] == list(range(2010, 2016))


def test_an_unknown_key_has_no_detail(forest: Session) -> None:
    assert target_detail(forest, "no-such-target") is None

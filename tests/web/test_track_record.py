"""The track record page: outcomes against what was said, scored, as known on a day."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from indicators.data import queries as indicator_queries
from indicators.runs.replay import day_end
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.vocab import ObservationStatus, SourceKind, Status

MET = "002-forest-coverage-2015"  # said 80%, then 90%; achieved
MISSED = "002-urbanization-rate-annual-rise-2013-2015"  # said 30%; missed
NOW = datetime(2026, 11, 1, tzinfo=UTC)
DAYS = (date(2014, 6, 30), date(2015, 6, 30), date(2016, 6, 30))
# day → key → (status, probability, final)
SAID = {
    DAYS[0]: {MET: (Status.AT_RISK, 0.8, False), MISSED: (Status.OFF_TRACK, 0.3, False)},
    DAYS[1]: {MET: (Status.ON_TRACK, 0.9, False), MISSED: (Status.NOT_ASSESSABLE, None, False)},
    DAYS[2]: {MET: (Status.ACHIEVED, 1.0, True), MISSED: (Status.MISSED, 0.0, True)},
}
BRIER = ((0.8 - 1) ** 2 + (0.9 - 1) ** 2 + (0.3 - 0) ** 2) / 3  # 0.0467


def _run(session: Session, moment: datetime, retrospective: bool,
         said: dict[str, tuple[Status, float | None, bool]]) -> None:
    run = AssessmentRun(as_of=moment, thresholds={}, retrospective=retrospective)
    session.add(run)
    session.flush()
    for key, (status, probability, final) in said.items():
        target = indicator_queries.get_target(session, key=key)
        assert target is not None
        session.add(AssessmentResult(run_id=run.id, target_id=target.id, as_of=moment,
                                     status=status, reason_key="test", reason_zh="测试",
                                     reason_en="test", probability=probability, final=final))


@pytest.fixture
def history(session_factory: sessionmaker[Session], seeded: None) -> None:
    """Replayed runs at three days, the current run, and one generated figure for the
    forest target (so its outcome rests on illustrative data)."""
    with session_factory() as session, session.begin():
        for day in DAYS:
            _run(session, day_end(day), True, SAID[day])
        _run(session, NOW, False, SAID[DAYS[2]])
        target = indicator_queries.get_target(session, key=MET)
        assert target is not None
        series = indicator_queries.get_or_add_series(session, indicator=target.indicator,
                                                     region_code=target.region_code)
        indicator_queries.add_figure(session, series=series, figure=indicator_queries.NewFigure(
            period_code="2015", value=Decimal("33.5"), status=ObservationStatus.FINAL,
            source_kind=SourceKind.ILLUSTRATIVE, source="示例数据 / illustrative",
            vintage_at=datetime(2016, 3, 1, tzinfo=UTC)))


def _row(html: str, key: str) -> str:
    found = re.search(rf'<tr data-key="{re.escape(key)}">(.*?)</tr>', html, re.S)
    assert found, key
    return found.group(1)


def test_a_leader_sees_each_outcome_against_what_was_said(
        history: None, signed_in: Callable[[str], TestClient]) -> None:
    page = signed_in("leader").get("/track-record?lang=zh")
    assert page.status_code == 200
    html = page.text
    assert "计分方法：每个（目标，评估日期）组合计一次" in html  # the pooling is stated
    assert "共 3 个组合，来自 2 个目标" in html
    met, missed = _row(html, MET), _row(html, MISSED)
    assert "已完成" in met and "90%" in met  # the last probability before the outcome
    assert "未完成" in missed and "30%" in missed
    assert met.count("<span title=") == 3  # three runs up to the one that knew the outcome
    assert "<svg" in met and "<script" not in met


def test_the_scores_and_the_reliability_chart(history: None,
                                              signed_in: Callable[[str], TestClient]) -> None:
    html = signed_in("reader").get("/track-record?lang=en").text
    scores = re.search(r'<table class="track" id="scores">(.*?)</table>', html, re.S)
    assert scores is not None
    first = re.findall(r"<td[^>]*>([^<]*)</td>", scores.group(1))[:5]
    reference = (2 / 3) * (1 / 3)
    assert first == ["Every pair", "3", f"{BRIER:.3f}", f"{reference:.3f}",
                     f"{1 - BRIER / reference:.3f}"]
    assert 'id="reliability-chart"' in html and '<script src="/static/plotly.min.js">' in html
    assert "Track record" in html


def test_an_outcome_on_illustrative_data_is_marked(history: None,
                                                  signed_in: Callable[[str], TestClient]) -> None:
    html = signed_in("leader").get("/track-record?lang=zh").text
    assert 'id="illustrative-warning"' in html
    assert "示例数据" in _row(html, MET)
    assert "示例数据" not in _row(html, MISSED)


def test_as_known_on_a_day_before_the_outcomes_nothing_is_settled(
        history: None, signed_in: Callable[[str], TestClient]) -> None:
    browser = signed_in("leader")
    html = browser.get("/track-record?lang=zh&as_of=2015-12-31").text
    assert "尚无已定结果的目标" in html and "2015-06-30" in html  # the run it read
    later = browser.get("/track-record?lang=zh&as_of=2016-07-01").text
    assert 'data-key="002-forest-coverage-2015"' in later


def test_the_page_needs_a_signed_in_user(history: None, anonymous: TestClient) -> None:
    response = anonymous.get("/track-record", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")

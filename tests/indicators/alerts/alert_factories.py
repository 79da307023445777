"""Factories for alert tests: the small catalogue loaded, and alerts stored as an evaluation
would store them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.data import queries as indicator_queries
from indicators.tables.alerts import Alert, series_subject, target_subject
from indicators.tables.assessments import AssessmentResult, AssessmentRun
from indicators.tables.catalogue import Target
from indicators.vocab import AlertState, Audience, Nature, ReviewState, Severity, Status
from tests.factories import write_small_catalogue

NOW = datetime(2015, 6, 30, 16, tzinfo=UTC)


def load_small_catalogue(session: Session, folder: Path) -> Target:
    """Load the one-document test catalogue and return its GRP growth target."""
    catalogue.load_catalogue(session, catalogue.read_catalogue(write_small_catalogue(folder)))
    target = indicator_queries.get_target(session, key="T1-gdp")
    assert target is not None
    return target


def add_target_alert(session: Session, target: Target, *, rule: str = "status_worsened",
                     state: AlertState = AlertState.FIRING,
                     severity: Severity = Severity.WARNING, at: datetime = NOW,
                     measures: dict[str, Any] | None = None) -> Alert:
    alert = Alert(rule=rule, subject=target_subject(target.id), target=target,
                  indicator_code=target.indicator.code, region_code=target.region_code,
                  audience=Audience.LEADERS, severity=severity, state=state, opened_at=at,
                  changed_at=at, as_of=at, headline_zh="状态由“进展正常”变为“存在风险”",
                  headline_en="Status changed", reason_zh="原因", reason_en="reason",
                  measures=measures or {})
    session.add(alert)
    session.flush()
    return alert


def add_series_alert(session: Session, *, indicator_code: str = "gdp_growth",
                     region_code: str = "141100", at: datetime = NOW) -> Alert:
    alert = Alert(rule="data_overdue", subject=series_subject(indicator_code, region_code),
                  indicator_code=indicator_code, region_code=region_code,
                  audience=Audience.STATISTICS, severity=Severity.WARNING,
                  state=AlertState.FIRING, opened_at=at, changed_at=at, as_of=at,
                  headline_zh="数据逾期", headline_en="Figure overdue", measures={})
    session.add(alert)
    session.flush()
    return alert


def store_result(session: Session, target: Target, *, at: datetime, status: Status,
                 probability: float | None = None, final: bool = False,
                 in_year: dict[str, Any] | None = None) -> AssessmentResult:
    """Store an assessment run holding one result, as `run_assessment` would store it."""
    run = AssessmentRun(as_of=at, thresholds={}, retrospective=True, targets_assessed=1,
                        finished_at=at)
    row = AssessmentResult(run=run, target_id=target.id, as_of=at, status=status,
                           reason_key="assess.test", reason_zh="测试原因", reason_en="test reason",
                           final=final, probability=probability, latest_year=at.year - 1,
                           latest_value=9.0, required_value=10.0, gap=-1.0, in_year=in_year)
    session.add_all([run, row])
    session.flush()
    return row


def approve(target: Target, nature: Nature | None = None) -> Target:
    target.review_state, target.nature = ReviewState.APPROVED, nature
    return target

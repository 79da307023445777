"""The alerts table keeps at most one open alert per rule and subject, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from indicators.tables.alerts import Alert, series_subject
from indicators.vocab import AlertState, Audience, Severity

NOW = datetime(2015, 6, 30, 16, tzinfo=UTC)


def _alert(state: AlertState, rule: str = "data_overdue") -> Alert:
    return Alert(rule=rule, subject=series_subject("gdp", "370300"), indicator_code="gdp",
                 region_code="370300", audience=Audience.STATISTICS, severity=Severity.WARNING,
                 state=state, opened_at=NOW, changed_at=NOW, as_of=NOW, headline_zh="数据逾期",
                 headline_en="Data overdue", measures={})


def test_a_second_open_alert_for_one_rule_and_subject_is_refused(session: Session) -> None:
    session.add(_alert(AlertState.FIRING))
    session.flush()
    with session.begin_nested(), pytest.raises(IntegrityError):
        session.add(_alert(AlertState.ACKNOWLEDGED))
        session.flush()


def test_resolved_alerts_do_not_count_as_open(session: Session) -> None:
    session.add_all([_alert(AlertState.RESOLVED), _alert(AlertState.RESOLVED),
                     _alert(AlertState.FIRING), _alert(AlertState.FIRING, rule="other")])
    session.flush()
    assert session.query(Alert).count() == 4

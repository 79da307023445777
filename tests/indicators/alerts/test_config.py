"""A rule's effective settings: the most specific stored scope wins, parameters merge."""

from __future__ import annotations

from sqlalchemy.orm import Session

from indicators.alerts.config import Scope, load_settings, merged, set_rule
from indicators.alerts.rules import rule_by_code
from indicators.tables.alerts import RuleScope

SCOPE = Scope(region_code="141100", indicator_code="gdp", document_code="D1", target_key="T1")


def test_defaults_apply_without_settings(session: Session) -> None:
    effective = load_settings(session).effective(rule_by_code("probability_low"), SCOPE)
    assert effective.enabled and effective.params["warning"] == 0.5


def test_the_most_specific_scope_wins(session: Session) -> None:
    rule = rule_by_code("probability_low")
    set_rule(session, rule=rule.code, scope=RuleScope.GLOBAL, params={"warning": 0.6})
    set_rule(session, rule=rule.code, scope=RuleScope.REGION, scope_key="141100",
             params={"warning": 0.55, "severe": 0.3})
    set_rule(session, rule=rule.code, scope=RuleScope.INDICATOR, scope_key="gdp",
             enabled=False)
    set_rule(session, rule=rule.code, scope=RuleScope.DOCUMENT, scope_key="D1",
             params={"warning": 0.45})
    settings = load_settings(session)
    at_target = settings.effective(rule, SCOPE)
    assert not at_target.enabled
    assert (at_target.params["warning"], at_target.params["severe"]) == (0.45, 0.3)
    set_rule(session, rule=rule.code, scope=RuleScope.TARGET, scope_key="T1", enabled=True,
             params={"warning": 0.4})
    settings = load_settings(session)
    assert settings.effective(rule, SCOPE).enabled
    assert settings.effective(rule, SCOPE).params["warning"] == 0.4
    elsewhere = settings.effective(rule, Scope(region_code="140000", indicator_code="x"))
    assert elsewhere.enabled and elsewhere.params["warning"] == 0.6
    assert settings.effective(rule_by_code("ytd_behind"), SCOPE).params == dict(
        rule_by_code("ytd_behind").params)


def test_nested_parameters_merge_key_by_key(session: Session) -> None:
    rule = rule_by_code("data_overdue")
    set_rule(session, rule=rule.code, scope=RuleScope.INDICATOR, scope_key="rd_share",
             params={"lag_days": {"annual": 300}})
    lags = load_settings(session).effective(
        rule, Scope(region_code="141100", indicator_code="rd_share")).params["lag_days"]
    assert lags == {"annual": 300, "quarterly": 45, "monthly": 30}
    assert merged({"a": {"b": 1, "c": 2}}, {"a": {"c": 3}, "d": 4}) == {"a": {"b": 1, "c": 3},
                                                                        "d": 4}

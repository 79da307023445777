"""The effective configuration of a rule for one target or series: the registry's defaults,
then the stored settings (`AlertRuleSetting`) from the widest scope to the narrowest, the
most specific winning: target > document > indicator > region > global > default.

Parameters merge key by key (a nested table such as the status severities or the lags per
frequency too), so a setting names only what it changes; `enabled` comes from the most
specific setting that states it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.alerts.verdicts import Rule
from indicators.tables.alerts import AlertRuleSetting, RuleScope

# From the widest scope to the narrowest: later ones override earlier ones.
PRECEDENCE = (RuleScope.GLOBAL, RuleScope.REGION, RuleScope.INDICATOR, RuleScope.DOCUMENT,
              RuleScope.TARGET)


@dataclass(frozen=True)
class Scope:
    """What a rule is being applied to, by the codes the settings name."""

    region_code: str
    indicator_code: str
    document_code: str | None = None
    target_key: str | None = None

    def key(self, scope: RuleScope) -> str | None:
        """Return this subject's key in `scope` ("" for global; None: not applicable)."""
        return {RuleScope.GLOBAL: "", RuleScope.REGION: self.region_code,
                RuleScope.INDICATOR: self.indicator_code,
                RuleScope.DOCUMENT: self.document_code,
                RuleScope.TARGET: self.target_key}[scope]


@dataclass(frozen=True)
class Effective:
    enabled: bool
    params: Mapping[str, Any]


def merged(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Merge `override` into `base`, key by key, nested tables included."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(result.get(key), Mapping):
            result[key] = merged(result[key], value)
        else:
            result[key] = value
    return result


class RuleSettings:
    """The stored settings, read once per evaluation."""

    def __init__(self, rows: Sequence[AlertRuleSetting]) -> None:
        self._rows = {(r.rule, r.scope, r.scope_key): r for r in rows}

    def effective(self, rule: Rule, scope: Scope) -> Effective:
        """Return whether `rule` is on for `scope` and with which parameters."""
        enabled, params = True, dict(rule.params)
        for level in PRECEDENCE:
            key = scope.key(level)
            row = None if key is None else self._rows.get((rule.code, level, key))
            if row is None:
                continue
            if row.enabled is not None:
                enabled = row.enabled
            params = merged(params, row.params or {})
        return Effective(enabled, params)


def load_settings(session: Session) -> RuleSettings:
    """Read every stored rule setting."""
    return RuleSettings(session.scalars(select(AlertRuleSetting)).all())


def set_rule(session: Session, *, rule: str, scope: RuleScope, scope_key: str = "",
             enabled: bool | None = None, params: Mapping[str, Any] | None = None
             ) -> AlertRuleSetting:
    """Store (or replace) the setting of `rule` for one scope (flush only)."""
    row = session.scalar(select(AlertRuleSetting).where(
        AlertRuleSetting.rule == rule, AlertRuleSetting.scope == scope,
        AlertRuleSetting.scope_key == scope_key))
    if row is None:
        row = AlertRuleSetting(rule=rule, scope=scope, scope_key=scope_key)
        session.add(row)
    row.enabled, row.params = enabled, dict(params or {})
    session.flush()
    return row

"""Evaluate every rule against the facts as of a moment and move each alert through its
stored life: fired → (escalated) → resolved, refired after resolving (`fire_count` + 1).

- One open alert per rule and subject, however often evaluations re-run (the partial
  unique index `ix_alerts_one_open` backs this up in the database).
- A rule's verdict of HOLD (no evidence) leaves an open alert as it is; CLEAR resolves it,
  and the rules' own hysteresis decides when a condition has cleared.
- An open alert whose subject is no longer watched (target retired or past, series no
  longer needed) resolves.
- Silences: a firing a silence covers is still recorded, marked `silenced`, and left out
  of `Evaluation.transitions` (what routing sends); its transitions count as "silenced".
  A silence that has ended unmarks the open alert without a new transition: it shows in
  the next digest, not as an immediate message.
- `probability_low` defers to `status_worsened` for the same target (its `defer_to`
  parameter): one alert, not two, for a target whose status already says it.

Every evaluation is logged (`AlertEvaluation`). Flush only: the caller commits.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from indicators.alerts.config import RuleSettings, Scope, load_settings
from indicators.alerts.data_rules import DATA_RULES
from indicators.alerts.facts import SeriesFacts, TargetFacts
from indicators.alerts.lifecycle import active_silences, add_event, silenced
from indicators.alerts.reading import series_facts, target_facts
from indicators.alerts.rules import TARGET_RULES
from indicators.alerts.verdicts import HOLD, Outcome, Rule, Verdict
from indicators.tables.alerts import (
    Alert,
    AlertEvaluation,
    AlertEventKind,
    AlertSilence,
    series_subject,
    target_subject,
)
from indicators.text.messages import Language
from indicators.vocab import AlertState, Severity

SYSTEM = "system"
RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.SEVERE: 2}


@dataclass(frozen=True)
class Evaluation:
    """What one evaluation did: the transitions to route (alert id, event kind), and counts
    of every transition kind, of silenced ones and of subjects checked."""

    evaluation_id: int
    as_of: datetime
    transitions: list[tuple[int, str]]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class _Check:
    """One rule's outcome about one subject, with what the alert would show."""

    rule: Rule
    subject: str
    outcome: Outcome
    target_id: int | None
    indicator_code: str
    region_code: str
    reason: tuple[str | None, str | None]
    measures: Mapping[str, Any]


class _Run:
    """The state of one evaluation: open alerts by (rule, subject), silences, counts."""

    def __init__(self, session: Session, evaluation: AlertEvaluation, now: datetime) -> None:
        self.session, self.evaluation, self.now = session, evaluation, now
        self.open = {(a.rule, a.subject): a for a in session.scalars(
            select(Alert).where(Alert.state != AlertState.RESOLVED))}
        self.silences: list[AlertSilence] = active_silences(session, now=now)
        self.transitions: list[tuple[int, str]] = []
        self.counts: Counter[str] = Counter()
        self.seen: set[tuple[str, str]] = set()

    def record(self, alert: Alert, kind: AlertEventKind, text: str | None = None) -> None:
        add_event(self.session, alert, kind, who=SYSTEM, at=self.now, text=text,
                  evaluation_id=self.evaluation.id)
        self.session.flush()
        if alert.silenced:
            self.counts["silenced"] += 1
        else:
            self.transitions.append((alert.id, kind.value))
        self.counts[kind.value] += 1

    def apply(self, check: _Check) -> None:
        key = (check.rule.code, check.subject)
        self.seen.add(key)
        held = self.open.get(key)
        if check.outcome is HOLD:
            return
        if not isinstance(check.outcome, Verdict):
            if held is not None:
                self.resolve(held)
            return
        if held is not None:
            self.update(held, check, check.outcome)
        else:
            self.fire(check, check.outcome)

    def resolve(self, alert: Alert) -> None:
        alert.state, alert.resolved_at, alert.changed_at = AlertState.RESOLVED, self.now, self.now
        del self.open[(alert.rule, alert.subject)]
        self.record(alert, AlertEventKind.RESOLVED)

    def _fill(self, alert: Alert, check: _Check, verdict: Verdict) -> None:
        alert.headline_zh = verdict.headline(Language.ZH)
        alert.headline_en = verdict.headline(Language.EN)
        alert.reason_zh, alert.reason_en = check.reason
        alert.measures = dict(check.measures) | dict(verdict.keep)
        alert.as_of = self.evaluation.as_of

    def update(self, alert: Alert, check: _Check, verdict: Verdict) -> None:
        escalated = RANK[verdict.severity] > RANK[alert.severity]
        self._fill(alert, check, verdict)
        alert.silenced = silenced(self.silences, alert, now=self.now)
        alert.severity = verdict.severity
        if escalated:
            alert.changed_at = self.now
            self.record(alert, AlertEventKind.ESCALATED)

    def fire(self, check: _Check, verdict: Verdict) -> None:
        alert = self.session.scalar(select(Alert).where(
            Alert.rule == check.rule.code, Alert.subject == check.subject)
            .order_by(Alert.id.desc()).limit(1))
        kind = AlertEventKind.REFIRED if alert is not None else AlertEventKind.FIRED
        if alert is None:
            alert = Alert(rule=check.rule.code, subject=check.subject, fire_count=0,
                          target_id=check.target_id, indicator_code=check.indicator_code,
                          region_code=check.region_code, audience=check.rule.audience)
            self.session.add(alert)
        alert.fire_count += 1
        alert.state, alert.severity = AlertState.FIRING, verdict.severity
        alert.opened_at = alert.changed_at = self.now
        alert.resolved_at = alert.acknowledged_by = alert.acknowledged_at = None
        alert.cause = alert.measures_taken = None
        self._fill(alert, check, verdict)
        alert.silenced = silenced(self.silences, alert, now=self.now)
        self.session.flush()
        self.open[(alert.rule, alert.subject)] = alert
        self.record(alert, kind)


def _target_checks(facts: TargetFacts, settings: RuleSettings,
                   run: _Run) -> Iterable[_Check]:
    scope = Scope(region_code=facts.region_code, indicator_code=facts.indicator_code,
                  document_code=facts.document_code, target_key=facts.target_key)
    subject = target_subject(facts.target_id)
    fired: set[str] = set()
    for rule in TARGET_RULES:
        effective = settings.effective(rule, scope)
        held = run.open.get((rule.code, subject))
        outcome: Outcome = None
        if effective.enabled and effective.params.get("defer_to") not in fired:
            outcome = rule.check(facts, effective.params, held.measures if held else None)
        if isinstance(outcome, Verdict):
            fired.add(rule.code)
        yield _Check(rule, subject, outcome, facts.target_id, facts.indicator_code,
                     facts.region_code, (facts.reason_zh, facts.reason_en), facts.measures)


def _series_checks(facts: SeriesFacts, settings: RuleSettings, run: _Run) -> Iterable[_Check]:
    scope = Scope(region_code=facts.region_code, indicator_code=facts.indicator_code)
    subject = series_subject(facts.indicator_code, facts.subject_key or facts.region_code)
    measures = {"latest_value": facts.latest_value, "latest_period": facts.latest_period,
                "latest_published": facts.latest_published,
                "latest_preliminary": facts.latest_preliminary,
                "illustrative": facts.illustrative, "unit": facts.unit}
    for rule in DATA_RULES:
        effective = settings.effective(rule, scope)
        held = run.open.get((rule.code, subject))
        outcome = rule.check(facts, effective.params, held.measures if held else None) \
            if effective.enabled else None
        yield _Check(rule, subject, outcome, None, facts.indicator_code, facts.region_code,
                     (None, None), measures)


def run_alerts(session: Session, *, as_of: datetime, now: datetime,
               trigger: str) -> Evaluation:
    """Evaluate every rule as of `as_of` (the facts as known then) at wall time `now`, move
    the alerts accordingly and log the evaluation (flush only; the caller commits)."""
    evaluation = AlertEvaluation(as_of=as_of, started_at=now, trigger=trigger, counts={})
    session.add(evaluation)
    session.flush()
    run, settings = _Run(session, evaluation, now), load_settings(session)
    targets, series = target_facts(session, as_of=as_of), series_facts(session, as_of=as_of)
    for facts in targets:
        for check in _target_checks(facts, settings, run):
            run.apply(check)
    for data in series:
        for check in _series_checks(data, settings, run):
            run.apply(check)
    for key, alert in sorted(run.open.items()):
        if key not in run.seen:
            run.resolve(alert)  # its subject is no longer watched
        elif not silenced(run.silences, alert, now=now):
            alert.silenced = False  # a silence that has ended
    run.counts |= {"targets": len(targets), "series": len(series), "open": len(run.open)}
    evaluation.counts, evaluation.finished_at = dict(run.counts), now
    session.flush()
    return Evaluation(evaluation.id, as_of, run.transitions, dict(run.counts))

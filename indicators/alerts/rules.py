"""The alert rules, each declared once: code, audience, default severity and parameters,
title, and a pure check from facts to a verdict.

A check answers FIRE (a `Verdict`: severity, headline, measures), CLEAR (None: the
condition no longer holds; an open alert resolves) or HOLD (no evidence either way: a
target not assessable, a series without a forecast; an open alert stays as it is, since
missing data is "no data", never a breach nor a recovery). `held` is the measures of the
rule's open alert about the same subject (None when none is open): hysteresis reads it.

Defaults are what a planning office would choose: binding (约束性) targets warn a step
earlier than expected (预期性) ones, and a target whose nature the document does not state
counts as expected (most plan targets are); the statistics staff, not leaders, hear about
figures that look wrong or are late (`indicators.alerts.data_rules`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from indicators.alerts.data_rules import DATA_RULES
from indicators.alerts.facts import TargetFacts
from indicators.alerts.verdicts import HOLD, Outcome, Params, Rule, Subject, Verdict, Word
from indicators.text.numbers import chance_text, fmt
from indicators.vocab import Audience, Nature, Severity, Status


def _severity(name: str | None) -> Severity | None:
    return None if name is None else Severity(name)


def status_worsened(f: TargetFacts, params: Params, held: Mapping[str, Any] | None) -> Outcome:
    """Fire while a target's status is at a level its nature's table names (binding:
    at risk already a warning, off track severe; expected: off track a warning), severe
    whatever the table when the probability of meeting it is below `severe_below`; the
    assessment's own hysteresis keeps the status from flapping. Not assessable: hold."""
    if f.status is Status.NOT_ASSESSABLE:
        return HOLD
    table = params["binding" if f.nature is Nature.BINDING else "expected"]
    severity = _severity(table.get(f.status.value))
    if severity is None:
        return None
    if f.probability is not None and f.probability < params["severe_below"]:
        severity = Severity.SEVERE  # never milder than the probability alert it stands for
    after = Word(f"status.{f.status.value}")
    if f.previous_status is not None and f.previous_status is not f.status:
        return Verdict(severity, "alert.headline.status_changed",
                       {"before": Word(f"status.{f.previous_status.value}"), "after": after})
    return Verdict(severity, "alert.headline.status_is", {"after": after})


def probability_low(f: TargetFacts, params: Params, held: Mapping[str, Any] | None) -> Outcome:
    """Fire when the probability of meeting the target is below `warning` (severe below
    `severe`); an open alert clears only at `warning + band` or above, so a probability
    hovering at the threshold never flaps. Settled targets clear; no probability: hold."""
    if f.final or f.status in (Status.ACHIEVED, Status.MISSED):
        return None
    if f.probability is None:
        return HOLD
    return probability_verdict(f.probability, warning=params["warning"],
                               severe=params["severe"], band=params["band"], held=held is not None)


def probability_verdict(probability: float, *, warning: float, severe: float, band: float,
                        held: bool) -> Outcome:
    """The hysteresis of `probability_low`, as a pure function of one number."""
    clears_at = warning + band if held else warning
    if probability >= clears_at:
        return None
    severity = Severity.SEVERE if probability < severe else Severity.WARNING
    shown, threshold = chance_text(probability), chance_text(warning)
    if shown == threshold:  # 49.7% is not "50%, below 50%"
        shown = f"{probability * 100:.1f}%"
    return Verdict(severity, "alert.headline.probability_low",
                   {"probability": shown, "threshold": threshold})


def probability_drop(f: TargetFacts, params: Params, held: Mapping[str, Any] | None) -> Outcome:
    """Fire when the probability fell by `drop` or more since the previous assessment; an
    open alert clears once the probability is back within `recover` of where it stood
    before the drop (not at the next run, which would merely find no further fall)."""
    if f.final or f.status in (Status.ACHIEVED, Status.MISSED):
        return None
    if f.probability is None:
        return HOLD
    if held is not None and held.get("reference_probability") is not None:
        before = float(held["reference_probability"])
        if f.probability >= before - params["recover"]:
            return None
    elif f.previous_probability is None or f.previous_probability - f.probability < \
            params["drop"] - 1e-9:
        return None
    else:
        before = f.previous_probability
    return Verdict(Severity(params["severity"]), "alert.headline.probability_drop",
                   {"before": chance_text(before), "after": chance_text(f.probability)},
                   keep={"reference_probability": before})


def ytd_behind(f: TargetFacts, params: Params, held: Mapping[str, Any] | None) -> Outcome:
    """Fire when this year's 1–N月 figure is behind what the annual requirement needs by
    then (`indicators.arithmetic.inyear`); severe when the shortfall is at least
    `severe_share` of the amount due (amounts) or `severe_points` (growth rates). Clears
    when back on pace, or when no check of the current year exists (a new year)."""
    check = f.in_year
    if not check or check.get("year") != f.as_of_year or check.get("on_pace", True):
        return None
    actual, expected = float(check["actual"]), float(check["expected"])
    shortfall = abs(expected - actual)
    if check.get("share") is not None:
        severe = expected != 0 and shortfall / abs(expected) >= params["severe_share"]
    else:
        severe = shortfall >= params["severe_points"]
    key = "alert.headline.ytd_behind" if actual < expected else \
        "alert.headline.ytd_behind_ceiling"
    return Verdict(Severity.SEVERE if severe else Severity.WARNING, key,
                   {"year": check["year"], "month": check["month"], "actual": fmt(actual),
                    "expected": fmt(expected)})


def achieved_early(f: TargetFacts, params: Params, held: Mapping[str, Any] | None) -> Outcome:
    """Good news: the target is achieved before its deadline year's figure is in."""
    if f.status is Status.NOT_ASSESSABLE:
        return HOLD
    if f.status is Status.ACHIEVED and not f.final and f.as_of_year <= f.deadline_year:
        return Verdict(Severity.INFO, "alert.headline.achieved_early",
                       {"deadline": f.deadline_year})
    return None


TARGET_RULES: tuple[Rule, ...] = (
    Rule("status_worsened", Audience.LEADERS, Severity.WARNING, Subject.TARGET,
         {"binding": {"at_risk": "warning", "off_track": "severe", "missed": "severe"},
          "expected": {"off_track": "warning", "missed": "severe"}, "severe_below": 0.35},
         status_worsened),
    Rule("probability_low", Audience.LEADERS, Severity.WARNING, Subject.TARGET,
         {"warning": 0.50, "severe": 0.35, "band": 0.05, "defer_to": "status_worsened"},
         probability_low),
    Rule("probability_drop", Audience.LEADERS, Severity.WARNING, Subject.TARGET,
         {"drop": 0.20, "recover": 0.10, "severity": "warning", "defer_to": "status_worsened"},
         probability_drop),
    Rule("ytd_behind", Audience.DEPARTMENTS, Severity.WARNING, Subject.TARGET,
         {"severe_share": 0.10, "severe_points": 1.0}, ytd_behind),
    Rule("achieved_early", Audience.LEADERS, Severity.INFO, Subject.TARGET, {}, achieved_early),
)


def all_rules() -> tuple[Rule, ...]:
    """Every rule, target rules first."""
    return TARGET_RULES + DATA_RULES


def rule_by_code(code: str) -> Rule:
    """Return the rule with this code (KeyError for an unknown one)."""
    return {rule.code: rule for rule in all_rules()}[code]

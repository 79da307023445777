"""The shapes every alert rule shares: a rule's declaration and its answer (fire with a
`Verdict`, clear with None, or `HOLD`). The checks themselves are in
`indicators.alerts.rules` (targets) and `indicators.alerts.data_rules` (series)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from indicators.text.messages import Language, message
from indicators.vocab import Audience, Severity


class Subject(StrEnum):
    TARGET = "target"
    SERIES = "series"


class Hold(StrEnum):
    """No evidence either way: leave an open alert as it stands."""

    HOLD = "hold"


HOLD = Hold.HOLD


@dataclass(frozen=True)
class Verdict:
    """A rule fires: how urgent, what happened (a catalogue message and its values) and
    what the alert keeps (e.g. the probability before a drop, for hysteresis)."""

    severity: Severity
    headline_key: str
    values: Mapping[str, Any] = field(default_factory=dict)
    keep: Mapping[str, Any] = field(default_factory=dict)

    def headline(self, language: Language) -> str:
        """Say what happened in one line."""
        values = {k: message(v.key, language) if isinstance(v, Word) else v
                  for k, v in self.values.items()}
        return message(self.headline_key, language, **values)


@dataclass(frozen=True)
class Word:
    """A headline value that is itself a catalogue message (a status name)."""

    key: str


Outcome = Verdict | Hold | None
Params = Mapping[str, Any]


@dataclass(frozen=True)
class Rule:
    """One rule of the registry."""

    code: str
    audience: Audience
    severity: Severity  # the default (most common) severity, for documentation
    subject: Subject
    params: Params
    check: Callable[[Any, Params, Mapping[str, Any] | None], Outcome]

    def title(self, language: Language = Language.ZH) -> str:
        """Name the rule for a reader."""
        return message(f"alert.rule.{self.code}", language)

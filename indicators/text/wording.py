"""A target in a few words, as a leader would say it: "年均增长 ≈ 8%"."""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from indicators.text.messages import Language, message
from indicators.text.numbers import plain_number
from indicators.text.units import unit_label
from indicators.vocab import Comparator, TargetKind


class StatedTarget(Protocol):
    """What the words need of a target: its terms as the document states them."""

    @property
    def kind(self) -> TargetKind: ...
    @property
    def comparator(self) -> Comparator: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def upper_value(self) -> Decimal | None: ...
    @property
    def unit(self) -> str: ...
    @property
    def baseline_year(self) -> int | None: ...
    @property
    def start_year(self) -> int | None: ...
    @property
    def deadline_year(self) -> int: ...


def target_text(target: StatedTarget, language: Language = Language.ZH) -> str:
    """Describe what the target requires, in the language asked for."""
    value = plain_number(target.value) or ""
    if target.comparator is Comparator.BETWEEN and target.upper_value is not None:
        value = f"{value}–{plain_number(target.upper_value)}"
    comparator = "" if target.comparator is Comparator.BETWEEN else target.comparator.symbol
    baseline = target.baseline_year or message("baseline.unstated", language)
    return message(_message_key(target), language, comparator=comparator, value=value,
                   unit=unit_label(target.unit, language), baseline=baseline,
                   start=target.start_year or "",
                   deadline=target.deadline_year).replace("  ", " ").strip()


def _message_key(target: StatedTarget) -> str:
    single_year = target.start_year in (None, target.deadline_year)
    if target.kind is TargetKind.CUMULATIVE_OVER_PERIOD and single_year:
        return "kind.cumulative_in_year"
    return f"kind.{target.kind.value}"

"""A target in a few words, as a leader would say it: "年均增长 ≈ 8%"."""

from __future__ import annotations

from indicators.export import plain_number
from indicators.messages import Language, message
from indicators.models import Target
from indicators.vocab import Comparator, TargetKind


def target_text(target: Target, language: Language = Language.ZH) -> str:
    """Describe what the target requires, in the language asked for."""
    value = plain_number(target.value) or ""
    if target.comparator is Comparator.BETWEEN and target.upper_value is not None:
        value = f"{value}–{plain_number(target.upper_value)}"
    comparator = "" if target.comparator is Comparator.BETWEEN else target.comparator.symbol
    baseline = target.baseline_year or message("baseline.unstated", language)
    return message(_message_key(target), language, comparator=comparator, value=value,
                   unit=target.unit, baseline=baseline, start=target.start_year or "",
                   deadline=target.deadline_year).replace("  ", " ").strip()


def _message_key(target: Target) -> str:
    single_year = target.start_year in (None, target.deadline_year)
    if target.kind is TargetKind.CUMULATIVE_OVER_PERIOD and single_year:
        return "kind.cumulative_in_year"
    return f"kind.{target.kind.value}"

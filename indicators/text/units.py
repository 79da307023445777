"""A number with its unit, said in the page's language: 6个 / 6, 27万人 / 27 ×10k people."""

from __future__ import annotations

from indicators.text.messages import Language
from indicators.text.unit_messages import UNIT_MESSAGES

# Units written straight after the number in English too (no space): 50%, 3‰.
_SYMBOLS = frozenset({"%", "‰", "％"})


def unit_label(unit: str, language: Language) -> str:
    """Return `unit` as the language says it: as written in Chinese, from the catalogue
    (`unit.<unit>`) in English, or as written when the catalogue has no entry."""
    if language is Language.ZH:
        return unit
    entry = UNIT_MESSAGES.get(f"unit.{unit.strip()}")
    return entry[1] if entry else unit


def with_unit(number: str, unit: str, language: Language) -> str:
    """Return `number` followed by its unit: 6个 and 6 in Chinese and English, 27万人 and
    27 ×10k people, 50% in both."""
    label = unit_label(unit, language)
    if language is Language.ZH or not label or label in _SYMBOLS:
        return f"{number}{label}"
    return f"{number} {label}"

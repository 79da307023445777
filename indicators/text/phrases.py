"""Values of a sentence that read differently per language, kept unsaid until then.

The assessment words its reasons before it knows the language they will be read in
(both are stored), so it keeps each amount as a `Quantity` and each list of years as a
`Listing`, and `Verdict.reason` says them with `localised` in the language asked for.
`str` of either gives the Chinese, so a value used as before still reads as it did.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from indicators.text.messages import Language
from indicators.text.units import with_unit


@dataclass(frozen=True)
class Quantity:
    """An amount already formatted (≥6, 1–2, 27.3) with its unit as the plan writes it."""

    number: str
    unit: str

    def text(self, language: Language) -> str:
        return with_unit(self.number, self.unit, language)

    def __str__(self) -> str:
        return self.text(Language.ZH)


@dataclass(frozen=True)
class Listing:
    """Items of a list (years), joined by 、 in Chinese and by a comma in English."""

    items: tuple[str, ...]

    def text(self, language: Language) -> str:
        return ("、" if language is Language.ZH else ", ").join(self.items)

    def __str__(self) -> str:
        return self.text(Language.ZH)


def localised(values: Mapping[str, object], language: Language) -> dict[str, object]:
    """`values` with every Quantity and Listing said in `language`, ready for `message`."""
    return {name: value.text(language) if isinstance(value, Quantity | Listing) else value
            for name, value in values.items()}

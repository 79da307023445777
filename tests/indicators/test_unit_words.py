"""Units said in the page's language: the English board carried 6个, 27万人 and 、 (issue 13)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from indicators.text.messages import Language, message
from indicators.text.phrases import Listing, Quantity, localised
from indicators.text.unit_messages import UNIT_MESSAGES
from indicators.text.units import unit_label, with_unit
from tests.seed import seed_catalogues

CJK = re.compile(r"[\u3400-\u9fff、]")


def test_every_unit_of_the_seed_catalogue_has_english_words() -> None:
    files = [loaded.catalogue for loaded in seed_catalogues()]
    units = {target.unit for file in files for target in file.targets} | {
        indicator.unit for file in files for indicator in file.indicators}
    assert units, "the seed catalogue names units"
    assert sorted(u for u in units if CJK.search(unit_label(u, Language.EN))) == []


def test_chinese_keeps_every_unit_as_written() -> None:
    for key, (zh, _) in UNIT_MESSAGES.items():
        assert key == f"unit.{zh}"
        assert unit_label(zh, Language.ZH) == zh


@given(st.decimals(min_value=-10**6, max_value=10**6, places=2).map(str),
       st.sampled_from(sorted(key.removeprefix("unit.") for key in UNIT_MESSAGES)))
def test_an_amount_reads_as_written_in_chinese_and_without_chinese_in_english(
        number: str, unit: str) -> None:
    amount = Quantity(number, unit)
    assert str(amount) == amount.text(Language.ZH) == f"{number}{unit}"
    english = amount.text(Language.EN)
    assert english.startswith(number) and not CJK.search(english)


def test_words_and_symbols_in_english() -> None:
    assert with_unit("6", "个", Language.EN) == "6"
    assert with_unit("27", "万人", Language.EN) == "27 ×10k people"
    assert with_unit("50", "%", Language.EN) == "50%"
    assert with_unit("3", "吨标煤", Language.EN) == "3 吨标煤"  # unknown: shown as written


def test_a_reason_is_said_in_the_language_asked_for() -> None:
    values = {"year": 2016, "actual": Quantity("5", "条"), "target": Quantity("≥6", "条")}
    assert message("assess.missed", Language.ZH, **localised(values, Language.ZH)) == \
        message("assess.missed", Language.ZH, **{k: str(v) for k, v in values.items()})
    english = message("assess.missed", Language.EN, **localised(values, Language.EN))
    assert "5" in english and "≥6" in english and not CJK.search(english)
    assert Listing(("2014", "2015")).text(Language.EN) == "2014, 2015"
    assert str(Listing(("2014", "2015"))) == "2014、2015"

"""Terminal tables fit their width, and not a character of any cell is lost."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from service.text_table import display_width, fit_columns, render_table, wrap

# What the tables hold: Chinese, Latin letters and digits, spaces, hyphens, the punctuation
# of reasons and intervals, and now and then a newline.
ALPHABET = st.sampled_from(list("地区生产总值增长率淄博市未完成（实际）：，。％"
                                "abcXYZ0123456789 -–,.%[]()≥—\n"))
TEXT = st.text(ALPHABET, max_size=60)


def _visible(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


@given(TEXT, st.integers(min_value=2, max_value=40))
def test_wrap_keeps_every_character_in_order_within_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text.replace("\n", "")
    assert all(display_width(line) <= width for line in lines)


@settings(max_examples=200)
@given(st.integers(min_value=1, max_value=6).flatmap(lambda n: st.tuples(
    st.lists(TEXT, min_size=n, max_size=n),
    st.lists(st.lists(TEXT, min_size=n, max_size=n), max_size=5))),
    st.integers(min_value=4, max_value=120), st.booleans())
def test_any_table_fits_its_width_and_keeps_all_its_text(
        table: tuple[list[str], list[list[str]]], width: int, with_details: bool) -> None:
    headers, rows = table
    details = [f"说明{n} note" for n in range(len(rows))] if with_details else None
    out = render_table(headers, rows, width=width, details=details)
    assert all(display_width(line) <= width for line in out.splitlines())
    given_text = _visible("".join(headers) + "".join(c for r in rows for c in r)
                          + "".join(details or []))
    shown = _visible(out)
    assert not given_text - shown  # nothing lost
    # added: the rule, and in the narrowest layout the headers again for each row
    assert set(shown - given_text) <= {"-", ":", *"".join(headers)}


def _from_column(line: str, column: int) -> str:
    """The part of a line from a display column on."""
    used = 0
    for n, char in enumerate(line):
        if used >= column:
            return line[n:]
        used += display_width(char)
    return ""


def test_a_table_that_fits_is_laid_out_as_before() -> None:
    out = render_table(["目标", "状态"], [["gdp-2020", "未完成"]], width=100)
    assert out == "目标      状态\n--------  ------\ngdp-2020  未完成\n"


def test_the_widest_column_shrinks_first_and_wraps_between_words() -> None:
    reason = "2016年实际93.44%，未达到目标≥100%（依据示例数据，非统计数据）"
    out = render_table(["目标", "状态", "原因"], [["000-city-county-power-lists-2016", "未完成",
                                                reason]], width=80)
    lines = out.splitlines()
    assert lines[2].startswith("000-city-county-power-lists-2016  未完成")  # narrower: kept
    assert max(display_width(line) for line in lines) <= 80 and len(lines) > 3
    assert "".join(_from_column(line, 42) for line in lines[2:]) == reason


def test_a_detail_line_goes_under_its_row_indented() -> None:
    out = render_table(["目标"], [["a"], ["b"]], width=20, details=["原因甲", ""])
    assert out.splitlines()[2:] == ["a", "    原因甲", "b"]


def test_column_floors_hold_while_the_widest_column_gives_way() -> None:
    assert fit_columns([50, 8, 30], [4, 8, 4], 40) == [14, 8, 14]
    assert fit_columns([50, 8, 30], [4, 8, 4], 41) == [15, 8, 14]  # the spare: widest
    assert fit_columns([50, 8, 10], [4, 8, 4], 40) == [18, 8, 10]
    assert fit_columns([10, 10], [30, 30], 20) is None

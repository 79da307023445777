"""What bureaus write in a number cell besides the number, and how it is read.

Tables typed by hand carry full-width characters, marks for a preliminary figure (初步, 预计,
快报, "p"), footnote marks (``*``, ``①``, ``(注1)`` ...) and markers meaning "no figure" (—,
…, x, NA ...). This module holds that vocabulary, so that a new mark is added in one place;
the number rules that use it are in `ingest.cells.number_cell`.
"""

from __future__ import annotations

__all__ = ["FOOTNOTE", "MISSING_MARKERS", "PRELIMINARY", "TO_ASCII", "clean", "footnote_label"]

# Full-width ASCII (！ … ～) to ASCII; minus-like signs to "-"; ‰ to %, which is then dropped
# like % (the caller converts units from the column's declared unit, never from the cell).
TO_ASCII: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
TO_ASCII.update({ord("\u2212"): "-", ord("\ufe63"): "-", ord("‰"): "%", ord("\u3000"): " "})

# Markers that mean "no figure", compared after trimming and case folding.
MISSING_MARKERS = frozenset({"", "-", "--", "---", "–", "—", "——", "———", "…", "……", "...",
                             "......", "/", "x", "na", "n.a.", "n/a", "无"})

# Regular expressions (no groups) for a preliminary mark and a footnote mark after a number.
PRELIMINARY = r"\((?:初步|预计|快报)\)|初步|预计|快报|p"
FOOTNOTE = r"[*†abc①-⑩]|\(注[0-9]+\)"


def clean(raw: str) -> str:
    """Return the cell with full-width forms made ASCII and surrounding spaces and NUL
    characters removed (NUL pads cells in some exports, and numpy's strings drop it too, so
    the column reader and the cell reader agree)."""
    return (raw if raw.isascii() else raw.translate(TO_ASCII)).replace("\x00", "").strip()


def footnote_label(mark: str | None) -> str | None:
    """The footnote a matched `FOOTNOTE` mark names: "(注1)" → "注1", others as written."""
    if mark is not None and mark.startswith("("):
        return mark[1:-1]
    return mark

"""Closest catalogue names for a name an upload got wrong, for short Chinese strings.

`difflib` alone fails on short Chinese names ("规上工业增加值增速" against
"规模以上工业增加值增速" scores below any useful cutoff), so a name is compared after
expanding common abbreviations (规上 = 规模以上, GDP = 地区生产总值, 增速 = 增长率), by
character-bigram overlap, by containment and by `difflib`, keeping the best of the three.
Regions are also compared without their 省/市/县/区 suffix ("淄川区" ~ "淄博").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

CUTOFF = 0.4  # a name scoring below this is not offered
MAX_SUGGESTIONS = 3
_LONGEST_COMPARED = 80  # characters of the raw text compared (a 100,000-character cell)
_REGION_SUFFIXES = ("自治县", "自治州", "省", "市", "县", "区", "旗", "州", "盟")


@dataclass(frozen=True)
class NameChoice:
    """One name a catalogue entry goes by: `label` (its name, English name, code or an
    alias) and `canonical`, the name the suggestion shows."""

    label: str
    canonical: str


def fold(text: str) -> str:
    """No spaces, case-insensitive: the form names are compared in."""
    return "".join(text.split()).casefold()


def expand(text: str, abbreviations: Mapping[str, str]) -> str:
    """Spell out the abbreviations in a folded name (longest first)."""
    for short in sorted(abbreviations, key=len, reverse=True):
        text = text.replace(fold(short), fold(abbreviations[short]))
    return text


def strip_region_suffix(text: str) -> str:
    """"淄川区" → "淄川": a region's name without its administrative suffix."""
    for suffix in _REGION_SUFFIXES:
        if len(text) > len(suffix) + 1 and text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def similarity(one: str, other: str) -> float:
    """How alike two folded names are, 0..1: the best of bigram overlap (Dice),
    containment and difflib's ratio."""
    if not one or not other:
        return 0.0
    if one == other:
        return 1.0
    ratio = SequenceMatcher(None, one, other, autojunk=False).ratio()
    return max(ratio, _bigram_dice(one, other), _containment(one, other))


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} or {text}


def _bigram_dice(one: str, other: str) -> float:
    first, second = _bigrams(one), _bigrams(other)
    return 2 * len(first & second) / (len(first) + len(second))


def _containment(one: str, other: str) -> float:
    short, long = sorted((one, other), key=len)
    if len(short) < 2 or short not in long:
        return 0.0
    return 0.5 + 0.5 * len(short) / len(long)


def closest(raw: str, choices: Sequence[NameChoice], abbreviations: Mapping[str, str], *,
            regions: bool = False) -> list[str]:
    """Return up to three canonical names closest to `raw`, best first, each shown as
    "canonical（alias）" when an alias was the closer match."""
    wanted = _forms(fold(raw[:_LONGEST_COMPARED]), abbreviations, regions=regions)
    best: dict[str, tuple[float, str]] = {}
    for choice in choices:
        label = fold(choice.label)
        score = max(similarity(a, b) for a in wanted
                    for b in _forms(label, abbreviations, regions=regions))
        if score >= CUTOFF and score > best.get(choice.canonical, (0.0, ""))[0]:
            best[choice.canonical] = (score, choice.label)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:MAX_SUGGESTIONS]
    return [_shown(canonical, label) for canonical, (_, label) in ranked]


def _forms(text: str, abbreviations: Mapping[str, str], *, regions: bool) -> set[str]:
    forms = {text, expand(text, abbreviations)}
    if regions:
        forms |= {strip_region_suffix(f) for f in forms}
    return {f for f in forms if f}


def _shown(canonical: str, label: str) -> str:
    if fold(label) == fold(canonical):
        return canonical
    return f"{canonical}（{label}）"


def choices_of(pairs: Iterable[tuple[str | None, str]]) -> list[NameChoice]:
    """NameChoices from (label, canonical) pairs, without empty or repeated labels."""
    seen: set[tuple[str, str]] = set()
    out = []
    for label, canonical in pairs:
        if label and (fold(label), canonical) not in seen:
            seen.add((fold(label), canonical))
            out.append(NameChoice(label=label, canonical=canonical))
    return out

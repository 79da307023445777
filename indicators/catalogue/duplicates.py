"""Duplicate target keys in a catalogue file, found in one pass, with the lines they sit on.

A key given twice would make the second target silently overwrite the first on load, so a
file holding one is refused, naming every duplicated key and every line it occurs on.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

import yaml


def duplicated(keys: Iterable[str]) -> list[str]:
    """Return the keys that occur more than once, sorted (linear: one count per key)."""
    return sorted(key for key, count in Counter(keys).items() if count > 1)


def target_keys(raw: Any) -> list[str]:
    """Return the `key` of every target of a parsed file, skipping malformed entries
    (the format check reports those)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("targets"), list):
        return []
    return [str(t["key"]) for t in raw["targets"] if isinstance(t, dict) and "key" in t]


def key_lines(text: str, wanted: set[str]) -> dict[str, list[int]]:
    """Return, for each wanted key, the 1-based lines of the targets' `key:` entries that
    hold it. Composes the YAML once (node positions), so it runs only on the error path."""
    lines: dict[str, list[int]] = defaultdict(list)
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for target in _target_nodes(root):
        for name, value in target.value:
            if name.value == "key" and isinstance(value, yaml.ScalarNode) \
                    and value.value in wanted:
                lines[value.value].append(value.start_mark.line + 1)
    return dict(lines)


def _target_nodes(root: yaml.Node | None) -> list[yaml.MappingNode]:
    if not isinstance(root, yaml.MappingNode):
        return []
    for name, value in root.value:
        if name.value == "targets" and isinstance(value, yaml.SequenceNode):
            return [n for n in value.value if isinstance(n, yaml.MappingNode)]
    return []

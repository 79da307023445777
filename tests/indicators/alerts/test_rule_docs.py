"""The alert rule registry documents itself: every rule, and only those, in the README's
table, with the audience the registry gives it."""

from __future__ import annotations

from pathlib import Path

from indicators.alerts.rules import all_rules

README = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
AUDIENCE_WORDS = {"leaders": "leaders", "departments": "lead departments",
                  "statistics": "statistics staff"}


def _table() -> dict[str, str]:
    section = README.split("\n## Variance alerts", 1)[1].split("\n## ", 1)[0]
    rows = [line.split("|") for line in section.splitlines() if line.startswith("| `")]
    return {cells[1].strip().strip("`"): cells[2].strip() for cells in rows}


def test_every_rule_is_in_the_readme_with_its_audience() -> None:
    table = _table()
    assert set(table) == {rule.code for rule in all_rules()}
    for rule in all_rules():
        assert table[rule.code] == AUDIENCE_WORDS[rule.audience.value], rule.code

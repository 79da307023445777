"""Rules the suite keeps about itself, checked on its source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
MODULES = sorted(TESTS.rglob("*.py"))


def _imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(TESTS)))
def test_no_module_imports_a_test_module(path: Path) -> None:
    """Shared helpers live in helper modules (factories.py, forecasting/panels.py ...)."""
    assert [n for n in _imported(path) if n.split(".")[-1].startswith("test_")] == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(TESTS)))
def test_no_test_reads_the_clock_for_its_results(path: Path) -> None:
    """Moments are fixed and passed as arguments; durations belong in bench/."""
    text = path.read_text(encoding="utf-8")
    assert [c for c in ("utc_now(", "datetime.now(", "utcnow(", "perf_counter(")
            if c in text and path.name != "test_suite_rules.py"] == []

"""Every import in the benchmark scripts resolves, also the ones inside functions (their
child processes import lazily): the benchmarks run by hand, not in the suite, so a module
that moves (ingest's sub-packages did) would otherwise break them unnoticed until the next
measurement."""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
# What forecast.py compares with: the `bench` extra (pip install -e ".[bench]"), which
# `make test` does not install.
_EXTRA = tomllib.loads((BENCH.parent / "pyproject.toml").read_text(encoding="utf-8"))[
    "project"]["optional-dependencies"]["bench"]
OPTIONAL = {re.split(r"[<>=\[ ]", requirement)[0] for requirement in _EXTRA}
# The scripts' own helper modules (bench/readers.py …); bench/ingest.py is a script, and
# `ingest` in an import is the package.
SIBLINGS = {p.stem for p in BENCH.glob("*.py")} - {"ingest", "forecasting", "indicators",
                                                    "service", "dashboards"}


def _imports(script: Path) -> list[tuple[str, str | None]]:
    """(module, name) of every import statement, at any depth."""
    found: list[tuple[str, str | None]] = []
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, None) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.module, alias.name) for alias in node.names]
    return found


@pytest.mark.parametrize("script", sorted(p.name for p in BENCH.glob("*.py")))
def test_every_import_of_the_script_resolves(script: str) -> None:
    for module, name in _imports(BENCH / script):
        if module.split(".")[0] in OPTIONAL | SIBLINGS:
            continue
        imported = importlib.import_module(module)
        if name is not None and not hasattr(imported, name):
            importlib.import_module(f"{module}.{name}")  # a sub-module, or ImportError

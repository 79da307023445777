"""pyproject.toml declares exactly what the product imports: no dependency installed for
nothing, none imported without being declared. Benchmarks and tests have extras of their own."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PRODUCT = ("indicators", "ingest", "forecasting", "dashboards", "service", "alembic")
FIRST_PARTY = {"indicators", "ingest", "forecasting", "dashboards", "service"}
# Needed at run time but never imported by name.
NOT_IMPORTED_BY_NAME = {
    "psycopg": "the driver SQLAlchemy loads for postgresql+psycopg:// URLs",
    "python-multipart": "FastAPI parses the upload form with it",
}


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normalised(re.match(r"[A-Za-z0-9_.-]+", r).group()) for r in project["dependencies"]}


def _top_level_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    names |= {node.module for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module}
    return {name.partition(".")[0] for name in names}


def _imported() -> set[str]:
    """The distributions whose modules the product code imports."""
    modules = {name for package in PRODUCT for path in (REPO / package).rglob("*.py")
               for name in _top_level_imports(path)}
    third_party = modules - FIRST_PARTY - set(sys.stdlib_module_names) - {"__future__"}
    owners = packages_distributions()
    return {_normalised(dist) for module in third_party for dist in owners.get(module, [module])}


def test_every_declared_dependency_is_imported_by_the_product() -> None:
    unused = _declared() - _imported() - set(NOT_IMPORTED_BY_NAME)
    assert not unused, f"declared but never imported by product code: {sorted(unused)}"


def test_every_imported_distribution_is_declared() -> None:
    undeclared = _imported() - _declared()
    assert not undeclared, f"imported by product code but not declared: {sorted(undeclared)}"

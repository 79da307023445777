"""The import contracts in pyproject.toml: the layers between packages and inside
`indicators`, the pure arithmetic, and no import loops between sibling modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
# The packages (and the sub-packages the contracts name), for a skeleton repository.
SKELETON = ("service", "ingest", "dashboards", "indicators", "forecasting",
            "indicators.runs", "indicators.catalogue", "indicators.data", "indicators.tables",
            "indicators.arithmetic", "indicators.text")
SKELETON_MODULES = ("indicators.vocab", "indicators.periods", "indicators.clock")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LINT_IMPORTS, str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=root, env={"PYTHONPATH": str(root)}, capture_output=True,
                          text=True, check=False)


def test_the_code_keeps_every_contract() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


def _skeleton(tmp_path: Path) -> Path:
    for package in SKELETON:
        folder = tmp_path.joinpath(*package.split("."))
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("")
    for module in SKELETON_MODULES:
        tmp_path.joinpath(*module.split(".")).with_suffix(".py").write_text("")
    # the external packages the purity contract names must exist to be imported
    for external in ("sqlalchemy", "alembic", "psycopg"):
        (tmp_path / external).mkdir()
        (tmp_path / external / "__init__.py").write_text("")
    return tmp_path


def test_an_empty_skeleton_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint(_skeleton(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contract_catches_a_lower_package_importing_a_higher_one(tmp_path: Path) -> None:
    root = _skeleton(tmp_path)
    (root / "forecasting" / "model.py").write_text("import indicators\n")
    result = _lint(root)
    assert result.returncode == 1
    assert "forecasting.model -> indicators" in result.stdout


def test_the_contract_catches_siblings_importing_each_other(tmp_path: Path) -> None:
    root = _skeleton(tmp_path)
    (root / "dashboards" / "page.py").write_text("from ingest import parse\n")
    (root / "ingest" / "parse.py").write_text("")
    result = _lint(root)
    assert result.returncode == 1
    assert "dashboards.page -> ingest.parse" in result.stdout


def test_the_contract_catches_tables_importing_a_run(tmp_path: Path) -> None:
    root = _skeleton(tmp_path)
    (root / "indicators" / "tables" / "models.py").write_text(
        "from indicators.runs import assessment\n")
    (root / "indicators" / "runs" / "assessment.py").write_text("")
    result = _lint(root)
    assert result.returncode == 1
    assert "indicators.tables.models -> indicators.runs.assessment" in result.stdout


def test_the_contract_catches_arithmetic_touching_the_database(tmp_path: Path) -> None:
    root = _skeleton(tmp_path)
    (root / "indicators" / "arithmetic" / "paths.py").write_text("import sqlalchemy\n")
    result = _lint(root)
    assert result.returncode == 1
    assert "indicators.arithmetic.paths -> sqlalchemy" in result.stdout


def test_the_contract_catches_an_import_loop(tmp_path: Path) -> None:
    root = _skeleton(tmp_path)
    (root / "ingest" / "cells.py").write_text("from ingest import layout\n")
    (root / "ingest" / "layout.py").write_text("from ingest import cells\n")
    result = _lint(root)
    assert result.returncode == 1
    assert "No cycles are allowed in ingest" in result.stdout


def test_an_allowed_import_passes_the_contract(tmp_path: Path) -> None:
    root = _skeleton(tmp_path)
    (root / "service" / "cli.py").write_text("import ingest\nimport indicators\n")
    (root / "indicators" / "runs" / "assessment.py").write_text(
        "from indicators.arithmetic import status\n")
    (root / "indicators" / "arithmetic" / "status.py").write_text("")
    assert _lint(root).returncode == 0

"""The layer contract: service → ingest | dashboards → indicators → forecasting."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
PACKAGES = ("service", "ingest", "dashboards", "indicators", "forecasting")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LINT_IMPORTS, "--config", str(REPO / "pyproject.toml"),
                           "--no-cache"], cwd=root, env={"PYTHONPATH": str(root)},
                          capture_output=True, text=True, check=False)


def test_the_code_keeps_the_layer_contract() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr


def _skeleton(tmp_path: Path) -> Path:
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    return tmp_path


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
    assert _lint(root).returncode == 1


def test_an_allowed_import_passes_the_contract(tmp_path: Path) -> None:
    root = _skeleton(tmp_path)
    (root / "service" / "cli.py").write_text("import ingest\nimport indicators\n")
    assert _lint(root).returncode == 0


def test_lint_imports_is_installed() -> None:
    assert shutil.which(LINT_IMPORTS) is not None

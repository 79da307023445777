"""The import contracts in pyproject.toml: the layers between packages and inside
`indicators` and `ingest`, the pure arithmetic, and no import loops between sibling modules."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LINT_IMPORTS = str(Path(sys.executable).with_name("lint-imports"))
# The packages (and the sub-packages the contracts name), for a skeleton repository.
SKELETON = ("service", "ingest", "dashboards", "indicators", "forecasting",
            "indicators.runs", "indicators.catalogue", "indicators.alerts", "indicators.data",
            "indicators.tables",
            "indicators.arithmetic", "indicators.text",
            "ingest.reading", "ingest.cells", "ingest.checks", "ingest.reports")
SKELETON_MODULES = ("indicators.vocab", "indicators.periods", "indicators.clock",
                    "ingest.pipeline", "ingest.store", "ingest.revisions", "ingest.template",
                    "ingest.tables")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([LINT_IMPORTS, str(REPO / "pyproject.toml"), "--no-cache"],
                          cwd=root, env={"PYTHONPATH": str(root)}, capture_output=True,
                          text=True, check=False)


def test_the_code_keeps_every_contract() -> None:
    result = _lint(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


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


# (files to write: path -> source, what the report must say): one breach per contract
BREACHES = {
    "a lower package importing a higher one": (
        {"forecasting/model.py": "import indicators\n"}, "forecasting.model -> indicators"),
    "sibling packages importing each other": (
        {"dashboards/page.py": "from ingest import parse\n", "ingest/parse.py": ""},
        "dashboards.page -> ingest.parse"),
    "a table importing a run": (
        {"indicators/tables/models.py": "from indicators.runs import assessment\n",
         "indicators/runs/assessment.py": ""},
        "indicators.tables.models -> indicators.runs.assessment"),
    "the arithmetic touching the database": (
        {"indicators/arithmetic/paths.py": "import sqlalchemy\n"},
        "indicators.arithmetic.paths -> sqlalchemy"),
    "two modules importing each other": (
        {"ingest/store.py": "from ingest import revisions\n",
         "ingest/revisions.py": "from ingest import store\n"},
        "No cycles are allowed in ingest"),
    "a cell reader importing a check": (
        {"ingest/cells/number_cell.py": "from ingest.checks import validate\n",
         "ingest/checks/validate.py": ""},
        "ingest.cells.number_cell -> ingest.checks.validate"),
}


@pytest.mark.parametrize("breach", sorted(BREACHES))
def test_the_contracts_catch(breach: str, tmp_path: Path) -> None:
    files, reported = BREACHES[breach]
    root = _skeleton(tmp_path)
    for name, source in files.items():
        (root / name).write_text(source)
    result = _lint(root)
    assert result.returncode == 1
    assert reported in result.stdout


def test_an_allowed_import_passes_the_contract(tmp_path: Path) -> None:
    root = _skeleton(tmp_path)
    (root / "service" / "cli.py").write_text("import ingest\nimport indicators\n")
    (root / "indicators" / "runs" / "assessment.py").write_text(
        "from indicators.arithmetic import status\n")
    (root / "indicators" / "arithmetic" / "status.py").write_text("")
    assert _lint(root).returncode == 0

"""Every ORM table in the code is one Alembic migrates.

`service.schema.METADATA` is what `alembic/env.py` and the migration tests compare with the
database; it knows a table only if the module defining it is imported by `service.schema`.
A table defined in a module that `service.schema` does not import would be created by
nobody: this test imports every module of the five packages in a fresh interpreter, and
compares the tables on `Base.metadata` there with those `service.schema` alone registers,
in another fresh interpreter (this process has imported who knows what already).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.strict import skip_or_fail

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("service", "ingest", "dashboards", "indicators", "forecasting")

EVERY_MODULE = """
import importlib, json, pkgutil, sys
from sqlalchemy import MetaData

packages = json.loads(sys.argv[1])
missing = []
for name in packages:
    package = importlib.import_module(name)
    for info in pkgutil.walk_packages(package.__path__, prefix=name + "."):
        try:
            importlib.import_module(info.name)
        except ModuleNotFoundError as error:  # an optional extra (e.g. distributed) absent
            if error.name is None or error.name.split(".")[0] in packages:
                raise
            missing.append(f"{info.name} needs {error.name}")
from indicators.tables.base import Base

# Tables on any other MetaData (a second declarative base, a bare MetaData) in our modules:
# Alembic would never see them either.
elsewhere = set()
for module in list(sys.modules.values()):
    if getattr(module, "__name__", "").split(".")[0] not in packages:
        continue
    for value in vars(module).values():
        metadata = value if isinstance(value, MetaData) else getattr(value, "metadata", None)
        if isinstance(metadata, MetaData) and metadata is not Base.metadata:
            elsewhere |= {f"{module.__name__}: {table}" for table in metadata.tables}
print(json.dumps({"tables": sorted(Base.metadata.tables), "elsewhere": sorted(elsewhere),
                  "missing": missing}))
"""

SCHEMA_ONLY = """
import json
import service.schema
print(json.dumps({"tables": sorted(service.schema.METADATA.tables)}))
"""


def _fresh(code: str, *args: str) -> dict[str, list[str]]:
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True,
                            text=True, check=False,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_every_table_defined_anywhere_is_in_the_metadata_alembic_migrates() -> None:
    everything = _fresh(EVERY_MODULE, json.dumps(PACKAGES))
    schema = _fresh(SCHEMA_ONLY)
    assert everything["elsewhere"] == []
    assert set(everything["tables"]) - set(schema["tables"]) == set(), (
        "tables defined in modules that service.schema does not import")
    assert schema["tables"] == everything["tables"]
    assert {"targets", "observations", "uploads", "users"} <= set(schema["tables"])
    if everything["missing"]:
        skip_or_fail(f"modules not imported, their tables unchecked: {everything['missing']}")

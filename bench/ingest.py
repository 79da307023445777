"""Ingest benchmark: rows per second and peak memory of `ingest_file`, against bare COPY.

Usage (from the repository root)::

    .venv/bin/python bench/ingest.py [--rows 1000000] [--xlsx-rows 100000] [--skip-sqlite]
                                     [--skip-phases] [--gbk] [--copy-repeat 2]
                                     [--copy-on-write] [--json results.json]

It generates a long-layout upload (指标, 地区, 时期, 数值, 单位, 状态) of ``--rows`` distinct
monthly figures as UTF-8 CSV (and as GBK, and the first ``--xlsx-rows`` of them as XLSX),
for 50 synthetic monthly indicators × as many synthetic counties as needed × 48 months
(2020年1月 … 2023年12月), loaded into the catalogue after ``base.yaml``. Then, each in a
fresh database (a SQLite file in a temporary folder, a throw-away schema in PostgreSQL's
``test`` database, dropped at the end) migrated with `service.migrate.upgrade`:

* ingest the CSV into PostgreSQL and SQLite (``ingest_file`` + commit, one transaction, as
  the CLI does) and the XLSX into both;
* re-ingest on PostgreSQL a copy of the CSV with 1% of the values changed (the revision
  path: every row classified against the stored vintages);
* the baseline: a bare COPY of the same rows (pre-built tuples, ``write_row``; and the
  same rows as CSV text, ``FORMAT csv``) into ``observations`` of a fresh migrated schema
  (same indexes and foreign keys as the ingest meets; ``--copy-repeat`` times each, and the
  fastest of these runs is the baseline) and, for reference, into an unconstrained table of
  the same columns;
* a phase breakdown (read, layout, catalogue, validate and its checks, store and its steps)
  by calling the pipeline's pieces one by one, for the first ingest and for the revision.

Every measurement runs in a process of its own (this script with ``--child``), so its peak
RSS (``getrusage(RUSAGE_SELF).ru_maxrss``) is its own. Progress goes to stderr; the table of
figures goes to stdout. ``--copy-on-write`` turns on pandas' Copy-on-Write
(``mode.copy_on_write``, the default from pandas 3) in every measuring process, to see what
it changes. PostgreSQL: TARGETWATCH_BENCH_POSTGRES_URL, by default
``postgresql+psycopg://postgres@127.0.0.1:5432/test``.

This file keeps the command line and the order of the run; beside it, ``ingest_data.py``
writes the input files, ``ingest_databases.py`` sets up the databases, ``ingest_children.py``
and ``ingest_phases.py`` hold the measurements and ``ingest_report.py`` prints the figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file is called ingest.py: its own folder (first on sys.path when it is run as a
# script) would shadow the `ingest` package, so it goes last, for this script's siblings.
sys.path[:] = [p for p in sys.path if Path(p or os.getcwd()).resolve() != HERE] + [str(HERE)]
sys.path.insert(0, str(ROOT))

from ingest_children import child_copy, child_ingest, run_child  # noqa: E402  (siblings in bench/)
from ingest_data import MONTHS, N_INDICATORS, region_count, write_csv, write_xlsx  # noqa: E402
from ingest_databases import POSTGRES_URL, Databases, prepare_copy_target  # noqa: E402
from ingest_phases import child_phases  # noqa: E402
from ingest_report import mib, render, say  # noqa: E402

CHILDREN = {"ingest": child_ingest, "copy": child_copy, "phases": child_phases}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--xlsx-rows", type=int, default=100_000)
    parser.add_argument("--skip-sqlite", action="store_true")
    parser.add_argument("--skip-phases", action="store_true",
                        help="no phase breakdown (saves about two ingests' time)")
    parser.add_argument("--gbk", action="store_true",
                        help="also ingest the GBK CSV into PostgreSQL (its read is always timed)")
    parser.add_argument("--copy-repeat", type=int, default=2,
                        help="runs of each COPY into observations; the fastest is the baseline")
    parser.add_argument("--copy-on-write", action="store_true",
                        help="measure with pandas' mode.copy_on_write turned on")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, text = args.child
        spec = json.loads(text)
        if spec.get("copy_on_write"):
            import pandas as pd

            pd.set_option("mode.copy_on_write", True)
        print(json.dumps(CHILDREN[kind](spec), default=str))
        return
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="tw-bench-") as folder_name:
        folder = Path(folder_name)
        results = benchmark(args, folder)
    results["total_seconds"] = time.perf_counter() - started
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    print(render(results))


def benchmark(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    rows, xlsx_rows = args.rows, min(args.xlsx_rows, args.rows)
    files = {"csv": folder / f"long-{rows}.csv", "changed": folder / f"long-{rows}-changed.csv",
             "gbk": folder / f"long-{rows}-gbk.csv", "xlsx": folder / f"long-{xlsx_rows}.xlsx"}
    say(f"generating {rows:,} rows ({N_INDICATORS} indicators × {region_count(rows)} regions"
        f" × {len(MONTHS)} months) as CSV (UTF-8, GBK, 1% changed) and {xlsx_rows:,} as XLSX")
    write_csv(files["csv"], rows)
    write_csv(files["changed"], rows, changed=True)
    write_csv(files["gbk"], rows, encoding="gbk")
    write_xlsx(files["xlsx"], xlsx_rows)
    results: dict[str, Any] = {
        "rows": rows, "xlsx_rows": xlsx_rows, "series": math.ceil(rows / len(MONTHS)),
        "file_bytes": {k: p.stat().st_size for k, p in files.items()},
        "started": datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join([".venv/bin/python", "bench/ingest.py", *sys.argv[1:]]),
        "copy_on_write": args.copy_on_write,
        "machine": machine(), "runs": []}
    databases = Databases(folder, rows)
    try:
        def measure(label: str, backend: str, kind: str, **spec: Any) -> dict[str, Any]:
            databases.checkpoint()
            say(f"{label} …")
            figures = run_child(kind, copy_on_write=args.copy_on_write, **spec)
            figures.update(label=label, backend=backend, kind=kind)
            results["runs"].append(figures)
            say(f"{label}: {figures['rows']:,} rows in {figures['seconds']:.1f} s "
                f"({figures['rows'] / figures['seconds']:,.0f} rows/s), "
                f"peak RSS {mib(figures['peak_rss'])} MiB")
            return figures

        say("PostgreSQL: fresh schema, migrate, catalogue")
        url = databases.fresh("postgresql", "pg-csv")
        measure(f"CSV {rows:,} rows → PostgreSQL", "postgresql", "ingest", url=url,
                path=str(files["csv"]))
        measure("re-ingest, 1% changed (revision path) → PostgreSQL", "postgresql",
                "ingest", url=url, path=str(files["changed"]))
        databases.drop(url)
        say("PostgreSQL: fresh schema for the COPY baseline")
        copy_url = databases.fresh("postgresql", "pg-copy")
        prepare_copy_target(copy_url)
        for table, where, repeat in (("observations", "observations", args.copy_repeat),
                                     ("bare_observations", "unconstrained table", 1)):
            for form, how in (("rows", "write_row of tuples"), ("csv", "CSV text")):
                for run in range(1, repeat + 1):
                    measure(f"bare COPY, {how} → {where}"
                            + (f" (run {run}/{repeat})" if repeat > 1 else ""), "postgresql",
                            "copy", url=copy_url, path=str(files["csv"]), table=table,
                            format=form)
        databases.drop(copy_url)
        xlsx_url = databases.fresh("postgresql", "pg-xlsx")
        measure(f"XLSX {xlsx_rows:,} rows → PostgreSQL", "postgresql", "ingest", url=xlsx_url,
                path=str(files["xlsx"]))
        databases.drop(xlsx_url)
        if args.gbk:
            gbk_url = databases.fresh("postgresql", "pg-gbk")
            measure(f"GBK CSV {rows:,} rows → PostgreSQL", "postgresql", "ingest", url=gbk_url,
                    path=str(files["gbk"]))
            databases.drop(gbk_url)
        if not args.skip_sqlite:
            say("SQLite: fresh files, migrate, catalogue")
            measure(f"CSV {rows:,} rows → SQLite", "sqlite", "ingest",
                    url=databases.fresh("sqlite", "csv"), path=str(files["csv"]))
            measure(f"XLSX {xlsx_rows:,} rows → SQLite", "sqlite", "ingest",
                    url=databases.fresh("sqlite", "xlsx"), path=str(files["xlsx"]))
        if not args.skip_phases:
            say("phase breakdown (PostgreSQL first ingest and revision"
                + ("" if args.skip_sqlite else ", SQLite store") + ") …")
            phases_url = databases.fresh("postgresql", "pg-phases")
            sqlite_url = None if args.skip_sqlite else databases.fresh("sqlite", "phases")
            databases.checkpoint()
            results["phases"] = run_child(
                "phases", copy_on_write=args.copy_on_write, url=phases_url, path=str(files["csv"]),
                changed_path=str(files["changed"]), sqlite_url=sqlite_url,
                gbk_path=str(files["gbk"]), xlsx_path=str(files["xlsx"]))
    finally:
        databases.drop_all()
    return results


def machine() -> dict[str, Any]:
    import platform

    import pandas as pd
    import psycopg
    import sqlalchemy

    memory = next((int(line.split()[1]) * 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:")), 0)
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    from sqlalchemy import create_engine, text

    engine = create_engine(POSTGRES_URL)
    with engine.connect() as connection:
        postgres = connection.execute(text("SHOW server_version")).scalar_one()
        settings = {name: connection.execute(text(f"SHOW {name}")).scalar_one() for name in
                    ("shared_buffers", "fsync", "synchronous_commit", "max_wal_size")}
    engine.dispose()
    return {"nproc": os.cpu_count(), "memory_gib": round(memory / 1024 ** 3, 1), "cpu": cpu,
            "python": platform.python_version(), "pandas": pd.__version__,
            "sqlalchemy": sqlalchemy.__version__, "psycopg": psycopg.__version__,
            "postgresql": postgres, "postgresql_settings": settings,
            "sqlite": __import__("sqlite3").sqlite_version}


if __name__ == "__main__":
    main()

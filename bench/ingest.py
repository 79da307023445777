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
"""

from __future__ import annotations

import argparse
import csv
import gc
import io
import json
import math
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# This file is called ingest.py: its own folder (first on sys.path when it is run as a
# script) would shadow the `ingest` package, so it goes last, for this script's siblings.
sys.path[:] = [p for p in sys.path if Path(p or os.getcwd()).resolve() != HERE] + [str(HERE)]
sys.path.insert(0, str(ROOT))

from ingest_data import (  # noqa: E402  (bench/ is no package: these are its siblings)
    MONTHS,
    N_INDICATORS,
    region_count,
    write_csv,
    write_xlsx,
)
from ingest_databases import COPY_COLUMNS, POSTGRES_URL, Databases, prepare_copy_target  # noqa: E402
from ingest_report import mib, render, say  # noqa: E402


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def rss_bytes() -> int:
    """The current resident set size (Linux)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# --- children: one measurement each -------------------------------------------------------


def child_ingest(spec: dict[str, Any]) -> dict[str, Any]:
    """Ingest one file (ingest_file + commit, one transaction) and report time and memory."""
    from ingest.checks.permissions import WritePermission
    from ingest.pipeline import ingest_file
    from service.db import make_engine, session_factory, transaction

    engine = make_engine(spec["url"])
    factory = session_factory(engine)
    with factory() as session:  # connect outside the measured window
        session.connection()
    gc.collect()
    before = peak_rss_bytes()
    started = time.perf_counter()
    content = Path(spec["path"]).read_bytes()
    with transaction(factory) as session:
        report = ingest_file(session, content=content, file_name=Path(spec["path"]).name,
                             uploader="bench", permission=WritePermission.everything(),
                             now=datetime.now(UTC))
    seconds = time.perf_counter() - started
    peak = peak_rss_bytes()
    engine.dispose()
    if report.status != "accepted":
        raise SystemExit(f"not accepted: {report.status} {report.issue_counts} "
                         f"{report.issues[:3]}")
    return {"seconds": seconds, "rows": report.rows_read, "new": report.figures_new,
            "revised": report.figures_revised, "unchanged": report.figures_unchanged,
            "peak_rss": peak, "rss_before": before, "file_bytes": len(content)}


def copy_records(url: str, path: Path) -> list[tuple[object, ...]]:
    """The rows of the CSV as the ingest would COPY them (series ids from the database)."""
    from sqlalchemy import text

    from service.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        series = {(name, region): sid for name, region, sid in connection.execute(text(
            "SELECT i.name, r.name, s.id FROM series s JOIN indicators i ON i.id = s.indicator_id"
            " JOIN regions r ON r.code = s.region_code"))}
        upload_id = connection.execute(text("SELECT max(id) FROM uploads")).scalar_one()
    engine.dispose()
    periods = {f"{y}年{m}月": (f"{y}M{m:02d}", y, m) for y, m in MONTHS}
    statuses = {"": "final", "初步": "preliminary"}
    now = datetime.now(UTC)
    source = f"upload:{path.name}"
    records = []
    with path.open(encoding="utf-8", newline="") as stream:
        reader = csv.reader(stream)
        next(reader)
        for name, region, period, value, _, status in reader:
            code, year, month = periods[period]
            records.append((series[(name, region)], code, "month", year, month,
                            Decimal(value.replace(",", "")), statuses[status], now, "upload",
                            source, upload_id, None, now))
    return records


def child_copy(spec: dict[str, Any]) -> dict[str, Any]:
    """Time a bare COPY (+ commit) of the file's rows, built beforehand, into a table."""
    import psycopg
    from sqlalchemy.engine import make_url

    records = copy_records(spec["url"], Path(spec["path"]))
    url = make_url(spec["url"])
    conninfo = {"host": url.host, "port": url.port, "user": url.username, "dbname": url.database,
                "password": url.password or "", **url.query}
    table, columns = spec["table"], ", ".join(COPY_COLUMNS)
    payload: list[bytes] = []
    if spec["format"] == "csv":
        text = io.StringIO(newline="")
        csv.writer(text, lineterminator="\n").writerows(
            tuple("" if v is None else v for v in r) for r in records)
        data = text.getvalue().encode()
        payload = [data[i:i + (1 << 20)] for i in range(0, len(data), 1 << 20)]
        del records[:]
    with psycopg.connect(**conninfo) as connection:
        connection.execute(f"TRUNCATE {table}")
        connection.commit()
        gc.collect()
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if spec["format"] == "csv":
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT csv)") as copy:
                    for chunk in payload:
                        copy.write(chunk)
            else:
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    for record in records:
                        copy.write_row(record)
        connection.commit()
        seconds = time.perf_counter() - started
        rows = connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
        connection.execute(f"TRUNCATE {table}")
        connection.commit()
    return {"seconds": seconds, "rows": rows, "peak_rss": peak_rss_bytes()}


class Clock:
    """Accumulated seconds per named step, in the order first seen, with the process's
    peak RSS and current RSS when the step (last) ended."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.peak: dict[str, int] = {}
        self.rss: dict[str, int] = {}
        self._depth = 0

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
            self.peak[name], self.rss[name] = peak_rss_bytes(), rss_bytes()

    @contextmanager
    def wrapping(self, module: Any, attributes: list[str], prefix: str) -> Iterator[None]:
        """Time the calls of each module.attribute (callers look it up at call time) that are
        not made from inside another of them, and put the originals back after."""
        originals: dict[str, Callable[..., Any]] = {a: getattr(module, a) for a in attributes}

        def timed(original: Callable[..., Any], name: str) -> Callable[..., Any]:
            def call(*args: Any, **kwargs: Any) -> Any:
                self._depth += 1
                try:
                    if self._depth > 1:
                        return original(*args, **kwargs)
                    with self.step(name):
                        return original(*args, **kwargs)
                finally:
                    self._depth -= 1
            return call

        for attribute, original in originals.items():
            setattr(module, attribute, timed(original, f"{prefix}{attribute.lstrip('_')}"))
        try:
            yield
        finally:
            for attribute, original in originals.items():
                setattr(module, attribute, original)


def child_phases(spec: dict[str, Any]) -> dict[str, Any]:
    """The pipeline's pieces one by one on PostgreSQL: first ingest, then the revision;
    also the store steps on SQLite, and the reading of the GBK and XLSX files."""
    from ingest import pipeline, store
    from ingest.checks import validate
    from ingest.checks.permissions import WritePermission
    from ingest.reading.file_limits import ReadLimits
    from ingest.reading.layout import sheet_records, title_texts
    from ingest.reading.readers import read_table_file
    from service.db import make_engine, session_factory

    # The column-wide helpers of check_records that this version of ingest.checks.validate has
    # (never a per-row one: timing a million calls would distort what is timed).
    checks = [name for name in ("parse_numbers", "per_distinct", "_periods", "_needs_year",
                                "_allowed", "_units", "_factors", "_fits_frequency",
                                "_implausible", "_jumps", "_statuses", "_conflicts", "_output")
              if hasattr(validate, name)]

    def run(url: str, path: Path, now: datetime, *, store_only: Any = None) -> dict[str, Any]:
        clock = Clock()
        with clock.wrapping(validate, checks, "validate: "):
            return steps(clock, url, path, now, store_only)

    def steps(clock: Clock, url: str, path: Path, now: datetime,
              store_only: Any) -> dict[str, Any]:
        engine = make_engine(url)
        factory = session_factory(engine)
        if store_only is None:
            with clock.step("read (bytes → grid)"):
                content = path.read_bytes()
                checksum = pipeline.checksum_of(content)
                sheets = read_table_file(content, path.name, ReadLimits())
            with clock.step("layout (grid → records)"):
                import pandas as pd

                records = pd.concat([sheet_records(s) for s in sheets], ignore_index=True)
                title = " ".join(t for t in (title_texts(s) for s in sheets) if t) or None
                del sheets  # as in the pipeline, the grid is dropped once laid out
        started = time.perf_counter()
        with factory() as session:
            if store_only is None:
                with clock.step("catalogue + previous annual values"):
                    catalogue = pipeline.load_catalogue(session)
                    previous = pipeline.previous_annual_values(session)
                with clock.step("validate (check_records)"):
                    checked = validate.check_records(
                        records, catalogue=catalogue, permission=WritePermission.everything(),
                        previous=previous, default_jump_factor=3.0, region_from_title=title)
                assert not checked.has_errors, checked.issue_counts
                rows = checked.rows
                del records  # as the pipeline does: the checked rows are all the store needs
            else:
                rows, checksum = store_only, "0" * 64
            with clock.step("store: upload row"):
                report = pipeline.IngestReport(file_name=path.name, checksum=checksum,
                                               status="received")
                upload = pipeline._upload_row(session, report, "bench", now)
            with clock.step("store: series ids (series_ids_for)"):
                ids = store.series_ids_for(session, zip(rows["indicator_id"],
                                                        rows["region_code"], strict=True))
                with_ids = rows.assign(series_id=[ids[(i, r)] for i, r in zip(
                    rows["indicator_id"], rows["region_code"], strict=True)])
            with clock.step("store: stored vintages (latest_stored)"):
                stored = store.latest_stored(session, ids.values())
            with clock.step("store: classify"):
                marked = store.classify(with_ids, stored)
                landing = marked[marked["change"] != "unchanged"]
            with clock.step("store: build insert rows"):
                if engine.dialect.name == "postgresql":
                    built = store._insert_frame(landing, upload_id=upload.id,
                                                source=f"upload:{path.name}", vintage_at=now)
                else:
                    built = list(store._insert_rows(landing, upload_id=upload.id,
                                                    source=f"upload:{path.name}",
                                                    vintage_at=now))
            if engine.dialect.name == "postgresql":
                with clock.step("store: COPY (_copy_postgres)"):
                    store._copy_postgres(session, built)
            else:
                from sqlalchemy import insert

                from indicators.tables.observations import Observation

                with clock.step("store: INSERT executemany (SQLite)"):
                    for chunk in store._chunks(built, store.CHUNK):
                        session.execute(insert(Observation.__table__), [dict(zip(
                            store._INSERT_COLUMNS, r, strict=True)) for r in chunk])
            with clock.step("store: flush + commit"):
                session.flush()
                session.commit()
        commit_done = time.perf_counter()
        engine.dispose()
        changes = marked["change"].value_counts().to_dict()
        result = {"steps": clock.seconds, "peak": clock.peak, "rss": clock.rss,
                  "changes": changes,
                  "transaction_seconds": commit_done - started}
        if store_only is None:
            result["rows"] = rows
        return result

    first = run(spec["url"], Path(spec["path"]), datetime.now(UTC))
    rows = first.pop("rows")
    revision = run(spec["url"], Path(spec["changed_path"]), datetime.now(UTC) + timedelta(
        days=30))
    revision.pop("rows")
    out: dict[str, Any] = {"first": first, "revision": revision}
    if spec.get("sqlite_url"):
        assert indicator_ids(spec["sqlite_url"]) == indicator_ids(spec["url"])
        out["sqlite_store"] = run(spec["sqlite_url"], Path(spec["path"]), datetime.now(UTC),
                                  store_only=rows)
    reads = {}
    for key in ("gbk_path", "xlsx_path"):
        if spec.get(key):
            path = Path(spec[key])
            content = path.read_bytes()
            started = time.perf_counter()
            sheets = read_table_file(content, path.name, ReadLimits())
            reads[key] = {"seconds": time.perf_counter() - started,
                          "rows": sum(len(s.frame) for s in sheets) - 1}
    out["reads"] = reads
    return out


def indicator_ids(url: str) -> dict[str, int]:
    """Indicator ids by code: validated rows carry ids, so a store elsewhere needs the same."""
    from sqlalchemy import text

    from service.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        ids = dict(connection.execute(text("SELECT code, id FROM indicators")).tuples().all())
    engine.dispose()
    return ids


CHILDREN = {"ingest": child_ingest, "copy": child_copy, "phases": child_phases}


def run_child(kind: str, **spec: Any) -> dict[str, Any]:
    """Run one measurement in a new process of this script; return what it printed."""
    completed = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", kind, json.dumps(spec)],
        stdout=subprocess.PIPE, text=True, check=False, cwd=ROOT)
    if completed.returncode != 0:
        raise RuntimeError(f"child {kind} failed (exit {completed.returncode})")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


# --- the run -----------------------------------------------------------------------------


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

"""The ingest benchmark's measurements, each in a process of its own (``bench/ingest.py
--child KIND SPEC``), so that its peak RSS (``getrusage(RUSAGE_SELF).ru_maxrss``) is its
own: an ingest of one file, and a bare COPY of the same rows. The phase breakdown is in
`ingest_phases`."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import resource
import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ingest_data import MONTHS
from ingest_databases import COPY_COLUMNS

SCRIPT = Path(__file__).resolve().with_name("ingest.py")  # the entry: it runs the children
ROOT = SCRIPT.parent.parent


def peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # Linux: KiB


def rss_bytes() -> int:
    """The current resident set size (Linux)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def run_child(kind: str, **spec: Any) -> dict[str, Any]:
    """Run one measurement in a new process of this script; return what it printed."""
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--child", kind, json.dumps(spec)],
        stdout=subprocess.PIPE, text=True, check=False, cwd=ROOT)
    if completed.returncode != 0:
        raise RuntimeError(f"child {kind} failed (exit {completed.returncode})")
    result: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


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

"""The ingest benchmark's phase breakdown: the pipeline's pieces (read, layout, catalogue,
validate and its checks, store and its steps) called one by one and timed, for a first
ingest and for the revision on PostgreSQL, the store alone on SQLite, and the reading of the
GBK and XLSX files; run as a child process like the other measurements."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ingest_children import peak_rss_bytes, rss_bytes


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

"""Copy the benchmark's SQLite database into a migrated PostgreSQL schema, table by table,
so that both databases serve the same rows and PostgreSQL does not repeat the runs (the
eleven assessment runs take minutes)."""

from __future__ import annotations

import time

from sqlalchemy import Engine, Integer, insert, select, text

from service.schema import METADATA

CHUNK = 5_000


def copy_tables(source: Engine, target: Engine) -> tuple[int, float]:
    """Copy every row of every table (the target is migrated and empty); bring the id
    sequences past the copied ids and gather the planner's statistics. Returns the rows
    copied and the seconds taken."""
    start, copied = time.perf_counter(), 0
    with source.connect() as reading, target.begin() as writing:
        # Rows may point at rows later in their own table (a superseded target names its
        # successor); foreign keys are checked by triggers, which replica mode skips.
        writing.execute(text("SET LOCAL session_replication_role = replica"))
        for table in METADATA.sorted_tables:
            result = reading.execute(select(table))
            while chunk := result.fetchmany(CHUNK):
                writing.execute(insert(table), [dict(row._mapping) for row in chunk])
                copied += len(chunk)
            ids = [c for c in table.primary_key.columns if isinstance(c.type, Integer)]
            if len(ids) == 1:
                writing.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{ids[0].name}'), "
                    f"coalesce((SELECT max({ids[0].name}) FROM {table.name}), 0) + 1, false)"))
        for table in METADATA.sorted_tables:  # planner statistics, as autovacuum would
            writing.execute(text(f'ANALYZE "{table.name}"'))
    return copied, time.perf_counter() - start

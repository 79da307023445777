"""The ingest benchmark's databases: each measurement gets a fresh one (a SQLite file in a
temporary folder, or a throw-away schema in PostgreSQL's ``test`` database, dropped at the
end), migrated and loaded with ``base.yaml`` and the synthetic catalogue; the COPY baseline's
schema also gets series, an upload and an unconstrained copy of ``observations``."""

from __future__ import annotations

import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from ingest_data import PARENT_REGION, catalogue_file
from ingest_report import say

POSTGRES_URL = os.environ.get("TARGETWATCH_BENCH_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
COPY_COLUMNS = ("series_id", "period_code", "period_kind", "year", "period_number", "value",
                "status", "vintage_at", "source_kind", "source", "upload_id", "note",
                "recorded_at")


class Databases:
    """Fresh databases for the run: SQLite files in a folder, PostgreSQL schemas in `test`;
    every schema made here is dropped by `drop_all`."""

    def __init__(self, folder: Path, rows: int) -> None:
        from sqlalchemy import create_engine

        self.folder, self.rows = folder, rows
        self.schemas: list[str] = []
        self._admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")

    def fresh(self, backend: str, label: str) -> str:
        """Create, migrate and fill (base.yaml and the synthetic catalogue) a database."""
        from sqlalchemy import text
        from sqlalchemy.engine import make_url

        from indicators.catalogue import loader as catalogue
        from service.db import make_engine, session_factory, transaction
        from service.migrate import upgrade

        if backend == "sqlite":
            url = f"sqlite:///{self.folder / f'{label}.db'}"
        else:
            name = f"tw_bench_{uuid.uuid4().hex[:10]}"
            with self._admin.connect() as connection:
                connection.execute(text(f'CREATE SCHEMA "{name}"'))
            self.schemas.append(name)
            url = make_url(POSTGRES_URL).update_query_dict(
                {"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)
        engine = make_engine(url)
        try:
            upgrade(engine)
            with transaction(session_factory(engine)) as session:
                catalogue.load_catalogue(session, catalogue.read_catalogue(
                    catalogue.SEED_DIR / catalogue.BASE_FILE))
                catalogue.load_catalogue(session, catalogue.LoadedFile(
                    path=Path("bench"), text=None, catalogue=catalogue_file(self.rows)))
        finally:
            engine.dispose()
        return url

    def checkpoint(self) -> None:
        """Write out what earlier runs left in the WAL and buffers, so that no measurement
        pays for its predecessor's checkpoint (needs a superuser; skipped otherwise)."""
        from sqlalchemy import text
        from sqlalchemy.exc import DBAPIError

        try:
            with self._admin.connect() as connection:
                connection.execute(text("CHECKPOINT"))
        except DBAPIError as error:
            say(f"CHECKPOINT refused, measuring without: {error.orig}")

    def drop(self, url: str) -> None:
        """Drop the schema behind a URL made by `fresh` (a SQLite file stays to the end)."""
        from sqlalchemy import text

        name = next((n for n in self.schemas if n in url), None)
        if name is not None:
            with self._admin.connect() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
            self.schemas.remove(name)

    def drop_all(self) -> None:
        from sqlalchemy import text

        with self._admin.connect() as connection:
            for name in self.schemas:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        self.schemas.clear()
        self._admin.dispose()


def prepare_copy_target(url: str) -> None:
    """Give a fresh schema what COPY into observations needs (series, an upload) and an
    unconstrained table of the same columns."""
    from sqlalchemy import text

    from indicators.vocab import UploadStatus
    from ingest.tables import Upload
    from service.db import make_engine, session_factory, transaction

    engine = make_engine(url)
    with transaction(session_factory(engine)) as session:
        session.execute(text(
            "INSERT INTO series (indicator_id, region_code, subject_key) "
            "SELECT i.id, r.code, r.code FROM indicators i CROSS JOIN regions r "
            "WHERE i.code LIKE 'bench\\_%' AND r.parent_code = :parent"),
            {"parent": PARENT_REGION})
        session.add(Upload(file_name="copy", checksum_sha256="0" * 64, uploader="bench",
                           uploaded_at=datetime.now(UTC), status=UploadStatus.ACCEPTED))
        session.execute(text(f"CREATE TABLE bare_observations AS SELECT {', '.join(COPY_COLUMNS)}"
                             " FROM observations WITH NO DATA"))
    engine.dispose()

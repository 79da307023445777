"""The benchmark's database: catalogue (`board_catalogue`), figures (`board_figures`), a
user to sign in as, and assessment and forecast runs made by the real code.

Runs: one current assessment and forecast (now), and `retrospective` retrospective
assessment runs at the end of 30 June of successive years before now, each made by
`run_assessment` (no copies), so the track record has real histories to read.

A SQLite database is built once per parameter set and kept under var/bench/ (file name:
a hash of the parameters, GENERATOR_VERSION and the seed catalogue) and migrated to the
newest schema each time it is opened. The PostgreSQL database is a schema of its own,
filled by copying every table of that SQLite file (`board_copy`), so both serve the same
rows; it is dropped after the run.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from datetime import time as clock_time
from pathlib import Path

import board_catalogue  # bench/ is no package: the runner puts it on sys.path
import board_copy
import board_figures
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from indicators.clock import CHINA_TIME
from indicators.runs.assessment import run_assessment
from indicators.runs.forecast import run_forecast
from indicators.tables.assessments import AssessmentResult
from service.db import make_engine, session_factory, transaction
from service.migrate import upgrade
from service.users import Role, add_user

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "var" / "bench"
POSTGRES_URL = os.environ.get("TARGETWATCH_BENCH_POSTGRES_URL",
                              "postgresql+psycopg://postgres@127.0.0.1:5432/test")
# Bump when board_catalogue/board_figures/this module build a different database.
GENERATOR_VERSION = "1"
USER, PASSWORD = "bench-admin", "correct horse 12"


@dataclass(frozen=True)
class Params:
    """What the database holds."""

    targets: int = 2000
    years: int = 20
    retrospective: int = 10
    seed: int = 13

    def key(self) -> str:
        """A hash of the parameters and of everything the database is built from."""
        digest = hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode())
        digest.update(GENERATOR_VERSION.encode())
        for path in board_catalogue.seed_paths():
            digest.update(path.read_bytes())
        return digest.hexdigest()[:16]


@dataclass
class Built:
    """A database ready to serve, and what building it took (empty when cached)."""

    url: str
    token: str
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


def retrospective_days(count: int, today: date) -> list[date]:
    """30 June of the `count` years before this one, oldest first."""
    return [date(today.year - k, 6, 30) for k in range(count, 0, -1)]


def build(url: str, params: Params) -> Built:
    """Migrate an empty database at `url` and fill it; return its token and timings."""
    engine = make_engine(url)
    seconds: dict[str, float] = {}
    start = time.perf_counter()
    upgrade(engine)
    seconds["migrate"] = time.perf_counter() - start
    factory = session_factory(engine)
    now = datetime.now(UTC)
    with transaction(factory) as session:
        seconds["catalogue"] = board_catalogue.load(session, params.targets)
        figures, seconds["figures"] = board_figures.write(
            session, years=params.years, last_year=now.year - 1, seed=params.seed)
        _, token = add_user(session, name=USER, role=Role.ADMIN, regions=[],
                            password=PASSWORD, actor="bench")
    for day in retrospective_days(params.retrospective, now.date()):
        seconds[f"assess {day}"] = _assess(factory, _day_end(day), True)
    seconds["assess now"] = _assess(factory, now, False)
    start = time.perf_counter()
    with transaction(factory) as session:
        run_forecast(session, as_of=now)
    seconds["forecast now"] = time.perf_counter() - start
    with factory() as session:
        results = session.scalar(select(func.count()).select_from(AssessmentResult)) or 0
    engine.dispose()
    return Built(url, token, seconds, {"observations": figures, "assessment_results": results})


def _day_end(day: date) -> datetime:
    """The end of `day` in Beijing, in UTC (what `assess --as-of DAY` reads)."""
    return datetime.combine(day, clock_time.max, CHINA_TIME).astimezone(UTC)


def _assess(factory: object, moment: datetime, retrospective: bool) -> float:
    start = time.perf_counter()
    with transaction(factory) as session:  # type: ignore[arg-type]
        run_assessment(session, as_of=moment, retrospective=retrospective)
    return time.perf_counter() - start


def sqlite_database(params: Params, *, rebuild: bool = False) -> Built:
    """The cached SQLite file for `params`, built when missing (or asked to)."""
    path = CACHE / f"board-{params.key()}.db"
    token_file = path.with_suffix(".token")
    if path.exists() and token_file.exists() and not rebuild:
        url = f"sqlite:///{path}"
        engine = make_engine(url)
        upgrade(engine)  # a migration that landed since it was built
        engine.dispose()
        return Built(url, token_file.read_text().strip())
    for stale in (path, token_file, path.with_suffix(".db-wal"), path.with_suffix(".db-shm")):
        stale.unlink(missing_ok=True)
    partial = path.with_suffix(".building")
    partial.unlink(missing_ok=True)
    built = build(f"sqlite:///{partial}", params)
    partial.rename(path)
    token_file.write_text(built.token + "\n")
    built.url = f"sqlite:///{path}"
    return built


@contextmanager
def postgres_database(sqlite: Built) -> Iterator[Built]:
    """A schema of its own holding the rows of the SQLite database `sqlite`, dropped when
    the block ends."""
    name = f"twbench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={name}"})
    built = Built(url.render_as_string(hide_password=False), sqlite.token)
    try:
        start = time.perf_counter()
        target, source = make_engine(built.url), make_engine(sqlite.url)
        upgrade(target)
        built.counts["rows"], built.seconds["copy"] = board_copy.copy_tables(source, target)
        target.dispose()
        source.dispose()
        built.seconds["build"] = time.perf_counter() - start
        yield built
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
        admin.dispose()

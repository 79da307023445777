"""The upload corpus (tests/data/uploads): over a hundred bureau files, good, awkward and
bad, each uploaded on SQLite and PostgreSQL and held to its expected outcome.

expected.yaml (written by build_corpus.py beside the files) gives each file's outcome: the
status, the number of new figures, the distinct error and warning codes, and for some the
names a suggestion must offer, how many report lines a problem may take, or a bound on the
report's size. A refused file must change no figure and no series (the upload record of
the refusal is expected).

The catalogue and a few earlier figures are loaded once per module and database; each
file runs in a savepoint rolled back after it, so files never see each other's figures.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Connection, Engine, func, select
from sqlalchemy.orm import Session

from indicators.catalogue import loader as catalogue
from indicators.tables.observations import Observation, Series
from indicators.vocab import UploadStatus
from ingest.checks.permissions import WritePermission
from ingest.pipeline import IngestReport, ingest_file
from ingest.reports.issues import Severity
from ingest.tables import Upload
from tests.ingest.files import csv_bytes

CORPUS = Path(__file__).resolve().parents[1] / "data" / "uploads"
MANIFEST: dict[str, Any] = yaml.safe_load((CORPUS / "expected.yaml").read_text("utf-8"))
EXPECTED: dict[str, dict[str, Any]] = MANIFEST["files"]
NOW = datetime.fromisoformat(MANIFEST["now"])
# Figures on record before every corpus upload, in series the corpus files do not touch
# for the same years, so that "nothing changed" is checked against real rows.
EARLIER = [("地区生产总值", "东阳市", "2020年", "611.2", "亿元", ""),
           ("一般公共预算收入", "吕梁市", "2020年", "101.3", "亿元", "")]
# The findings of issue 12 the corpus must cover, each by at least one file.
FINDINGS = {"header_no_data", "future_period", "two_value_columns", "formula_no_cached_value",
            "unsafe_name", "utf16_csv", "missing_region_column", "gbk_wide_yearless",
            "unit_mistake", "ytd_falls", "near_miss_names", "one_error_per_column",
            "huge_cell_report"}


@pytest.fixture(scope="module")
def corpus_db(engine: Engine) -> Iterator[Connection]:
    """One connection per module and database: catalogue and earlier figures loaded in a
    transaction rolled back at the end."""
    with engine.connect() as connection:
        outer = connection.begin()
        with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
            base = catalogue.read_catalogue(catalogue.SEED_DIR / catalogue.BASE_FILE)
            catalogue.load_catalogue(session, base)
            earlier = _upload(session, csv_bytes(EARLIER), "earlier.csv",
                              now=datetime(2021, 3, 1, tzinfo=UTC))
            assert earlier.status == UploadStatus.ACCEPTED, earlier.issues
            session.commit()  # releases the session's savepoint into the module's transaction
        yield connection
        outer.rollback()


def _upload(session: Session, content: bytes, name: str, now: datetime = NOW) -> IngestReport:
    return ingest_file(session, content=content, file_name=name, uploader="语料库测试",
                       permission=WritePermission.everything(), now=now)


def _figures(session: Session) -> list[tuple[object, ...]]:
    """Every stored figure and series, for before/after comparisons."""
    rows = session.execute(select(Observation.id, Observation.series_id,
                                  Observation.period_code, Observation.value,
                                  Observation.vintage_at).order_by(Observation.id)).all()
    series = session.execute(select(Series.id).order_by(Series.id)).scalars().all()
    return [tuple(r) for r in rows] + [("series", *series)]


def _codes(report: IngestReport, severity: Severity) -> list[str]:
    return sorted({i["code"] for i in report.issues if i["severity"] == severity})


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_corpus_file_gives_its_expected_outcome(corpus_db: Connection, name: str) -> None:
    expect = EXPECTED[name]
    savepoint = corpus_db.begin_nested()
    try:
        with Session(bind=corpus_db, join_transaction_mode="create_savepoint") as session:
            before = _figures(session)
            report = _upload(session, (CORPUS / "files" / name).read_bytes(),
                             expect.get("upload_as", name))
            _check_report(report, expect)
            after = _figures(session)
            upload = session.get(Upload, report.upload_id)
            assert upload is not None and upload.status == report.status
            if report.status == UploadStatus.REJECTED:
                assert after == before  # a refused file changes no figure, no series
                assert upload.error_report is not None
                assert upload.error_report["issues"] == report.issues
            else:
                assert len(after) - len(before) >= report.figures_new
                assert after[:len(before) - 1] == before[:-1]  # earlier figures untouched
    finally:
        savepoint.rollback()


def _check_report(report: IngestReport, expect: dict[str, Any]) -> None:
    """The report has the status, figures and problem codes expected, and the extras."""
    issues = [(i["code"], i["row"], i["column"], i["raw"][:40]) for i in report.issues]
    assert report.status == expect["status"], issues
    assert _codes(report, Severity.ERROR) == expect["errors"], issues
    assert _codes(report, Severity.WARNING) == expect["warnings"], issues
    if expect["status"] == UploadStatus.ACCEPTED:
        assert (report.figures_new, report.figures_revised) == (expect["figures"], 0)
    suggestions = " ".join(i["suggestion_zh"] or "" for i in report.issues)
    missing = [n for n in expect.get("suggests", []) if n not in suggestions]
    assert not missing, f"no suggestion offers {missing}: {suggestions!r}"
    for code, lines in expect.get("lines", {}).items():
        assert sum(i["code"] == code for i in report.issues) == lines, issues
    if "report_max_bytes" in expect:
        size = len(json.dumps(report.as_dict(), ensure_ascii=False).encode())
        assert size <= expect["report_max_bytes"], size


def test_the_corpus_is_whole() -> None:
    """Over a hundred files, each with an outcome, every finding covered, good and bad."""
    files = {p.name for p in (CORPUS / "files").iterdir()}
    assert files == set(EXPECTED)
    assert len(files) >= 100
    statuses = [e["status"] for e in EXPECTED.values()]
    assert statuses.count("accepted") >= 40 and statuses.count("rejected") >= 40
    assert {e.get("finding") for e in EXPECTED.values()} >= FINDINGS
    assert {"errors", "warnings"} <= set().union(*EXPECTED.values())


def test_earlier_figures_are_what_the_corpus_expects(corpus_db: Connection) -> None:
    """The module's starting point: the catalogue and two earlier figures, nothing else."""
    with Session(bind=corpus_db) as session:
        assert session.scalar(select(func.count()).select_from(Observation)) == 2
        values = session.scalars(select(Observation.value).order_by(Observation.value)).all()
        assert [Decimal(v) for v in values] == [Decimal("101.3"), Decimal("611.2")]


def test_the_committed_files_are_what_build_corpus_writes() -> None:
    """The files are the script's output, byte for byte: edit a case, rerun the script."""
    sys.path.insert(0, str(CORPUS))
    try:
        spec = importlib.util.spec_from_file_location("build_corpus", CORPUS / "build_corpus.py")
        assert spec is not None and spec.loader is not None
        builder = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(builder)
        built = {case.name: case.content for case in builder.all_cases()}
    finally:
        sys.path.remove(str(CORPUS))
    stale = [name for name, content in built.items()
             if (CORPUS / "files" / name).read_bytes() != content]
    assert set(built) == set(EXPECTED) and not stale, stale

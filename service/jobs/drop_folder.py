"""The drop folder: files placed in it are ingested once, then moved to `done/` or
`rejected/` with their report beside them (NAME.report.json). A rejected file also gets
NAME.report.xlsx, the report as a clerk opens it in Excel or WPS, and a warning in the log
naming the file and its first problem, so that a refused file tells somebody.

Each file is ingested in its own transaction, so one bad file cannot sink the others: a
file whose ingest raises (a bug, a database error) is rolled back, logged with its
traceback and moved to `rejected/` with a report naming the error, and the scan goes on.
If the process stops between committing a file and moving it, the next scan ingests it
again as a no-op (same checksum) and moves it then: nothing is lost or counted twice.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from indicators.clock import utc_now
from indicators.text.messages import Language, bilingual, message
from ingest.checks.permissions import WritePermission
from ingest.reports.report_files import first_problem, report_xlsx
from service.jobs.context import JobContext
from service.uploads import ingest_and_reassess

DONE, REJECTED = "done", "rejected"
ERROR = "error"  # the status in the report of a file whose ingest raised
SETTLE_SECONDS = 2.0  # a file modified more recently may still be being copied in
_SKIP_SUFFIXES = (".part", ".tmp", ".crdownload", ".report.json", ".report.xlsx")
logger = logging.getLogger(__name__)


def waiting_files(folder: Path, *, now: float | None = None) -> list[Path]:
    """Return the files ready to ingest: not hidden, not partial, not still changing."""
    moment = time.time() if now is None else now
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith((".", "~$"))
                  and not p.name.endswith(_SKIP_SUFFIXES)
                  and moment - p.stat().st_mtime >= SETTLE_SECONDS)


def scan_drop_folder(context: JobContext) -> list[str]:
    """Ingest every waiting file of the configured drop folder; return their outcomes."""
    folder = context.settings.drop_folder
    if folder is None:
        return []
    for sub in (DONE, REJECTED):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return [_ingest_one(path, context) for path in waiting_files(folder)]


def _ingest_one(path: Path, context: JobContext) -> str:
    """Ingest one file in a transaction of its own, then file it away with its report."""
    try:
        with context.transaction() as session:
            report = ingest_and_reassess(
                session, content=path.read_bytes(), file_name=path.name,
                uploader=context.settings.drop_folder_uploader,
                permission=WritePermission.everything(), now=utc_now(),
                settings=context.settings)
    except Exception as error:  # whatever stops one file must not stop the others
        logger.exception(bilingual("drop.internal_error", file=path.name,
                                   error=type(error).__name__))
        _file_away(path, REJECTED, _error_report(path, error), context.settings.language)
        return f"{path.name}: {ERROR}"
    _file_away(path, DONE if report.accepted else REJECTED, report.as_dict(),
               context.settings.language)
    return f"{path.name}: {report.status}"


def _error_report(path: Path, error: Exception) -> dict[str, Any]:
    """The report of a file whose ingest raised: which error, in both languages."""
    values = {"file": path.name, "error": type(error).__name__}
    return {"file_name": path.name, "status": ERROR, "error": values["error"],
            "summary_zh": message("drop.internal_error", Language.ZH, **values),
            "summary_en": message("drop.internal_error", Language.EN, **values)}


def _file_away(path: Path, sub: str, report: dict[str, Any], language: str) -> None:
    """Move the file into `sub` with NAME.report.json beside it; a rejected file also
    with NAME.report.xlsx (in the configured language), and a warning in the log."""
    destination = _free_name(path.parent / sub / path.name)
    destination.with_name(destination.name + ".report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if sub == REJECTED:
        readable = destination.with_name(destination.name + ".report.xlsx")
        readable.write_bytes(report_xlsx(report, Language(language)))
        _warn_rejected(path.name, report, readable)
    path.replace(destination)


def _warn_rejected(name: str, report: dict[str, Any], readable: Path) -> None:
    """Log which file was refused, its first problem and where its report is, in Chinese
    and English."""
    errors = sum(int(i.get("occurrences") or 1) for i in report.get("issues", [])
                 if i.get("severity") != "warning") or 1
    logger.warning(" / ".join(
        message("drop.rejected", language, file=name, errors=errors, report=readable,
                problem=first_problem(report, language)) for language in Language))


def _free_name(path: Path) -> Path:
    """Return `path`, or a name beside it with a counter when that is taken."""
    candidate, counter = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{counter}{path.suffix}")
        counter += 1
    return candidate

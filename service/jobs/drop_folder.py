"""The drop folder: files placed in it are ingested once, then moved to `done/` or
`rejected/` with their report beside them (NAME.report.json).

Each file is ingested in its own transaction, so one bad file cannot sink the others. If
the process stops between committing a file and moving it, the next scan ingests it again
as a no-op (same checksum) and moves it then: nothing is lost or counted twice.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from indicators.clock import utc_now
from ingest.permissions import WritePermission
from service.jobs.context import JobContext
from service.uploads import ingest_and_reassess

DONE, REJECTED = "done", "rejected"
SETTLE_SECONDS = 2.0  # a file modified more recently may still be being copied in
_SKIP_SUFFIXES = (".part", ".tmp", ".crdownload", ".report.json")


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
    with context.transaction() as session:
        report = ingest_and_reassess(
            session, content=path.read_bytes(), file_name=path.name,
            uploader=context.settings.drop_folder_uploader,
            permission=WritePermission.everything(), now=utc_now(), settings=context.settings)
    destination = _free_name(path.parent / (DONE if report.accepted else REJECTED) / path.name)
    destination.with_name(destination.name + ".report.json").write_text(
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    path.replace(destination)
    return f"{path.name}: {report.status}"


def _free_name(path: Path) -> Path:
    """Return `path`, or a name beside it with a counter when that is taken."""
    candidate, counter = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.{counter}{path.suffix}")
        counter += 1
    return candidate

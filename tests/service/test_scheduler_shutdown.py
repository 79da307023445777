"""`targetwatch scheduler run` stops cleanly on Ctrl-C (SIGINT) and on SIGTERM: it lets a
running job finish, exits 0, prints one line "scheduler stopped" and no traceback.

A real process, since signals are the point. The drop folder holds a file, so the drop-folder
job runs at start: the signal arrives while it runs, the case that printed APScheduler's
"cannot schedule new futures after shutdown" traceback.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from service.db import make_engine
from service.migrate import upgrade

REPO = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-c", "from service.cli import app; app()", "scheduler", "run"]


@pytest.fixture(scope="module")
def database_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A migrated SQLite file, so that the command's own migration is a quick check."""
    url = f"sqlite:///{tmp_path_factory.mktemp('scheduler') / 'targetwatch.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_the_scheduler_stops_cleanly_on_a_signal(database_file: str, tmp_path: Path,
                                                  stop: signal.Signals) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "gdp.csv").write_bytes(
        "指标,地区,时期,数值,单位\r\n地区生产总值,淄博市,2017年,5000,亿元\r\n".encode("gbk"))
    env = {**os.environ, "PYTHONPATH": str(REPO), "TARGETWATCH_DATABASE_URL": database_file,
           "TARGETWATCH_LANGUAGE": "en", "TARGETWATCH_DROP_FOLDER": str(drop)}
    process = subprocess.Popen(COMMAND, env=env, cwd=tmp_path, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        started = process.stdout.readline() if process.stdout else ""
        assert started.startswith("Scheduler started: alerts-after-data, digest-weekly, "
                               "ingest-drop-folder"), started
        process.send_signal(stop)
        out, err = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, err
    assert "Traceback" not in err and "Error" not in err, err
    assert out.strip().splitlines() == ["scheduler stopped"]

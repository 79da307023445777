"""Every seed target's status, reason key and probability of meeting it, on the demo data at
fixed moments: what tests/golden/seed_assessments.json pins.

The file is written only by an explicit command (never by a test):

    PYTHONPATH=$PWD .venv/bin/python -m tests.golden.regenerate

Review the diff before committing it: every changed line is a target whose verdict moved.

Probabilities are stored rounded to 0.01 and compared within `PROBABILITY_TOLERANCE` (0.01).
Each is the share of 1,000 seeded sample paths that meet the target, so on one platform it is
reproduced exactly; the tolerance allows one rounding step, enough for a handful of paths that
land on the target's line to fall the other way where the figures go through PostgreSQL
NUMERIC instead of SQLite's float, or where another BLAS/libm changes the last bits. A
genuine change of the model or of the data moves probabilities by far more.

The sample paths are seeded by each series' name (indicator and subject, `Series.name`),
not by its row id, so the same data give the same probabilities in any database: the
check runs in the suite's shared database, where PostgreSQL's ids carry on from earlier
tests, and agrees with a file made in a fresh one.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from indicators.clock import CHINA_TIME
from indicators.runs.assessment import run_assessment
from indicators.tables.assessments import AssessmentRun
from service.demo.actuals import BUNDLED_ACTUALS
from service.demo.loader import load_demo

GOLDEN_PATH = Path(__file__).with_name("seed_assessments.json")
# The demo is loaded as if on this day; its own assessment run is pinned under "demo_now".
DEMO_NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
# Before, during and after the targets' periods (the latest deadline is 2022).
AS_OF_DAYS = ("2024-06-30", "2020-06-30", "2015-06-30")
PROBABILITY_TOLERANCE = 0.01
DEMO_RUN = "demo_now"


def beijing_end_of_day(day: str) -> datetime:
    """The last moment of `day` in Beijing, in UTC: what `--as-of DAY` means."""
    return datetime.combine(date.fromisoformat(day), time.max, CHINA_TIME).astimezone(UTC)


def verdicts(run: AssessmentRun) -> dict[str, dict[str, Any]]:
    """Each target's status, reason key and probability (rounded to 0.01) in a run."""
    return {r.target.key: {"status": r.status.value, "reason_key": r.reason_key,
                           "probability": None if r.probability is None
                           else round(r.probability, 2)}
            for r in sorted(run.results, key=lambda r: r.target.key)}


def assess_the_demo(session: Session) -> dict[str, dict[str, dict[str, Any]]]:
    """Load the demo at DEMO_NOW and assess it as of each day, latest day first, so that no
    run sees an earlier stored status (hysteresis): each is what a fresh database gives."""
    runs = {DEMO_RUN: verdicts(load_demo(session, actuals_csv=BUNDLED_ACTUALS,
                                         now=DEMO_NOW).assessment)}
    for day in AS_OF_DAYS:
        runs[day] = verdicts(run_assessment(session, as_of=beijing_end_of_day(day)))
    return runs


def read_golden() -> dict[str, dict[str, dict[str, Any]]]:
    return json.loads(GOLDEN_PATH.read_text(encoding="utf-8"))["runs"]


def differences(found: dict[str, dict[str, Any]], pinned: dict[str, dict[str, Any]]) -> list[str]:
    """What differs between one run's verdicts and the pinned ones, one line per target."""
    lines = [f"{key}: missing" for key in sorted(set(pinned) - set(found))]
    lines += [f"{key}: not pinned" for key in sorted(set(found) - set(pinned))]
    for key in sorted(set(found) & set(pinned)):
        got, want = found[key], pinned[key]
        same = (got["status"], got["reason_key"]) == (want["status"], want["reason_key"])
        p, q = got["probability"], want["probability"]
        close = (p is None) == (q is None) and (
            p is None or abs(p - q) <= PROBABILITY_TOLERANCE + 1e-9)
        if not (same and close):
            lines.append(f"{key}: got {got}, pinned {want}")
    return lines


def golden_text(runs: dict[str, dict[str, dict[str, Any]]]) -> str:
    document = {
        "about": "Seed targets' status, reason key and probability of meeting the target, on "
                 "the demo loaded at demo_now and assessed as of each day (Beijing end of "
                 "day). Written by `PYTHONPATH=$PWD .venv/bin/python -m "
                 "tests.golden.regenerate`, never by a test; see tests/golden/"
                 "seed_assessments.py for the probability tolerance.",
        "demo_now": DEMO_NOW.isoformat(),
        "probability_tolerance": PROBABILITY_TOLERANCE,
        "runs": runs,
    }
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=False) + "\n"

"""Rewrite tests/golden/seed_assessments.json from the code as it stands.

    PYTHONPATH=$PWD .venv/bin/python -m tests.golden.regenerate

Run it only when a change of verdicts is intended, and review the diff before committing.
It works in a throw-away SQLite database; the test checks both SQLite and PostgreSQL.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from service.db import make_engine, session_factory
from service.migrate import upgrade
from tests.golden.seed_assessments import GOLDEN_PATH, assess_the_demo, golden_text


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{Path(folder) / 'golden.db'}")
        upgrade(engine)
        with session_factory(engine)() as session:
            runs = assess_the_demo(session)
            session.rollback()
        engine.dispose()
    GOLDEN_PATH.write_text(golden_text(runs), encoding="utf-8")
    counts = {day: len(verdicts) for day, verdicts in runs.items()}
    print(f"wrote {GOLDEN_PATH} ({counts})")


if __name__ == "__main__":
    main()

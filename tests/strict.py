"""What the suite needs from outside the repository, and what happens when it is missing.

Four things live outside the package: a PostgreSQL server (the PostgreSQL half of every
database test), the shared source documents in ../shared/seeds (compared with the packaged
copies), the optional `distributed` extra (the Dask tests) and Debian's Chromium driven by
Playwright's Python API (the browser tests; `make test` installs the `chromium` package).
A plain `pytest` skips what it cannot reach and says why (-ra prints each reason). Under
TARGETWATCH_TEST_STRICT=1, which `make test` exports, or under CI=true, a missing one is a
failure with the reason instead: a full run must never pass quietly with a half of it
skipped. TARGETWATCH_TEST_POSTGRES_URL, TARGETWATCH_TEST_SHARED_SEEDS and
TARGETWATCH_TEST_CHROMIUM point elsewhere (e.g. to see the failure).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_SEEDS = Path(os.environ.get("TARGETWATCH_TEST_SHARED_SEEDS",
                                   Path(__file__).resolve().parents[2] / "shared" / "seeds"))
# The system browser, never one Playwright downloads.
CHROMIUM = Path(os.environ.get("TARGETWATCH_TEST_CHROMIUM", "/usr/bin/chromium"))


def strict() -> bool:
    """Whether a missing requirement fails the run instead of skipping."""
    return (os.environ.get("TARGETWATCH_TEST_STRICT", "") == "1"
            or os.environ.get("CI", "").lower() == "true")


def skip_or_fail(reason: str) -> None:
    """Skip the current test with `reason`, or fail it loudly under strict mode."""
    if strict():
        pytest.fail(f"{reason} [TARGETWATCH_TEST_STRICT=1 or CI=true: this is required; "
                    f"unset both to skip instead]", pytrace=False)
    pytest.skip(reason)

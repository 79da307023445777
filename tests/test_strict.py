"""Strict mode: what the suite needs from outside fails the run loudly instead of skipping."""

from __future__ import annotations

import pytest

from tests.strict import skip_or_fail


@pytest.mark.parametrize(("environment", "fails"), [
    ({}, False),
    ({"TARGETWATCH_TEST_STRICT": "1"}, True),
    ({"CI": "true"}, True),
    ({"TARGETWATCH_TEST_STRICT": "0", "CI": "false"}, False),
])
def test_a_missing_requirement_skips_unless_strict(monkeypatch: pytest.MonkeyPatch,
                                                   environment: dict[str, str],
                                                   fails: bool) -> None:
    for name in ("TARGETWATCH_TEST_STRICT", "CI"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    outcome = pytest.fail.Exception if fails else pytest.skip.Exception
    with pytest.raises(outcome, match="PostgreSQL not reachable") as raised:
        skip_or_fail("PostgreSQL not reachable at somewhere")
    assert ("TARGETWATCH_TEST_STRICT=1 or CI=true" in str(raised.value)) is fails

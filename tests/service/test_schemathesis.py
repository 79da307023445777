"""Schemathesis against the app's own OpenAPI schema: no generated request, valid or not,
gets a server error, and every refusal is a problem document (application/problem+json).

In process over ASGI (no network), on SQLite and PostgreSQL, on a database holding the
seed catalogue, as an administrator (every route reachable). Few examples per operation
and derandomized: a reproducible run of well under a minute per database.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from sqlalchemy.orm import Session, sessionmaker

from indicators.catalogue import loader as catalogue
from service.api.problems import PROBLEM_JSON
from service.app import create_app
from service.settings import Settings
from service.users import Role, add_user
from tests.seed import seed_catalogues

EXAMPLES_PER_OPERATION = 8
# Answers that are documents of their own rather than problems: a refused upload's 422 is
# its report.
NOT_PROBLEMS = {("POST", "/api/uploads", 422)}
SEED_KEY = "002-urbanization-rate-annual-rise-2013-2015"  # approved, read by assessments


@pytest.fixture
def admin_headers(session_factory: sessionmaker[Session]) -> dict[str, str]:
    """The seed catalogue and an administrator's token header."""
    with session_factory() as session, session.begin():
        for loaded in seed_catalogues():
            catalogue.load_catalogue(session, loaded)
        _, token = add_user(session, name="fuzz-admin", role=Role.ADMIN, regions=[])
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api_schema(session_factory: sessionmaker[Session], admin_headers: dict[str, str]) -> Any:
    app = create_app(settings=Settings(language="zh"), factory=session_factory)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def _strategies(operation: Any) -> list[Any]:
    """Requests that fit the schema, requests that do not, and for a route of one target
    requests on a real, approved one (an edit that passes the schema reaches the checks,
    the store and the re-assessment)."""
    found = [operation.as_strategy(GenerationMode.POSITIVE),
             operation.as_strategy(GenerationMode.NEGATIVE)]
    if "{key}" in operation.path:
        found.append(operation.as_strategy(GenerationMode.POSITIVE,
                                           path_parameters={"key": SEED_KEY}))
    return found


def _fuzz(strategy: Any, headers: dict[str, str]) -> None:
    """Run one strategy's cases; raise on the first failure (Hypothesis shrinks it to the
    smallest request that fails)."""
    @given(case=strategy)
    @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None,
              suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any) -> None:
        response = case.call(headers=dict(headers))  # it adds its own to the dict
        case.validate_response(response, checks=[not_a_server_error])
        if response.status_code >= 400 and (case.method.upper(), case.path,
                                            response.status_code) not in NOT_PROBLEMS:
            assert response.headers["content-type"][0].startswith(PROBLEM_JSON), \
                (case.method, case.path, response.status_code, response.text[:200])

    check()


def test_no_request_gets_a_server_error(api_schema: Any, admin_headers: dict[str, str]) -> None:
    """Every operation of the schema; the failures of all operations are reported together."""
    failures = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        for strategy in _strategies(operation):
            try:
                _fuzz(strategy, admin_headers)
            except Unsatisfiable:  # nothing to make invalid (e.g. no parameters at all)
                continue
            except Exception as error:  # collect: one broken route must not hide another
                failures.append(f"{operation.method.upper()} {operation.path}: {error!r}")
    assert not failures, "\n\n".join(failures)

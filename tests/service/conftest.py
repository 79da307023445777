"""Shared fixtures of the service tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from indicators import catalogue
from service.api.app import create_app
from service.settings import Settings


@pytest.fixture
def page_size_max() -> int:
    """The API's largest page; a test module may override it."""
    return 500


@pytest.fixture
def client(session_factory: sessionmaker[Session], page_size_max: int) -> Iterator[TestClient]:
    """An API client over a database holding the seed catalogue."""
    with session_factory() as session, session.begin():
        for loaded in catalogue.read_catalogues(catalogue.seed_files()):
            catalogue.load_catalogue(session, loaded)
    app = create_app(settings=Settings(page_size_max=page_size_max), factory=session_factory)
    with TestClient(app) as test_client:
        yield test_client

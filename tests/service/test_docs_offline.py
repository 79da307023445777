"""/docs and /redoc work without internet: every asset they load is served by the app."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import Settings

# What each page's own script must define once loaded.
PAGES = {"/docs": ("SwaggerUIBundle", "swagger-ui"), "/redoc": ("Redoc", "redoc")}
_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url:\s*'([^']+)'""")


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    """The app; these pages never touch the database, so an unmigrated SQLite file does."""
    with TestClient(create_app(settings=Settings(
            database_url="sqlite:///:memory:", language="zh"))) as client:
        yield client


def _references(html: str) -> list[str]:
    return [a or b for a, b in _REFERENCE.findall(html)]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_the_page_loads_only_local_assets_and_each_is_served(client: TestClient,
                                                             page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200 and "text/html" in response.headers["content-type"]
    html = response.text
    assert "://" not in html  # no CDN, no Google Fonts
    references = _references(html)
    scripts = [r for r in references if r.endswith(".js")]
    assert scripts and all(r.startswith("/") and not r.startswith("//") for r in references)
    symbol, _ = PAGES[page]
    for reference in references:
        asset = client.get(reference)
        assert asset.status_code == 200, reference
        assert len(asset.content) > 1000, reference
    assert any(symbol in client.get(s).text for s in scripts)


def test_the_openapi_document_is_served_and_lists_no_doc_pages(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/targets" in paths and "/docs" not in paths and "/redoc" not in paths

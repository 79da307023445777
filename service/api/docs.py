"""The interactive API reference, /docs (Swagger UI) and /redoc (ReDoc), served offline.

FastAPI's own pages load their JavaScript and CSS from a CDN and Google Fonts, so on a
bureau's network without internet they stay blank. Here the assets come from an installed
package, `fastapi-offline`, which ships Swagger UI's bundle and CSS and ReDoc's standalone
build (only its static files are used, not its app class), mounted under /static/docs.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_URL = "/static/docs"


def assets_folder() -> Path:
    """The folder of the installed package's static files."""
    return Path(fastapi_offline.__file__).parent / "static"


def install(app: FastAPI) -> None:
    """Serve the assets and the two pages. The app must be built with `docs_url=None,
    redoc_url=None` so that FastAPI's CDN pages are not registered first."""
    app.mount(ASSETS_URL, StaticFiles(directory=assets_folder()), name="docs-assets")
    title = f"{app.title} API"
    favicon = f"{ASSETS_URL}/favicon.png"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=title,
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css", swagger_favicon_url=favicon)

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return get_redoc_html(
            openapi_url=app.openapi_url or "/openapi.json", title=title,
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js", redoc_favicon_url=favicon,
            with_google_fonts=False)

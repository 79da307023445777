"""The FastAPI application, where the API (every call signed in) and the pages are put
together over the configured database."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from service import web
from service.api import docs, problems
from service.api.deps import SIGNED_IN, SessionDep
from service.api.request_guard import RefuseControlCharacters
from service.api.routes import (
    alerts,
    assessments,
    catalogue,
    forecasts,
    observations,
    target_writes,
    targets,
    uploads,
)
from service.db import make_engine, session_factory
from service.settings import Settings, get_settings
from service.web.page_cache import VersionedCache


def create_app(*, settings: Settings | None = None,
               factory: sessionmaker[Session] | None = None) -> FastAPI:
    """Build the app; tests pass a session factory bound to their own database."""
    settings = settings or get_settings()
    app = FastAPI(title="targetwatch", version="0.1.0",
                  description="指标目标监测与预测 / Indicator target monitoring and forecasting",
                  docs_url=None, redoc_url=None)  # served offline by service.api.docs
    problems.install(app)
    app.add_middleware(RefuseControlCharacters)
    docs.install(app)
    app.state.settings = settings
    app.state.session_factory = factory or session_factory(make_engine(settings.database_url))
    app.state.page_cache = VersionedCache()  # the pages' data, per app (so per worker)
    for router in (targets.router, target_writes.router, observations.router,
                   assessments.router, forecasts.router, catalogue.router, uploads.router,
                   alerts.router):
        app.include_router(router, dependencies=SIGNED_IN)
    web.install(app)

    @app.get("/healthz", tags=["health"])
    def healthz(session: SessionDep) -> dict[str, str]:
        session.execute(text("SELECT 1"))
        return {"status": "ok", "database": "ok"}

    return app

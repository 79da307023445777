"""The FastAPI application: read-only API and pages over the configured database."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker

from service.api import docs, problems
from service.api.deps import SessionDep
from service.api.request_guard import RefuseControlCharacters
from service.api.routes import (
    assessments,
    catalogue,
    forecasts,
    observations,
    pages,
    target_writes,
    targets,
    uploads,
)
from service.db import make_engine, session_factory
from service.settings import Settings, get_settings


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
    app.include_router(targets.router)
    app.include_router(target_writes.router)
    app.include_router(observations.router)
    app.include_router(assessments.router)
    app.include_router(forecasts.router)
    app.include_router(catalogue.router)
    app.include_router(uploads.router)
    app.include_router(pages.router)

    @app.get("/healthz", tags=["health"])
    def healthz(session: SessionDep) -> dict[str, str]:
        session.execute(text("SELECT 1"))
        return {"status": "ok", "database": "ok"}

    return app

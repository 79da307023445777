"""Typed request dependencies: the session (the request owns its transaction)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from indicators.text.messages import Language


def get_session(request: Request) -> Iterator[Session]:
    """Yield a session for one request; commit on success, roll back on error."""
    factory = request.app.state.session_factory
    with factory() as session, session.begin():
        yield session


def get_language(lang: Annotated[Language | None, Query(description="zh or en")] = None,
                 *, request: Request) -> Language:
    return lang or Language(request.app.state.settings.language)


SessionDep = Annotated[Session, Depends(get_session)]
LanguageDep = Annotated[Language, Depends(get_language)]

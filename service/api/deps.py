"""Typed request dependencies: the session (the request owns its transaction)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from indicators.text.messages import Language
from service.db import read_transaction, transaction

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_session(request: Request) -> Iterator[Session]:
    """Yield a session for one request. A GET (or HEAD, OPTIONS) only reads: its session
    takes no write lock on SQLite and commits nothing, so reads never queue behind an
    upload. Any other request commits on success and rolls back on error."""
    factory = request.app.state.session_factory
    opened = read_transaction if request.method in READ_METHODS else transaction
    with opened(factory) as session:
        yield session


def get_language(lang: Annotated[Language | None, Query(description="zh or en")] = None,
                 *, request: Request) -> Language:
    return lang or Language(request.app.state.settings.language)


SessionDep = Annotated[Session, Depends(get_session)]
LanguageDep = Annotated[Language, Depends(get_language)]

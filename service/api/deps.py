"""Typed request dependencies: the session (the request owns its transaction), the
language, and who is asking (an API token) and whether they may write.

Every writing endpoint takes `WriterDep` (a reader is refused 403) and then checks each
region and indicator it writes against `WriterDep.permission()` (an uploader outside theirs
is refused); tests/service/test_users_permissions.py holds one test per writing route."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Query, Request
from sqlalchemy.orm import Session

from indicators.clock import utc_now
from indicators.text.messages import Language, bilingual
from service.db import read_transaction, transaction
from service.sessions import SESSION_COOKIE, session_for_token
from service.users import Role, User, user_for_token

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


# scope="function": commit before the answer is sent, not after (FastAPI's default), so a
# client that follows a redirect at once finds what the request wrote, and a failed commit
# is never answered as a success (tests/web/test_commit_before_answer.py).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]
LanguageDep = Annotated[Language, Depends(get_language)]


def current_user(request: Request, session: SessionDep,
                 authorization: Annotated[str | None, Header()] = None) -> User:
    """Return the active user behind a `Bearer` API token, or for a read behind the page
    session's cookie (a browser that has signed in may read the API it links to); 401
    otherwise. Writes take a token only: a cookie rides along with any request a page of
    another site makes, a token does not. A write records the token's use; a read does not
    (a GET takes no write lock)."""
    scheme, _, token = (authorization or "").partition(" ")
    reading = request.method in READ_METHODS
    user = user_for_token(session, token=token.strip(), now=utc_now(), record_use=not reading) \
        if scheme.lower() == "bearer" and token.strip() else None
    if user is None and reading and not authorization:
        signed_in = session_for_token(session, token=request.cookies.get(SESSION_COOKIE, ""),
                                      now=utc_now())
        user = signed_in.user if signed_in is not None else None
    if user is None:
        raise HTTPException(status_code=401, detail=bilingual("api.unauthorized"),
                            headers={"WWW-Authenticate": "Bearer"})
    return user


def current_writer(user: Annotated[User, Depends(current_user)]) -> User:
    """Return a user who may write something: an administrator or an uploader (403 for a
    reader); what exactly they may write is `user.permission()`."""
    if user.role is Role.READER:
        raise HTTPException(status_code=403, detail=bilingual("api.read_only"))
    return user


def require_scope(user: User, *, region: str, indicator: str) -> None:
    """Refuse (403) a write for a region or indicator outside the user's."""
    if not user.permission().allows(region=region, indicator=indicator):
        raise HTTPException(status_code=403, detail=bilingual("api.forbidden"))


UserDep = Annotated[User, Depends(current_user)]
# Every API router is included with this: nothing is read without a token or a session.
SIGNED_IN = [Depends(current_user)]
WriterDep = Annotated[User, Depends(current_writer)]

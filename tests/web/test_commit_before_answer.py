"""A write is committed before its answer leaves the server.

FastAPI runs a `yield` dependency's exit after the response is sent unless it is declared
with scope="function". The request's database session committed there, so the 303 of a
sign-in reached the browser before its session row did: Chromium, following the redirect
at once, was sent back to /login about one time in eight (measured on the demo). And a
write whose commit then failed had already answered success. The test watches the
database at the moment the answer starts, through a connection of its own."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from service.app import create_app
from service.db import make_engine, read_transaction, session_factory
from service.migrate import upgrade
from service.settings import Settings
from service.tables import WebSession
from service.users import Role, add_user
from tests.web.conftest import PASSWORD, page_csrf


def _sessions_when_answering(app: Any, factory: sessionmaker[Session],
                             seen: list[int]) -> Any:
    """`app`, noting how many sign-in sessions the database holds as each answer starts."""
    async def watched(scope: Any, receive: Any, send: Any) -> None:
        async def noting(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and scope["path"] == "/login" \
                    and scope["method"] == "POST":
                with read_transaction(factory) as session:  # no write lock to wait for
                    seen.append(session.scalar(select(func.count()).select_from(WebSession))
                                or 0)
            await send(message)
        await app(scope, receive, noting)
    return watched


def test_the_session_row_is_committed_before_the_redirect(database_url: str) -> None:
    """On a database of its own: the shared test connection would see uncommitted rows."""
    engine = make_engine(database_url)
    upgrade(engine)
    factory = session_factory(engine)
    with factory() as session, session.begin():
        add_user(session, name="leader", role=Role.READER, regions=[], password=PASSWORD,
                 actor="test")
    app = create_app(settings=Settings(database_url=database_url, language="zh"),
                     factory=factory)
    seen: list[int] = []
    watched = _sessions_when_answering(app, factory, seen)
    with TestClient(watched, headers={"Accept": "text/html"}) as client:
        form = client.get("/login")
        answer = client.post("/login", data={
            "name": "leader", "password": PASSWORD, "next": "/",
            "csrf_token": page_csrf(form.text)}, follow_redirects=False)
        assert answer.status_code == 303
        assert client.get("/", follow_redirects=False).status_code == 200
    engine.dispose()
    assert seen == [1]

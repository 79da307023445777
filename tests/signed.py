"""A reader's token for tests that read the API: nothing is read without one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from service.users import Role, User, add_user, issue_token


def reader_headers(factory: sessionmaker[Session], name: str = "test-reader") -> dict[str, str]:
    """The Authorization header of a reader (created on first use)."""
    with factory() as session, session.begin():
        user = session.scalar(select(User).where(User.name == name))
        token = issue_token(session, user=user, actor="test") if user is not None else \
            add_user(session, name=name, role=Role.READER, regions=[], actor="test")[1]
    return {"Authorization": f"Bearer {token}"}

"""The demo's users, one per role, so that a newcomer can sign in at once. Their passwords
are public (the README gives them): a demo database is for looking at, never for real data."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.tables import Role, User
from service.users import add_user

DEMO_PASSWORD = "targetwatch-demo"
# name → role, regions it may write (吕梁市 and 淄博市 for the uploader)
DEMO_USERS: dict[str, tuple[Role, list[str]]] = {
    "admin": (Role.ADMIN, []),
    "uploader": (Role.UPLOADER, ["141100", "370300"]),
    "leader": (Role.READER, []),
}


def add_demo_users(session: Session) -> list[str]:
    """Create the demo users that do not exist yet; return the names created (a user
    already there keeps its password)."""
    existing = set(session.scalars(select(User.name).where(User.name.in_(DEMO_USERS))))
    created = []
    for name, (role, regions) in DEMO_USERS.items():
        if name not in existing:
            add_user(session, name=name, role=role, regions=regions, password=DEMO_PASSWORD,
                     actor="system:demo")
            created.append(name)
    return created

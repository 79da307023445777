"""Users: argon2 passwords (rehashed when the parameters change), login rate limiting,
revocation, the audit trail of user changes, and the `user` commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from service.audit import AuditAction, entries
from service.db import make_engine
from service.passwords import (
    MAX_FAILED_LOGINS,
    MIN_LENGTH,
    LoginOutcome,
    WeakPassword,
    check_password,
    check_strength,
)
from service.text_table import display_width
from service.users import Role, UnknownRole, add_user, parse_role, revoke_user, user_for_token

NOW = datetime(2026, 12, 1, 8, tzinfo=UTC)
PASSWORD = "淄博-统计局-2026"
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
DEAR = PasswordHasher(time_cost=2, memory_cost=2048, parallelism=1)


@given(st.text(max_size=MIN_LENGTH - 1))
def test_a_short_password_is_refused(password: str) -> None:
    with pytest.raises(WeakPassword):
        check_strength(password)


@given(st.text(min_size=MIN_LENGTH, max_size=64))
def test_a_long_enough_password_is_taken(password: str) -> None:
    check_strength(password)


def test_roles_are_read_by_the_names_people_use() -> None:
    assert {parse_role(n) for n in ("administrator", "管理员", "Admin")} == {Role.ADMIN}
    assert {parse_role(n) for n in ("leader", "viewer", "领导", "reader")} == {Role.READER}
    with pytest.raises(UnknownRole):
        parse_role("superuser")


def test_a_password_is_stored_hashed_and_checked(session: Session) -> None:
    user, _ = add_user(session, name="zibo", role=Role.UPLOADER, regions=["370300"],
                       password=PASSWORD, actor="admin")
    assert user.password_hash is not None and PASSWORD not in user.password_hash
    assert user.password_hash.startswith("$argon2id$")
    assert check_password(session, name="zibo", password=PASSWORD,
                          now=NOW).outcome is LoginOutcome.OK
    assert check_password(session, name="zibo", password=PASSWORD + "x",
                          now=NOW).outcome is LoginOutcome.WRONG
    assert check_password(session, name="nobody", password=PASSWORD,
                          now=NOW).outcome is LoginOutcome.WRONG


def test_a_hash_under_old_parameters_is_replaced_at_the_next_login(session: Session) -> None:
    user, _ = add_user(session, name="old", role=Role.READER, regions=[], actor="admin")
    user.password_hash = CHEAP.hash(PASSWORD)
    old = user.password_hash
    assert check_password(session, name="old", password=PASSWORD, now=NOW,
                          hasher=DEAR).outcome is LoginOutcome.OK
    assert user.password_hash != old and not DEAR.check_needs_rehash(user.password_hash)
    assert check_password(session, name="old", password=PASSWORD, now=NOW,
                          hasher=DEAR).outcome is LoginOutcome.OK


def test_failed_logins_lock_the_password_for_a_while(session: Session) -> None:
    """After MAX_FAILED_LOGINS wrong passwords even the right one is refused until the lock
    ends; a further failure doubles it; the right password afterwards resets the count."""
    user, _ = add_user(session, name="guessed", role=Role.UPLOADER, regions=[],
                       actor="admin")
    user.password_hash = CHEAP.hash(PASSWORD)

    def login(password: str, at: datetime) -> LoginOutcome:
        return check_password(session, name="guessed", password=password, now=at,
                              hasher=CHEAP).outcome

    for _ in range(MAX_FAILED_LOGINS):
        assert login("wrong-password", NOW) is LoginOutcome.WRONG
    assert login(PASSWORD, NOW + timedelta(seconds=29)) is LoginOutcome.LOCKED
    assert login("wrong-password", NOW + timedelta(seconds=31)) is LoginOutcome.WRONG
    assert user.locked_until == NOW + timedelta(seconds=31 + 60)
    assert login(PASSWORD, NOW + timedelta(seconds=90)) is LoginOutcome.LOCKED
    assert login(PASSWORD, NOW + timedelta(seconds=92)) is LoginOutcome.OK
    assert (user.failed_logins, user.locked_until) == (0, None)


def test_revoking_a_user_ends_every_token_and_is_audited(session: Session) -> None:
    user, first = add_user(session, name="leaving", role=Role.UPLOADER, regions=["370300"],
                           password=PASSWORD, actor="admin")
    assert user_for_token(session, token=first, now=NOW) is user
    assert revoke_user(session, user=user, now=NOW, actor="admin") == 1
    assert user_for_token(session, token=first, now=NOW) is None
    assert check_password(session, name="leaving", password=PASSWORD,
                          now=NOW).outcome is LoginOutcome.DISABLED
    trail = [(e.actor, e.action, e.object_key) for e in entries(session)
             if e.object_key == "leaving"]
    assert trail == [("admin", "user.add", "leaving"), ("admin", "user.token", "leaving"),
                     ("admin", "user.revoke", "leaving")]
    (revoked,) = entries(session, action=AuditAction.USER_REVOKE)
    assert revoked.at == NOW and revoked.details == {"tokens_revoked": [user.tokens[0].id],
                                                    "sessions_ended": 0}


def test_the_user_commands(run, database_url: str,  # type: ignore[no-untyped-def]
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """add (password from stdin, never an argument), token, list (a table within 100
    columns, or JSON), revoke; every change in the audit trail with the CLI's actor."""
    from typer.testing import CliRunner

    from service.cli import app as cli
    assert run("catalog", "load").exit_code == 0
    runner = CliRunner()
    added = runner.invoke(cli, ["user", "add", "淄博市统计局数据科", "--role", "uploader",
                                "--regions", "370300,141100", "--indicators", "gdp",
                                "--password-stdin"], input=PASSWORD + "\n")
    assert added.exit_code == 0, added.output
    weak = runner.invoke(cli, ["user", "add", "weak", "--password-stdin"], input="short\n")
    assert weak.exit_code == 2 and "10" in weak.output
    assert run("user", "add", "leader", "--role", "leader").exit_code == 0
    assert run("user", "add", "x", "--role", "boss").exit_code == 2
    token = run("user", "token", "leader")
    assert token.exit_code == 0 and token.stdout.strip().splitlines()[-1].startswith("tw_")
    assert run("user", "revoke", "leader").exit_code == 0
    assert run("user", "token", "leader").exit_code == 1
    assert run("user", "revoke", "nobody").exit_code == 1
    monkeypatch.setenv("COLUMNS", "200")
    table = run("user", "list").stdout
    assert max(display_width(line) for line in table.splitlines()) <= 100
    assert "淄博市统计局数据科" in table and "141100, 370300" in table and "0/2" in table
    records = {r["name"]: r for r in json.loads(run("user", "list", "--json").stdout)}
    assert records["淄博市统计局数据科"]["password"] is True
    assert records["淄博市统计局数据科"]["indicators"] == ["gdp"]
    assert (records["leader"]["role"], records["leader"]["tokens_live"]) == ("reader", 0)
    assert records["leader"]["disabled_at"] is not None
    engine = make_engine(database_url)
    with Session(engine) as session:
        trail = [(e.actor.startswith("cli:"), e.action, e.object_key) for e in entries(session)]
    engine.dispose()
    assert {a for _, a, _ in trail} == {"catalogue.load", "user.add", "user.token",
                                        "user.revoke"}
    assert all(by_cli for by_cli, _, _ in trail)
    assert [a for _, a, key in trail if key == "leader"] == [
        "user.add", "user.token", "user.token", "user.revoke"]

"""users sign in with a password and can be disabled; an audit trail of every write

- `users.password_hash` (argon2, nullable: a token-only user has none),
  `users.disabled_at` (`user revoke`), `users.failed_logins` and `users.locked_until`
  (login rate limiting).
- `audit_log`: who, when (UTC), what, which object and the details (JSON) of every write.

SQLite cannot add a NOT NULL column without a default: `failed_logins` gets a server
default of 0 for the existing rows.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 17:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user_columns() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("password_hash", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("disabled_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("failed_logins", sa.Integer(), nullable=False,
                                      server_default=sa.text("0")))
        batch_op.add_column(sa.Column("locked_until", sa.DateTime(timezone=True),
                                      nullable=True))


def _audit_log() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=160), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("object_type", sa.String(length=32), nullable=False),
        sa.Column("object_key", sa.String(length=255), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_log")),
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        for column in ("at", "actor", "action"):
            batch_op.create_index(batch_op.f(f"ix_audit_log_{column}"), [column], unique=False)


def upgrade() -> None:
    _user_columns()
    _audit_log()


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        for column in ("action", "actor", "at"):
            batch_op.drop_index(batch_op.f(f"ix_audit_log_{column}"))
    op.drop_table("audit_log")
    with op.batch_alter_table("users", schema=None) as batch_op:
        for column in ("locked_until", "failed_logins", "disabled_at", "password_hash"):
            batch_op.drop_column(column)

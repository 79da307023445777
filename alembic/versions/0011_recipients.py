"""recipients of alerts and digests, and their subscriptions

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 14:28:01.483388
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def upgrade() -> None:
    op.create_table(
        "recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("robot", _enum("robot_kind", "dingtalk", "wecom"), nullable=True),
        sa.Column("robot_name", sa.String(length=120), nullable=True),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recipients")),
        sa.UniqueConstraint("name", name=op.f("uq_recipients_name")),
    )
    op.create_table(
        "subscriptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=False),
        sa.Column("kind", _enum("subscription_kind", "digest", "immediate", "data"),
                  nullable=False),
        sa.Column("lead_department", sa.String(length=200), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=True),
        sa.Column("indicator_code", sa.String(length=80), nullable=True),
        sa.Column("document_code", sa.String(length=40), nullable=True),
        sa.Column("min_severity", _enum("subscription_severity", "info", "warning", "severe"),
                  nullable=True),
        sa.Column("audience", _enum("subscription_audience", "leaders", "departments",
                                    "statistics"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["recipient_id"], ["recipients.id"],
                                name=op.f("fk_subscriptions_recipient_id_recipients")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subscriptions")),
    )
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subscriptions_recipient_id"), ["recipient_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("subscriptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscriptions_recipient_id"))
    op.drop_table("subscriptions")
    op.drop_table("recipients")

"""strict comparators: targets may compare with gt (>) and lt (<)

The comparator column is a non-native enum whose CHECK constraint lists the allowed
values, so the new values need the constraint replaced. SQLite cannot alter a constraint:
batch mode copies the table; PostgreSQL drops and adds it in place.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 09:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONSTRAINT = "ck_targets_comparator"
BEFORE = ("gte", "lte", "approx", "eq", "between")
AFTER = ("gte", "gt", "lte", "lt", "approx", "eq", "between")


def _allow(values: Sequence[str]) -> None:
    allowed = ", ".join(f"'{value}'" for value in values)
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f(CONSTRAINT), type_="check")
        batch_op.create_check_constraint(batch_op.f(CONSTRAINT), f"comparator IN ({allowed})")


def upgrade() -> None:
    _allow(AFTER)


def downgrade() -> None:
    # Refuses (the new constraint fails) while any target still compares with gt or lt.
    _allow(BEFORE)

"""as-of that is reproducible: when breaks and target terms became known; retrospective runs

- `series_breaks.known_from`: when a break became known (as-of reads ignore later ones);
  existing breaks were known from when they were recorded. A corrected break is a new row,
  so the unique key becomes (series, period, known_from).
- `target_versions`: every state of a target's terms with the time it became known;
  each existing target gets its current terms as a first version, known from its creation.
- `assessment_runs.retrospective`, `forecast_runs.retrospective`: a run as of a past date
  is kept but never read as the current one. Existing runs count as current.

SQLite cannot alter a column or a constraint: batch mode copies the tables; PostgreSQL
alters them in place.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 13:30:00.000000
"""

import json
from collections.abc import Sequence
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in indicators.tables.target_versions.UNVERSIONED, frozen at this revision.
UNVERSIONED = {"id", "key", "created_at", "updated_at", "review_state", "superseded_by_id",
               "quote", "clause", "note", "lead_department", "deadline_basis"}


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, float) and value.is_integer():
        return format(Decimal(repr(value)).normalize(), "f")
    if isinstance(value, float):
        return repr(value)
    return value


def _known_from_on_breaks() -> None:
    with op.batch_alter_table("series_breaks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("known_from", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE series_breaks SET known_from = recorded_at")
    with op.batch_alter_table("series_breaks", schema=None) as batch_op:
        batch_op.alter_column("known_from", existing_type=sa.DateTime(timezone=True),
                              nullable=False)
        batch_op.drop_constraint(batch_op.f("uq_series_breaks_series_id_period_code"),
                                 type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_series_breaks_series_id_period_code_known_from"),
            ["series_id", "period_code", "known_from"])


def _target_versions() -> None:
    versions = op.create_table(
        "target_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("known_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("terms", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["target_id"], ["targets.id"],
                                name=op.f("fk_target_versions_target_id_targets")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_versions")),
    )
    with op.batch_alter_table("target_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_versions_target_id"), ["target_id"],
                              unique=False)
    bind = op.get_bind()
    targets = sa.Table("targets", sa.MetaData(), autoload_with=bind)
    rows = [dict(row._mapping) for row in bind.execute(sa.select(targets))]
    if rows:
        op.bulk_insert(versions, [{
            "target_id": row["id"], "known_from": row["created_at"],
            "recorded_at": row["created_at"],
            "terms": json.loads(json.dumps({name: _plain(value) for name, value in row.items()
                                            if name not in UNVERSIONED}))}
            for row in rows])


def _retrospective(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.add_column(sa.Column("retrospective", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def upgrade() -> None:
    _known_from_on_breaks()
    _target_versions()
    _retrospective("assessment_runs")
    _retrospective("forecast_runs")


def downgrade() -> None:
    # Refuses (the old unique key fails) while a period has more than one version of a break.
    for table in ("forecast_runs", "assessment_runs"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("retrospective")
    with op.batch_alter_table("target_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_versions_target_id"))
    op.drop_table("target_versions")
    with op.batch_alter_table("series_breaks", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_series_breaks_series_id_period_code_known_from"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_series_breaks_series_id_period_code"),
                                          ["series_id", "period_code"])
        batch_op.drop_column("known_from")

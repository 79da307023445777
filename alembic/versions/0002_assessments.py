"""assessment runs and results

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 01:45:33.656595
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "assessment_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("targets_assessed", sa.Integer(), nullable=False),
        sa.Column("thresholds", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_runs")),
    )
    with op.batch_alter_table("assessment_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_runs_as_of"), ["as_of"], unique=False)

    op.create_table(
        "assessment_results",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "achieved",
                "on_track",
                "at_risk",
                "off_track",
                "missed",
                "not_assessable",
                name="assessment_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason_key", sa.String(length=60), nullable=False),
        sa.Column("reason_zh", sa.Text(), nullable=False),
        sa.Column("reason_en", sa.Text(), nullable=False),
        sa.Column("final", sa.Boolean(), nullable=False),
        sa.Column("illustrative", sa.Boolean(), nullable=False),
        sa.Column("latest_preliminary", sa.Boolean(), nullable=False),
        sa.Column("latest_year", sa.Integer(), nullable=True),
        sa.Column("latest_value", sa.Float(), nullable=True),
        sa.Column("required_value", sa.Float(), nullable=True),
        sa.Column("time_share", sa.Float(), nullable=True),
        sa.Column("distance_share", sa.Float(), nullable=True),
        sa.Column("progress_ratio", sa.Float(), nullable=True),
        sa.Column("gap", sa.Float(), nullable=True),
        sa.Column("required_rate", sa.Float(), nullable=True),
        sa.Column("required_change", sa.Float(), nullable=True),
        sa.Column("escap_ratio", sa.Float(), nullable=True),
        sa.Column("baseline_stated", sa.Float(), nullable=True),
        sa.Column("baseline_observed", sa.Float(), nullable=True),
        sa.Column("probability", sa.Float(), nullable=True),
        sa.Column("in_year", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["assessment_runs.id"],
            name=op.f("fk_assessment_results_run_id_assessment_runs"),
        ),
        sa.ForeignKeyConstraint(
            ["target_id"], ["targets.id"], name=op.f("fk_assessment_results_target_id_targets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessment_results")),
        sa.UniqueConstraint(
            "run_id", "target_id", name=op.f("uq_assessment_results_run_id_target_id")
        ),
    )
    with op.batch_alter_table("assessment_results", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessment_results_run_id"), ["run_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_assessment_results_target_id"), ["target_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("assessment_results", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_results_target_id"))
        batch_op.drop_index(batch_op.f("ix_assessment_results_run_id"))

    op.drop_table("assessment_results")
    with op.batch_alter_table("assessment_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assessment_runs_as_of"))

    op.drop_table("assessment_runs")

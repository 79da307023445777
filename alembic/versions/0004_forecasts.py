"""forecast runs, per-series models and points; the forecast in assessment results

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 04:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FORECAST_COLUMNS = (
    ("forecast_year", sa.Integer()),
    ("forecast_mean", sa.Float()),
    ("forecast_lo_80", sa.Float()),
    ("forecast_hi_80", sa.Float()),
    ("forecast_lo_95", sa.Float()),
    ("forecast_hi_95", sa.Float()),
    ("forecast_model", sa.String(length=120)),
)


def upgrade() -> None:

    op.create_table(
        "forecast_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("as_of", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("series_count", sa.Integer(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("levels", sa.JSON(), nullable=False),
        sa.Column("method_version", sa.String(length=120), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forecast_runs")),
    )
    with op.batch_alter_table("forecast_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_forecast_runs_as_of"), ["as_of"], unique=False)

    op.create_table(
        "forecast_series_models",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=120), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("n_obs", sa.Integer(), nullable=False),
        sa.Column("last_period", sa.String(length=12), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["forecast_runs.id"],
            name=op.f("fk_forecast_series_models_run_id_forecast_runs"),
        ),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series.id"], name=op.f("fk_forecast_series_models_series_id_series")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forecast_series_models")),
        sa.UniqueConstraint(
            "run_id", "series_id", name=op.f("uq_forecast_series_models_run_id_series_id")
        ),
    )
    with op.batch_alter_table("forecast_series_models", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_forecast_series_models_run_id"), ["run_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_forecast_series_models_series_id"), ["series_id"], unique=False
        )

    op.create_table(
        "forecast_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("period_code", sa.String(length=12), nullable=False),
        sa.Column("mean", sa.Float(), nullable=False),
        sa.Column("lo_80", sa.Float(), nullable=False),
        sa.Column("hi_80", sa.Float(), nullable=False),
        sa.Column("lo_95", sa.Float(), nullable=False),
        sa.Column("hi_95", sa.Float(), nullable=False),
        sa.Column("quantiles", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["forecast_runs.id"], name=op.f("fk_forecast_points_run_id_forecast_runs")
        ),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series.id"], name=op.f("fk_forecast_points_series_id_series")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_forecast_points")),
        sa.UniqueConstraint(
            "run_id", "series_id", "step", name=op.f("uq_forecast_points_run_id_series_id_step")
        ),
    )
    with op.batch_alter_table("forecast_points", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_forecast_points_series_id"), ["series_id"], unique=False
        )

    with op.batch_alter_table("assessment_results", schema=None) as batch_op:
        for name, type_ in FORECAST_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("assessment_results", schema=None) as batch_op:
        for name, _ in reversed(FORECAST_COLUMNS):
            batch_op.drop_column(name)

    with op.batch_alter_table("forecast_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forecast_points_series_id"))

    op.drop_table("forecast_points")
    with op.batch_alter_table("forecast_series_models", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forecast_series_models_series_id"))
        batch_op.drop_index(batch_op.f("ix_forecast_series_models_run_id"))

    op.drop_table("forecast_series_models")
    with op.batch_alter_table("forecast_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_forecast_runs_as_of"))

    op.drop_table("forecast_runs")

"""domain model: regions, indicators, documents, targets, series, observations, uploads

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-22 01:27:54.467792
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column(
            "frequency",
            sa.Enum(
                "annual",
                "quarterly",
                "monthly",
                name="frequency",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("higher_is_better", sa.Boolean(), nullable=False),
        sa.Column(
            "value_type",
            sa.Enum(
                "level",
                "growth_rate",
                "share",
                "count",
                "index",
                name="value_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("definition", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicators")),
        sa.UniqueConstraint("code", name=op.f("uq_indicators_code")),
    )
    op.create_table(
        "regions",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=True),
        sa.Column(
            "level",
            sa.Enum(
                "national",
                "province",
                "prefecture",
                "county",
                name="region_level",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("parent_code", sa.String(length=12), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["parent_code"], ["regions.code"], name=op.f("fk_regions_parent_code_regions")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_regions")),
    )
    op.create_table(
        "uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=300), nullable=False),
        sa.Column("checksum_sha256", sa.String(length=64), nullable=False),
        sa.Column("uploader", sa.String(length=120), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "accepted",
                "rejected",
                "duplicate",
                name="upload_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_accepted", sa.Integer(), nullable=False),
        sa.Column("rows_rejected", sa.Integer(), nullable=False),
        sa.Column("error_report", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_uploads")),
    )
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_uploads_checksum_sha256"), ["checksum_sha256"], unique=False
        )

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column(
            "script",
            sa.Enum(
                "hans", "hant", name="script", native_enum=False, create_constraint=True, length=32
            ),
            nullable=False,
        ),
        sa.Column("plan_start", sa.Integer(), nullable=True),
        sa.Column("plan_end", sa.Integer(), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=True),
        sa.Column("text_sha256", sa.String(length=64), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_documents_region_code_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("code", name=op.f("uq_documents_code")),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_entities_region_code_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entities")),
        sa.UniqueConstraint("code", name=op.f("uq_entities_code")),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("subject_key", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_series_entity_id_entities")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicators.id"], name=op.f("fk_series_indicator_id_indicators")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_series_region_code_regions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
        sa.UniqueConstraint(
            "indicator_id", "subject_key", name=op.f("uq_series_indicator_id_subject_key")
        ),
    )
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_series_region_code"), ["region_code"], unique=False)

    op.create_table(
        "targets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("indicator_id", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=12), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "level_at_deadline",
                "average_annual_growth",
                "change_vs_baseline",
                "change_every_year",
                "kept_every_period",
                "cumulative_over_period",
                "coverage",
                name="target_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "comparator",
            sa.Enum(
                "gte",
                "lte",
                "approx",
                "eq",
                "between",
                name="comparator",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("value", sa.Numeric(precision=28, scale=10), nullable=False),
        sa.Column("upper_value", sa.Numeric(precision=28, scale=10), nullable=True),
        sa.Column("tolerance", sa.Numeric(precision=28, scale=10), nullable=True),
        sa.Column("unit", sa.String(length=40), nullable=False),
        sa.Column(
            "change_unit",
            sa.Enum(
                "percent",
                "percentage_point",
                "absolute",
                name="change_unit",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("baseline_year", sa.Integer(), nullable=True),
        sa.Column("baseline_value", sa.Numeric(precision=28, scale=10), nullable=True),
        sa.Column("start_year", sa.Integer(), nullable=True),
        sa.Column("deadline_year", sa.Integer(), nullable=False),
        sa.Column("deadline_inferred", sa.Boolean(), nullable=False),
        sa.Column("deadline_basis", sa.String(length=200), nullable=True),
        sa.Column(
            "nature",
            sa.Enum(
                "binding",
                "expected",
                name="nature",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("lead_department", sa.String(length=300), nullable=True),
        sa.Column("clause", sa.String(length=200), nullable=True),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column(
            "review_state",
            sa.Enum(
                "proposed",
                "approved",
                "retired",
                name="review_state",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("superseded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "comparator <> 'between' OR upper_value IS NOT NULL",
            name=op.f("ck_targets_range_upper"),
        ),
        sa.CheckConstraint(
            "start_year IS NULL OR start_year <= deadline_year",
            name=op.f("ck_targets_period_order"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_targets_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["entity_id"], ["entities.id"], name=op.f("fk_targets_entity_id_entities")
        ),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicators.id"], name=op.f("fk_targets_indicator_id_indicators")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["regions.code"], name=op.f("fk_targets_region_code_regions")
        ),
        sa.ForeignKeyConstraint(
            ["superseded_by_id"], ["targets.id"], name=op.f("fk_targets_superseded_by_id_targets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targets")),
        sa.UniqueConstraint("key", name=op.f("uq_targets_key")),
    )
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_targets_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_targets_indicator_id"), ["indicator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_targets_region_code"), ["region_code"], unique=False)

    op.create_table(
        "observations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("period_code", sa.String(length=12), nullable=False),
        sa.Column(
            "period_kind",
            sa.Enum(
                "year",
                "half",
                "quarter",
                "month",
                "ytd",
                name="period_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period_number", sa.Integer(), nullable=False),
        sa.Column("value", sa.Numeric(precision=28, scale=10), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "preliminary",
                "final",
                "revised",
                name="observation_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("vintage_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "source_kind",
            sa.Enum(
                "upload",
                "import",
                "document",
                "illustrative",
                name="source_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("upload_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_observations_document_id_documents")
        ),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series.id"], name=op.f("fk_observations_series_id_series")
        ),
        sa.ForeignKeyConstraint(
            ["upload_id"], ["uploads.id"], name=op.f("fk_observations_upload_id_uploads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observations")),
        sa.UniqueConstraint(
            "series_id",
            "period_code",
            "vintage_at",
            name=op.f("uq_observations_series_id_period_code_vintage_at"),
        ),
    )
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_observations_series_id"), ["series_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_observations_upload_id"), ["upload_id"], unique=False)

    op.create_table(
        "series_breaks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.Integer(), nullable=False),
        sa.Column("period_code", sa.String(length=12), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "definition",
                "census",
                name="break_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("linking_factor", sa.Numeric(precision=28, scale=10), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series.id"], name=op.f("fk_series_breaks_series_id_series")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series_breaks")),
        sa.UniqueConstraint(
            "series_id", "period_code", name=op.f("uq_series_breaks_series_id_period_code")
        ),
    )


def downgrade() -> None:

    op.drop_table("series_breaks")
    with op.batch_alter_table("observations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observations_upload_id"))
        batch_op.drop_index(batch_op.f("ix_observations_series_id"))

    op.drop_table("observations")
    with op.batch_alter_table("targets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_targets_region_code"))
        batch_op.drop_index(batch_op.f("ix_targets_indicator_id"))
        batch_op.drop_index(batch_op.f("ix_targets_document_id"))

    op.drop_table("targets")
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_series_region_code"))

    op.drop_table("series")
    op.drop_table("entities")
    op.drop_table("documents")
    with op.batch_alter_table("uploads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_uploads_checksum_sha256"))

    op.drop_table("uploads")
    op.drop_table("regions")
    op.drop_table("indicators")

"""initial: workouts, templates, weights, settings

Revision ID: c0ffee5e2d01
Revises:
Create Date: 2026-11-21 05:20:17.286761

The first schema. Column definitions are written out here (not imported from orm.py): a
revision is a frozen picture of the schema at its time.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c0ffee5e2d01"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: ``PRAGMA application_id`` marking the file as a Legwork plan (ASCII "LgWk").
APPLICATION_ID = 0x4C67576B
KINDS = "kind IN ('run', 'strength', 'hiit', 'rest')"


def upgrade() -> None:
    op.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "templates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("duration_min", sa.Float(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), server_default=sa.text("''"), nullable=False),
        sa.Column("builtin", sa.Boolean(), server_default="0", nullable=False),
        sa.CheckConstraint(KINDS, name=op.f("ck_templates_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_templates_name")),
    )
    op.create_table(
        "weights",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kg", sa.Float(), nullable=False),
        sa.CheckConstraint("kg > 0", name=op.f("ck_weights_kg_positive")),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_weights")),
    )
    op.create_table(
        "workouts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("duration_min", sa.Float(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("notes", sa.Text(), server_default=sa.text("''"), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="planned", nullable=False),
        sa.Column("actual_duration_min", sa.Float(), nullable=True),
        sa.Column("actual_distance_km", sa.Float(), nullable=True),
        sa.Column("actual_rpe", sa.Float(), nullable=True),
        sa.Column("heavy_legs", sa.Boolean(), server_default="0", nullable=False),
        sa.CheckConstraint(KINDS, name=op.f("ck_workouts_kind")),
        sa.CheckConstraint(
            "status IN ('planned', 'done', 'skipped')", name=op.f("ck_workouts_status")
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_workouts_position")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workouts")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("workouts") as batch_op:
        batch_op.create_index("ix_workouts_day_position", ["day", "position"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("workouts") as batch_op:
        batch_op.drop_index("ix_workouts_day_position")
    op.drop_table("workouts")
    op.drop_table("weights")
    op.drop_table("templates")
    op.drop_table("settings")
    op.execute("PRAGMA application_id = 0")

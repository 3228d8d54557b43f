"""activities: recorded activities (FIT, GPX, TCX) and their links to workouts

Revision ID: d1a2c7e0b5f3
Revises: c5055a1e0d02
Create Date: 2026-12-07 18:30:00

One row per recorded session: when it started (UTC, and the runner's local day), the sport
as the file says and the kind it maps to, times, distance, heart rate, laps (JSON text) and
the per-second track as five compact BLOB columns. ``workout_id`` links it to at most one
workout (unique; set to NULL if that workout is deleted); ``prior_*`` remember what the
workout was before the link. The unique index on ``start_utc`` keeps one session from being
stored twice and finds near duplicates by a range. Only a new table: no row of another table
changes, so the same SQL runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d1a2c7e0b5f3"
down_revision: str | None = "c5055a1e0d02"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('run', 'strength', 'hiit', 'cross', 'rest')"


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=True),
        sa.Column("start_utc", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_s", sa.Integer(), nullable=True),
        sa.Column("local_day", sa.Date(), nullable=False),
        sa.Column("sport", sa.String(length=64), nullable=False),
        sa.Column("sub_sport", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("elapsed_s", sa.Float(), nullable=False),
        sa.Column("source", sa.Text(), server_default=sa.text("''"), nullable=False),
        sa.Column("moving_s", sa.Float(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("ascent_m", sa.Float(), nullable=True),
        sa.Column("avg_hr", sa.Float(), nullable=True),
        sa.Column("max_hr", sa.Float(), nullable=True),
        sa.Column("avg_cadence", sa.Float(), nullable=True),
        sa.Column("laps", sa.Text(), server_default=sa.text("'[]'"), nullable=False),
        sa.Column("track_seconds", sa.LargeBinary(), nullable=False),
        sa.Column("track_distance", sa.LargeBinary(), nullable=False),
        sa.Column("track_heart_rate", sa.LargeBinary(), nullable=False),
        sa.Column("track_altitude", sa.LargeBinary(), nullable=False),
        sa.Column("track_speed", sa.LargeBinary(), nullable=False),
        sa.Column("prior_status", sa.String(length=16), nullable=True),
        sa.Column("prior_actual_duration_min", sa.Float(), nullable=True),
        sa.Column("prior_actual_distance_km", sa.Float(), nullable=True),
        sa.Column("prior_actual_rpe", sa.Float(), nullable=True),
        sa.Column("estimated_rpe", sa.Float(), nullable=True),
        sa.CheckConstraint(KINDS, name=op.f("ck_activities_kind")),
        sa.CheckConstraint("elapsed_s > 0", name=op.f("ck_activities_elapsed_positive")),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_activities_workout_id_workouts"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
        sa.UniqueConstraint("workout_id", name=op.f("uq_activities_workout_id")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("activities") as batch:
        batch.create_index("ix_activities_local_day", ["local_day"], unique=False)
        batch.create_index("ix_activities_start_utc", ["start_utc"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("activities") as batch:
        batch.drop_index("ix_activities_start_utc")
        batch.drop_index("ix_activities_local_day")
    op.drop_table("activities")

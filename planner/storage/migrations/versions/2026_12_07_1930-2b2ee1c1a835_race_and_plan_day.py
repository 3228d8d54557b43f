"""workouts: ``race`` (the goal of a plan) and ``plan_day`` (where a generated plan put it)

Revision ID: 2b2ee1c1a835
Revises: d1a2c7e0b5f3
Create Date: 2026-12-07 19:30:00

``race`` marks a workout as the race a plan leads to (the distance rules leave it out);
every stored workout is no race. ``plan_day`` is the day a generated training plan first put
a workout on, kept when it is moved; every stored workout was made by the runner, so it is
NULL. Two columns added with a default: no row changes and no table is copied, so the ids and
the AUTOINCREMENT counter stay, and the same SQL (``ALTER TABLE ... ADD COLUMN``, and ``DROP
COLUMN`` going down, SQLite 3.35 or newer) runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2b2ee1c1a835"
down_revision: str | None = "d1a2c7e0b5f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain string default: batch mode then adds the columns in place, even on SQLite.
    with op.batch_alter_table("workouts") as batch:
        batch.add_column(sa.Column("race", sa.Boolean(), server_default="0", nullable=False))
        batch.add_column(sa.Column("plan_day", sa.Date(), nullable=True))


def downgrade() -> None:
    # Not in batch mode: that would copy the table on SQLite (and the activities' link to
    # it); both databases drop a column without a constraint in place.
    op.drop_column("workouts", "plan_day")
    op.drop_column("workouts", "race")

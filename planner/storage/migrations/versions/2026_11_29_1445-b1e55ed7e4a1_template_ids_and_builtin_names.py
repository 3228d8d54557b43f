"""templates: ids never reused, and built-ins known by their shipped name

Revision ID: b1e55ed7e4a1
Revises: c0ffee5e2d01
Create Date: 2026-11-29 14:45:00

Two fixes to the library table:

- ``AUTOINCREMENT``: SQLite gave a deleted entry's id to the next new one, so undoing the
  deletion would have found its id taken. Workouts have had it from the start.
- ``builtin_name``: the name a built-in entry was shipped under. Missing built-ins used to be
  found by their current name, so a runner who renamed "Tempo run" got it back on the next
  start; now a renamed built-in is still known.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "b1e55ed7e4a1"
down_revision: str | None = "c0ffee5e2d01"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_COLUMNS = "id, name, kind, duration_min, distance_km, rpe, description, builtin"
KINDS = "kind IN ('run', 'strength', 'hiit', 'rest')"


def _recreate(*extra: sa.Column[str], **table_kwargs: Any) -> None:
    """Make ``templates`` again with the first revision's columns plus ``extra``, keeping rows.

    Written out rather than reflected, so the table's SQL is the same however the file got
    to this revision (up from the first one, or down from a later one).
    """
    op.execute(f"CREATE TABLE _templates_copy AS SELECT {_COLUMNS} FROM templates")
    op.drop_table("templates")
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
        *extra,
        sa.CheckConstraint(KINDS, name=op.f("ck_templates_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_templates_name")),
        **table_kwargs,
    )
    op.execute(f"INSERT INTO templates ({_COLUMNS}) SELECT {_COLUMNS} FROM _templates_copy")
    op.drop_table("_templates_copy")


def upgrade() -> None:
    _recreate(
        sa.Column("builtin_name", sa.String(length=200), nullable=True),
        sqlite_autoincrement=True,
    )
    op.execute("UPDATE templates SET builtin_name = name WHERE builtin")


def downgrade() -> None:
    _recreate()

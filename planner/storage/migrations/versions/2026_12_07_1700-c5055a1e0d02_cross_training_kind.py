"""kind: cross-training (``cross``) in workouts and templates

Revision ID: c5055a1e0d02
Revises: b1e55ed7e4a1
Create Date: 2026-12-07 17:00:00

Cycling, swimming, rowing, walking... become workouts of their own kind, ``cross``: a training
session whose distance is never run distance. The ``kind`` CHECK constraint of both tables
widens to accept it; every row stays as it was, ids and the AUTOINCREMENT counter included.
Going back down removes the cross-training built-ins (the Legwork before this one does not ship
them) and fails on the constraint if the runner's own rows hold cross-training, rather than
lose them.

SQLite cannot alter a constraint: each table is copied out, made again from the definition
written here (so its SQL is the same whichever way the file got to a revision) and filled
back. Other databases alter the constraint in place.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c5055a1e0d02"
down_revision: str | None = "b1e55ed7e4a1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The kinds before this revision, and with it (frozen here, not read from the ORM).
KINDS_BEFORE = "kind IN ('run', 'strength', 'hiit', 'rest')"
KINDS_AFTER = "kind IN ('run', 'strength', 'hiit', 'cross', 'rest')"


def _templates(kinds: str) -> tuple[sa.Column[object] | sa.Constraint, ...]:
    return (
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("duration_min", sa.Float(), nullable=True),
        sa.Column("distance_km", sa.Float(), nullable=True),
        sa.Column("rpe", sa.Float(), nullable=True),
        sa.Column("description", sa.Text(), server_default=sa.text("''"), nullable=False),
        sa.Column("builtin", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("builtin_name", sa.String(length=200), nullable=True),
        sa.CheckConstraint(kinds, name=op.f("ck_templates_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_templates_name")),
    )


def _workouts(kinds: str) -> tuple[sa.Column[object] | sa.Constraint, ...]:
    return (
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
        sa.CheckConstraint(kinds, name=op.f("ck_workouts_kind")),
        sa.CheckConstraint(
            "status IN ('planned', 'done', 'skipped')", name=op.f("ck_workouts_status")
        ),
        sa.CheckConstraint("position >= 0", name=op.f("ck_workouts_position")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workouts")),
    )


def _recreate_on_sqlite(table: str, kinds: str) -> None:
    """Make ``table`` again with ``kinds`` as its kind constraint, keeping rows and counter."""
    bind = op.get_bind()
    counter = bind.execute(
        sa.text("SELECT seq FROM sqlite_sequence WHERE name = :table"), {"table": table}
    ).scalar()
    columns = ", ".join(c["name"] for c in sa.inspect(bind).get_columns(table))
    op.execute(f"CREATE TABLE _{table}_copy AS SELECT {columns} FROM {table}")
    if table == "workouts":
        op.drop_index("ix_workouts_day_position", table_name=table)
    op.drop_table(table)
    definition = _workouts(kinds) if table == "workouts" else _templates(kinds)
    op.create_table(table, *definition, sqlite_autoincrement=True)
    if table == "workouts":
        with op.batch_alter_table("workouts") as batch:
            batch.create_index("ix_workouts_day_position", ["day", "position"], unique=False)
    op.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _{table}_copy")
    op.drop_table(f"_{table}_copy")
    if counter is not None:  # ids are never reused: the counter stays where it was
        op.execute(
            sa.text("UPDATE sqlite_sequence SET seq = :seq WHERE name = :table").bindparams(
                seq=counter, table=table
            )
        )
        op.execute(
            sa.text(
                "INSERT INTO sqlite_sequence (name, seq) SELECT :table, :seq"
                " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = :table)"
            ).bindparams(seq=counter, table=table)
        )


def _kind_check(kinds: str) -> None:
    for table in ("workouts", "templates"):
        if op.get_bind().dialect.name == "sqlite":
            _recreate_on_sqlite(table, kinds)
        else:
            op.drop_constraint(op.f(f"ck_{table}_kind"), table, type_="check")
            op.create_check_constraint(op.f(f"ck_{table}_kind"), table, kinds)


def upgrade() -> None:
    _kind_check(KINDS_AFTER)


def downgrade() -> None:
    # The cross-training built-ins ship with this Legwork, not with the one before it.
    op.execute("DELETE FROM templates WHERE builtin AND kind = 'cross'")
    _kind_check(KINDS_BEFORE)

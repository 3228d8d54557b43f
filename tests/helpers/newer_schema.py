"""A Legwork one version newer, for the upgrade tests: one more schema revision after the head.

:func:`install_newer_schema` copies the migrations, adds a revision whose upgrade runs the
given body, and points storage at the copy for the rest of the test.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from planner.storage import db as db_module
from planner.storage import sqlite_file
from planner.storage.db import MIGRATIONS_DIR, SCHEMA_HEAD

#: The revision :func:`install_newer_schema` adds.
NEXT_REVISION = "ad0be0000002"


def install_newer_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, upgrade_body: str) -> str:
    """Pretend this Legwork has one more revision after SCHEMA_HEAD; returns its id."""
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    body = textwrap.indent(textwrap.dedent(upgrade_body).strip(), "    ")
    (migrations / "versions" / f"2026_12_01_0000-{NEXT_REVISION}_add_note.py").write_text(
        textwrap.dedent(
            f'''
            """add settings.note (test only)"""
            import sqlalchemy as sa
            from alembic import op

            revision = "{NEXT_REVISION}"
            down_revision = "{SCHEMA_HEAD}"
            branch_labels = None
            depends_on = None


            def upgrade():
            {{body}}


            def downgrade():
                with op.batch_alter_table("settings") as batch:
                    batch.drop_column("note")
            '''
        ).format(body=body)
    )
    # sqlite_file holds the values every open reads; db re-exports them.
    for module in (sqlite_file, db_module):
        monkeypatch.setattr(module, "MIGRATIONS_DIR", migrations)
        monkeypatch.setattr(module, "SCHEMA_HEAD", NEXT_REVISION)
    return NEXT_REVISION


#: An upgrade body: a new settings column, filled in for every row.
ADD_NOTE = """
    with op.batch_alter_table("settings") as batch:
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    op.execute("UPDATE settings SET note = 'upgraded'")
"""

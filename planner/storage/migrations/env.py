"""Alembic environment for Legwork's SQLite plan file.

Legwork runs migrations itself (``planner.storage.db``): it passes an open connection in
``config.attributes["connection"]``, already inside the transaction the upgrade runs in, with
foreign keys switched off. Run by hand (``alembic`` with ``sqlalchemy.url`` set), this file
opens its own connection and runs everything in one transaction as well.
"""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from planner.storage.orm import Base

config = context.config
target_metadata = Base.metadata


def _configure(**options: Any) -> None:
    context.configure(
        target_metadata=target_metadata,
        # SQLite can alter almost nothing in place: batch mode copies the table instead.
        render_as_batch=True,
        compare_type=True,
        # SQLite runs DDL inside transactions: an upgrade either completes or leaves no trace.
        transactional_ddl=True,
        **options,
    )


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    _configure(
        url=config.get_main_option("sqlalchemy.url"),
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as own:
            own.exec_driver_sql("PRAGMA foreign_keys=OFF")
            _run(own)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()

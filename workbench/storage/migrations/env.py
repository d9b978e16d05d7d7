"""Alembic's entry point for the review database's migrations.

The workbench runs these itself (``workbench.storage.db.upgrade_schema``), handing over a
connection that already holds the writer's lock. For a developer writing a new revision:
``alembic -c workbench/storage/migrations/alembic.ini revision --autogenerate -m "why"`` with
``WORKBENCH_DB`` pointing at a database at head.
"""

from __future__ import annotations

import os

from alembic import context
from sqlmodel import SQLModel

import workbench.storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


def run_with(connection) -> None:
    if connection.dialect.name == "sqlite":
        # A batch ("move and copy") migration drops a table other rows point at; deferring the
        # foreign-key checks to the commit lets the renamed copy satisfy them again.
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    from workbench.storage.db import open_database

    database = open_database(os.environ.get("WORKBENCH_DB"), migrate=False)
    try:
        with database.engine.begin() as own_connection:
            run_with(own_connection)
    finally:
        database.close()


if context.is_offline_mode():
    raise SystemExit("The workbench's migrations run online only.")
run_migrations()

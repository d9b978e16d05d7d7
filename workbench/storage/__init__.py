"""The review record: tables, the database and its faults, migrations, audit chain, backups."""

from workbench.storage.db import Database, open_database

__all__ = ["Database", "open_database"]

"""Open the review database a use case works on: --db / WORKBENCH_DB, and the day's backup."""

from __future__ import annotations

import logging
import os

from workbench.errors import EnvironmentFault
from workbench.settings import load_settings
from workbench.storage.backup import daily_backup
from workbench.storage.db import Database, open_database

log = logging.getLogger(__name__)


def open_review_database(target: str | None = None, *, backup: bool = False) -> Database:
    """Open the database named by --db / WORKBENCH_DB (or the default file).

    With ``backup``, the day's first opening for writing copies the SQLite file first; a failed
    backup is logged and does not stop the review (the database itself is untouched).
    """
    database = open_database(target if target is not None else os.environ.get("WORKBENCH_DB"))
    if backup and database.path is not None and not database.read_only:
        try:
            daily_backup(database, keep=load_settings().backups_kept)
        except EnvironmentFault as fault:
            log.warning("%s", fault)
    return database

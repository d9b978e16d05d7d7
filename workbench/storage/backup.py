"""Rolling daily backups of the SQLite review database (SQLite's online backup API).

The first write of each day copies the database, as it was before that write, to
``backups/<name>-YYYY-MM-DD.sqlite`` beside it, and only the newest N copies are kept
(``backups_kept`` in settings, 7 by default; 0 turns them off). The copy is consistent even while another
process writes. It is made under a temporary name and renamed, so a crash never leaves a
half-written backup under a real backup's name.

The copy is read through the database's own open connection (the one engine this process has
on the file), never by copying the file or by a connection of its own: a plain read of the
file would drop the locks SQLite holds on it for the whole process (see ``storage.open_files``).

Restoring (the full steps are in docs/backup.md):

1. Close every workbench window and command that uses the database.
2. Move the damaged file aside (with its ``-wal`` and ``-shm`` files, if any):
   ``mv workbench.sqlite workbench.sqlite.damaged`` (and the same for ``-wal``/``-shm``).
3. Copy the backup in its place: ``cp backups/workbench-2026-11-26.sqlite workbench.sqlite``.
4. Check it: ``workbench audit verify``. The reviews made since that backup are not in it.

PostgreSQL databases are backed up by the server's own tools (``pg_dump``), not here.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from datetime import date
from pathlib import Path

from workbench.errors import EnvironmentFault
from workbench.storage.db import Database, open_database

log = logging.getLogger(__name__)


def backup_folder(database: Path) -> Path:
    return database.parent / "backups"


def backups_of(database: Path) -> list[Path]:
    """The database's backups, oldest first (the date in the name sorts them)."""
    folder = backup_folder(database)
    if not folder.is_dir():
        return []
    return sorted(folder.glob(f"{database.stem}-????-??-??.sqlite"))


def daily_backup(
    database: Database | Path, *, keep: int = 7, today: date | None = None
) -> Path | None:
    """Make today's backup unless it exists; prune to the newest ``keep``. Returns the new file.

    ``database`` is the open database (or its path: it is then opened, sharing the engine if
    this process has it open already).
    """
    if isinstance(database, Database):
        return _daily_backup(database, keep=keep, today=today)
    path = Path(database)
    if keep <= 0 or not path.exists() or path.stat().st_size == 0:
        return None
    with open_database(path) as opened:
        return _daily_backup(opened, keep=keep, today=today)


def _daily_backup(db: Database, *, keep: int, today: date | None) -> Path | None:
    database = db.path
    if keep <= 0 or database is None or not database.exists() or database.stat().st_size == 0:
        return None
    today = today or date.today()
    folder = backup_folder(database)
    target = folder / f"{database.stem}-{today.isoformat()}.sqlite"
    if target.exists():
        return None
    temporary = folder / f".{target.name}.{os.getpid()}.partial"
    try:
        folder.mkdir(exist_ok=True)
        with db.faults_as_sentences(), db.engine.connect() as connection:
            source = connection.connection.driver_connection
            copy = sqlite3.connect(temporary)
            try:
                source.backup(copy)
                # A standalone file: no -wal beside it that a restore could forget to copy.
                copy.execute("PRAGMA journal_mode = DELETE")
            finally:
                copy.close()
        os.replace(temporary, target)
    except (OSError, sqlite3.Error, EnvironmentFault) as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise EnvironmentFault(
            f"Could not back up the review database {database} to {folder} ({error}). "
            f"Nothing was changed; free some space or fix the folder's permissions."
        ) from error
    for stale in folder.glob(f".{database.stem}-*.partial"):
        # Left by a process killed while copying (an hour old: not one copying right now).
        with contextlib.suppress(OSError):
            if time.time() - stale.stat().st_mtime > 3600:
                stale.unlink()
    for old in backups_of(database)[:-keep]:
        old.unlink(missing_ok=True)
    log.info("backed up %s to %s", database, target)
    return target

"""A SQLite review database that cannot be written (a read-only mount, a file without write
permission) opened for reading only, so `articles`, `quotes`, `export` and `audit verify` work.

SQLite in WAL mode writes beside the database (its -shm index) even to read. A file that
nobody can change may be opened "immutable": no lock, no -shm. That is only right while no
-wal file holds commits not yet copied into the database; then it is opened read-only
("mode=ro"), which reads the -wal through the -shm left beside it.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote


def cannot_be_written(path: Path) -> bool:
    """True when the database file exists but neither it nor its folder can be written."""
    if not path.is_file():
        return False
    folder = path.parent
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):
        pass
    return not (os.access(path, os.W_OK) and os.access(folder, os.W_OK))


def read_only_connector(path: Path) -> Callable[[], sqlite3.Connection]:
    """The engine's ``creator``: a connection that never writes to the file or beside it."""
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    uri = f"file:{quote(str(path))}?mode=ro" + ("" if pending else "&immutable=1")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, check_same_thread=False)

    return connect

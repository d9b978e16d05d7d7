"""The SQLite review databases this process has open, by file identity: opened once, never read behind SQLite's back.

SQLite's locks on a database file are POSIX advisory locks, which belong to the process: when
any code in the process closes *any* descriptor of the file, or of its ``-wal`` / ``-shm``
companion, the kernel drops every lock the process holds on it. Another process then believes
it is alone, checkpoints and deletes the write-ahead log this one is still writing into, and
every later verdict goes into a deleted file (SQLite's "How to corrupt an SQLite database
file", section 2.2). So, per file (``st_dev``, ``st_ino``):

- one engine is shared by every ``open_database`` of it in this process (a second open reuses
  it and never re-reads the header with plain Python);
- one *anchor* connection stays open as long as the file is, so the process always holds its
  shared locks and the write-ahead log cannot legitimately disappear under it;
- ``refuse_review_file`` lets the code that reads files a user picks (articles, sources) refuse
  the open database and its companions without opening them;
- ``check_still_held`` runs before every write: the file and its log are still the ones opened,
  and (on Linux, from ``/proc/locks``) this process still holds SQLite's locks on them. If not,
  the write is refused before anything is written.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import Engine

from workbench.errors import LostDatabase, UserError

FileKey = tuple[int, int]  # (st_dev, st_ino)

COMPANIONS = ("-wal", "-shm", "-journal")
# SQLite's unix VFS: every connection holds a read lock on this byte of the -shm file for as
# long as it has the write-ahead log open (the "dead man switch", UNIX_SHM_DMS in os_unix.c),
# and a shared lock on this range of the database file (SHARED_FIRST .. + SHARED_SIZE).
SHM_DMS_BYTE = 128
DB_SHARED_FIRST = 0x40000000 + 2
PROC_LOCKS = Path("/proc/locks")


def file_key(path: str | os.PathLike[str]) -> FileKey | None:
    """The file's identity, or None when there is no such file."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_dev, status.st_ino)


@dataclass
class SharedFile:
    """One SQLite review database open in this process, however many ``Database`` use it."""

    path: Path
    key: FileKey
    engine: Engine
    anchor: sqlite3.Connection
    wal_key: FileKey | None
    # How /proc/locks names the database file and its -shm (seen held once the anchor has
    # read), or None where locks cannot be seen; the lock check compares against these.
    lock_marks: tuple[FileKey, FileKey] | None = None
    users: int = 1
    anchor_lock: threading.Lock = field(default_factory=threading.Lock)

    def companion(self, suffix: str) -> Path:
        return self.path.with_name(self.path.name + suffix)

    @contextmanager
    def anchored(self) -> Iterator[sqlite3.Connection]:
        """The anchor connection, for one thread at a time (the change feed polls through it)."""
        with self.anchor_lock:
            yield self.anchor


_lock = threading.RLock()
_open: dict[FileKey, SharedFile] = {}


def registry_lock() -> threading.RLock:
    """Held while a database is looked up, opened and registered, so two threads never race."""
    return _lock


def find(path: str | os.PathLike[str]) -> SharedFile | None:
    key = file_key(path)
    with _lock:
        return _open.get(key) if key is not None else None


def register(shared: SharedFile) -> None:
    with _lock:
        _open[shared.key] = shared


def release(shared: SharedFile) -> None:
    """One user fewer; the last one closes the engine and then the anchor (its locks go last)."""
    with _lock:
        shared.users -= 1
        if shared.users > 0:
            return
        if _open.get(shared.key) is shared:
            del _open[shared.key]
    shared.engine.dispose()
    with shared.anchored() as anchor:
        anchor.close()


def open_review_files() -> list[SharedFile]:
    with _lock:
        return list(_open.values())


def review_file_named(path_text: str, status: os.stat_result | None = None) -> Path | None:
    """The open review database this path is (or whose -wal/-shm/-journal it is), if any.

    Decided by ``stat`` alone: nothing is opened, so asking never costs the locks.
    """
    if not _open:
        return None
    if status is None:
        try:
            status = os.stat(path_text)
        except OSError:
            return None
    key = (status.st_dev, status.st_ino)
    for shared in open_review_files():
        if key == shared.key:
            return shared.path
        for suffix in COMPANIONS:
            if key == file_key(shared.companion(suffix)):
                return shared.path
    return None


def refuse_review_file(path_text: str, status: os.stat_result | None = None) -> None:
    """A user picked the open review database (or its log) as an article or a source: refuse it
    without opening it, since reading it with plain Python would drop SQLite's locks."""
    database = review_file_named(path_text, status)
    if database is None:
        return
    what = (
        "the review database the workbench has open"
        if file_key(path_text) == file_key(database)
        else f"part of the review database the workbench has open ({database.name})"
    )
    raise UserError(
        f"{path_text} is {what}, not an article or a source; it was not read. Choose the "
        f"article or source file itself."
    )


# --- the guard before every write ----------------------------------------------------------


def check_still_held(shared: SharedFile) -> None:
    """Refuse to write when the file was replaced, its log removed, or the locks were lost."""
    path = shared.path
    if file_key(path) != shared.key:
        raise LostDatabase(
            f"The review database {path} was moved, replaced or deleted while the workbench "
            f"had it open, so this change was not saved. Close the workbench and open the "
            f"database again (check it with `workbench audit verify`)."
        )
    wal = shared.companion("-wal")
    wal_now = file_key(wal)
    if shared.wal_key is None:
        shared.wal_key = wal_now  # the log appears with the first write of a new database
    elif wal_now != shared.wal_key:
        raise LostDatabase(
            f"Another program removed or replaced the write-ahead log {wal.name} of the review "
            f"database {path} while the workbench was writing into it, so this change was not "
            f"saved. Close every workbench window and command on it, open it again, and check "
            f"it with `workbench audit verify`."
        )
    missing = lost_locks(shared)
    if missing:
        raise LostDatabase(
            f"The workbench lost SQLite's lock on the review database {path} ({missing}), so "
            f"this change was not saved: another program could delete what it writes. Close "
            f"the workbench and open the database again, then check it with `workbench audit "
            f"verify`."
        )


def lock_marks(shared: SharedFile) -> tuple[FileKey, FileKey] | None:
    """How ``/proc/locks`` names the file and its -shm, found among the locks this process
    holds once the anchor has read (Linux in WAL mode); None where they cannot be seen.

    Learnt from the table itself rather than from ``stat``: on some file systems (overlays)
    the device a lock is listed under is not the one ``stat`` reports.
    """
    shm_key = file_key(shared.companion("-shm"))
    table = _lock_table()
    if shm_key is None or table is None:
        return None
    held = _locks_of(table, os.getpid())
    database = _holder(held, DB_SHARED_FIRST, inode=shared.key[1])
    shm = _holder(held, SHM_DMS_BYTE, inode=shm_key[1])
    return (database, shm) if database and shm else None


def lost_locks(shared: SharedFile) -> str | None:
    """Which of SQLite's locks this process no longer holds, from ``/proc/locks``; None when
    all are held or they cannot be seen here (not Linux, not WAL, an unusual file system)."""
    if shared.lock_marks is None:
        shared.lock_marks = lock_marks(shared)
        return None
    table = _lock_table()
    if table is None:
        return None
    held = _locks_of(table, os.getpid())
    database, shm = shared.lock_marks
    missing = []
    if _holder(held, DB_SHARED_FIRST, key=database) is None:
        missing.append("its shared lock on the database file")
    if _holder(held, SHM_DMS_BYTE, key=shm) is None:
        missing.append(f"its lock on {shared.path.name}-shm")
    return " and ".join(missing) or None


Lock = tuple[FileKey, int, int | None]  # file, first byte, last byte (None: to the end)


def _holder(
    held: list[Lock], byte: int, *, inode: int | None = None, key: FileKey | None = None
) -> FileKey | None:
    """The file (as the table names it) of a held lock covering ``byte``, matched by inode or
    by the whole key."""
    for file, first, last in held:
        if (key is not None and file != key) or (inode is not None and file[1] != inode):
            continue
        if first <= byte and (last is None or byte <= last):
            return file
    return None


def _lock_table() -> str | None:
    try:
        return PROC_LOCKS.read_text()
    except OSError:
        return None


def _locks_of(table: str, pid: int) -> list[Lock]:
    """The POSIX locks ``pid`` holds, from the text of ``/proc/locks``."""
    held = []
    for line in table.splitlines():
        parts = line.split()
        # "1: POSIX  ADVISORY  READ 21716 fe:00:2228230 128 128" (a waiter: "1: -> POSIX …")
        if len(parts) < 8 or parts[1] != "POSIX":
            continue
        try:
            if int(parts[4]) != pid:
                continue
            major, minor, inode = parts[5].split(":")
            device = os.makedev(int(major, 16), int(minor, 16))
            first = int(parts[6])
            last = None if parts[7] == "EOF" else int(parts[7])
        except ValueError:
            continue
        held.append(((device, int(inode)), first, last))
    return held

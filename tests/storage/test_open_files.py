"""The registry of open SQLite files: shared per process, released by the last user, and how it
reads the kernel's table of locks (Linux /proc/locks) to tell whether SQLite's are still held."""

from __future__ import annotations

import os
import threading

from workbench.storage import open_database, open_files

# /proc/locks as Linux writes it: a waiter's line has "->", open file description locks say
# OFDLCK, and a lock to the end of the file says EOF.
PROC_LOCKS_SAMPLE = """\
1: POSIX  ADVISORY  READ 4242 fe:00:2228230 128 128
1: -> POSIX  ADVISORY  WRITE 5151 fe:00:2228230 128 128
2: POSIX  ADVISORY  READ 4242 fe:00:2228228 1073741826 1073742335
3: OFDLCK ADVISORY  WRITE -1 fe:00:2228228 0 EOF
4: FLOCK  ADVISORY  WRITE 4242 08:01:99 0 EOF
5: POSIX  ADVISORY  WRITE 4242 08:01:77 100 EOF
"""


def test_the_lock_table_is_read_for_one_process_only():
    held = open_files._locks_of(PROC_LOCKS_SAMPLE, 4242)
    device = os.makedev(0xFE, 0)
    assert held == [
        ((device, 2228230), 128, 128),
        ((device, 2228228), 1073741826, 1073742335),
        ((os.makedev(8, 1), 77), 100, None),
    ]
    assert open_files._locks_of(PROC_LOCKS_SAMPLE, 5151) == []  # only waiting, holding nothing
    shm = open_files._holder(held, open_files.SHM_DMS_BYTE, inode=2228230)
    assert shm == (device, 2228230)
    assert open_files._holder(held, open_files.DB_SHARED_FIRST, key=(device, 2228228))
    assert open_files._holder(held, 10_000, key=(os.makedev(8, 1), 77))  # to the end of file
    assert open_files._holder(held, 99, key=(os.makedev(8, 1), 77)) is None


def test_threads_opening_one_file_at_once_share_a_single_engine(tmp_path):
    path = tmp_path / "review.sqlite"
    opened = []

    def open_it() -> None:
        opened.append(open_database(path))

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert len({id(db.engine) for db in opened}) == 1
        assert opened[0].shared.users == 4
    finally:
        for db in opened:
            db.close()
            db.close()  # closing twice does not count twice
    assert open_files.find(path) is None


def test_a_file_is_refused_as_a_source_only_while_it_is_open_here(tmp_path):
    path = (tmp_path / "review.sqlite").resolve()
    with open_database(path):
        assert open_files.review_file_named(str(path)) == path
        assert open_files.review_file_named(f"{path}-wal") == path
        assert open_files.review_file_named(str(tmp_path)) is None
    assert open_files.review_file_named(str(path)) is None

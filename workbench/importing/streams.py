"""Read files and streams (stdin, pipes) without ever holding more than a limit, or blocking on a FIFO."""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from workbench.errors import UserError
from workbench.importing.sizes import describe_size

CHUNK = 1 << 20


def require_regular_file(path_text: str) -> os.stat_result:
    """The file's status; a FIFO, device or socket is refused before opening it could block."""
    status = os.stat(path_text)
    # The review database this process has open (or its -wal/-shm) is refused unread: closing
    # a handle on it would drop SQLite's locks for the whole process (storage.open_files).
    # Only a process that has loaded that module can have a database open.
    open_files = sys.modules.get("workbench.storage.open_files")
    if open_files is not None:
        open_files.refuse_review_file(path_text, status)
    mode = status.st_mode
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return status
    kind = (
        "a named pipe (FIFO)"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a regular file"
    )
    raise UserError(
        f"{path_text} is {kind}, not a file; save what it holds to a file and give that path."
    )


def read_capped(stream: BinaryIO, *, max_bytes: int, label: str, what: str = "an article") -> bytes:
    """All of ``stream`` when it holds at most ``max_bytes``; past that one sentence, at once.

    Reading stops one chunk past the limit, so /dev/zero or an endless pipe costs the limit in
    memory and no more.
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(CHUNK, max_bytes + 1 - total))
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > max_bytes:
            raise UserError(
                f"{label} holds more than {describe_size(max_bytes)}, over the limit for {what}; "
                "save only the part you need to a file and use that."
            )
        chunks.append(chunk)


def read_stdin_capped(*, max_bytes: int, what: str = "an article") -> bytes:
    """Standard input, capped like any stream (``workbench … -`` < /dev/zero stops at the limit)."""
    import sys

    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return read_capped(stream, max_bytes=max_bytes, label="Standard input", what=what)
    # A text stream (tests and embedding programs replace sys.stdin): capped by characters.
    text = sys.stdin.read(max_bytes + 1)
    if len(text) > max_bytes:
        raise UserError(
            f"Standard input holds more than {describe_size(max_bytes)}, over the limit for "
            f"{what}; save only the part you need to a file and use that."
        )
    return text.encode("utf-8")

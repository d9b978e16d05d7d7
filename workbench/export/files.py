"""Writing an export to disk: whole or not at all, and never over a file without asking.

The bytes go to a temporary file in the target's folder, are flushed to disk (fsync), then
renamed onto the target, so a crash or a full disk leaves the old file or the new one, never
half of one. Without ``overwrite`` the rename refuses an existing file, checked at the rename
itself (a hard link, which fails when the name exists), not only beforehand. Even with it, a
folder, a device, a named pipe or a socket is never replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

from workbench.errors import EnvironmentFault, UserError


class TargetExists(UserError):
    """The export file is already there; the caller asks (the window) or says --force (CLI)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} already exists; add --force to replace it.")
        self.path = path


def check_target(path: str | os.PathLike[str], *, overwrite: bool) -> Path:
    """Refuse early (before an export is computed) what ``write_atomically`` would refuse."""
    target = Path(path)
    _refuse_non_regular(target)
    _refuse_review_database(target)
    folder = target.parent
    if not folder.is_dir():
        raise UserError(f"The folder {folder} does not exist; create it or choose another.")
    if target.exists() and not overwrite:
        raise TargetExists(target)
    return target


def _refuse_non_regular(target: Path) -> None:
    """An export replaces a file, never a folder, a device, a pipe or a socket (even --force,
    even as root: renaming onto /dev/sda or a FIFO would replace the node itself)."""
    try:
        mode = target.stat().st_mode  # through a symbolic link: what it points at counts
    except FileNotFoundError:
        return
    except OSError:
        return  # unreadable: the write itself will say why
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise UserError(f"{target} is a folder; give a file name for the export.")
    kind = (
        "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "not a regular file"
    )  # fmt: skip
    raise UserError(
        f"{target} is {kind}, not a file, so the export will not replace it; give a file name, "
        "or leave out -o to write to standard output."
    )


def _refuse_review_database(target: Path) -> None:
    """Never write an export over the review database this process has open (or its log)."""
    import sys

    open_files = sys.modules.get("workbench.storage.open_files")
    database = open_files.review_file_named(str(target)) if open_files is not None else None
    if database is not None:
        raise UserError(
            f"{target} is the review database the workbench has open ({database.name}), or "
            f"part of it; choose another file name for the export."
        )


def _umask_mode() -> int:
    """0666 less the umask: mkstemp makes a private file (0600), an export is a document."""
    try:  # Linux tells the umask without changing it (os.umask would, for every thread)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomically(path: str | os.PathLike[str], data: bytes, *, overwrite: bool) -> Path:
    target = check_target(path, overwrite=overwrite)
    folder = target.parent
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as error:
        raise _fault(target, error) from error
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, _umask_mode())
        if overwrite:
            _refuse_non_regular(target)  # again at the rename: it may have changed meanwhile
            os.replace(temporary, target)
        else:
            _rename_no_clobber(temporary, target)
        _sync_folder(folder)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise _fault(target, error) from error
        raise
    return target


def _rename_no_clobber(temporary: str, target: Path) -> None:
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError as error:
        # Some file systems (FAT, some network shares) have no hard links: check, then rename.
        if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if target.exists():
            raise TargetExists(target) from None
        os.replace(temporary, target)
        return
    os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the file itself is already on disk
    finally:
        os.close(fd)


def _fault(target: Path, error: OSError) -> Exception:
    reason = error.strerror or str(error)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"Cannot write {target}: {reason}; choose another place.")
    return EnvironmentFault(f"Cannot write {target}: {reason}.")

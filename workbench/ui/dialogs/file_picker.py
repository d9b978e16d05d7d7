"""File dialogs that never open the files they list, so browsing the review database's folder is safe.

Qt's file dialog asks its icon provider for each file's icon and type, and the default provider
finds them with ``QMimeDatabase``, which reads the first bytes of any file whose name it does
not know (``workbench.sqlite``, ``workbench.sqlite-wal``, ``workbench.sqlite-shm``). Opening
and closing those files drops every lock SQLite holds on them for the whole process, and
another process then deletes the write-ahead log the window is still writing into (issue 11).
The provider here decides by name alone, and the dialog is always Qt's own (a platform dialog
would bring its own previews and content sniffing into the process) — except on Windows, whose
file locks belong to each handle and cannot be dropped by another one.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QFileDialog, QFileIconProvider, QWidget


class NameOnlyIconProvider(QFileIconProvider):
    """Icons and type names from a file's name and kind (folder or file), never its content."""

    def __init__(self) -> None:
        super().__init__()
        # A folder's own icon is read from a file inside it (desktop.ini, .directory).
        self.setOptions(QFileIconProvider.Option.DontUseCustomDirectoryIcons)
        self._mime = QMimeDatabase()

    def icon(self, what: QFileInfo | QFileIconProvider.IconType) -> QIcon:  # type: ignore[override]
        if isinstance(what, QFileInfo):
            kind = (
                QFileIconProvider.IconType.Folder
                if what.isDir()
                else QFileIconProvider.IconType.File
            )
            return super().icon(kind)
        return super().icon(what)

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return "Folder"
        by_name = self._mime.mimeTypeForFile(
            info.fileName(), QMimeDatabase.MatchMode.MatchExtension
        )
        return "File" if by_name.isDefault() else by_name.comment()


def file_dialog(
    parent: QWidget | None,
    caption: str,
    *,
    directory: str = "",
    filters: str = "",
    mode: QFileDialog.FileMode = QFileDialog.FileMode.ExistingFile,
    save: bool = False,
) -> QFileDialog:
    """A file dialog set up never to read what it lists (shown by the caller, or a test)."""
    dialog = QFileDialog(parent, caption, directory, filters)
    provider = NameOnlyIconProvider()
    dialog.setIconProvider(provider)
    dialog._name_only_icons = provider  # the dialog does not own it: keep it alive with it
    options = QFileDialog.Option.DontUseCustomDirectoryIcons
    if sys.platform != "win32":
        options |= QFileDialog.Option.DontUseNativeDialog
    if save:
        options |= QFileDialog.Option.DontConfirmOverwrite  # the window asks, after rendering
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    else:
        dialog.setFileMode(mode)
    dialog.setOptions(options)
    return dialog


def choose_files_to_open(parent: QWidget | None, caption: str, filters: str) -> list[str]:
    """The files the reviewer picked, or none."""
    dialog = file_dialog(parent, caption, filters=filters, mode=QFileDialog.FileMode.ExistingFiles)
    return dialog.selectedFiles() if dialog.exec() else []


def choose_file_to_open(parent: QWidget | None, caption: str, filters: str) -> str:
    """The file the reviewer picked, or '' when they cancelled."""
    dialog = file_dialog(parent, caption, filters=filters)
    chosen = dialog.selectedFiles() if dialog.exec() else []
    return chosen[0] if chosen else ""


def choose_file_to_save(parent: QWidget | None, caption: str, start: str, filters: str) -> str:
    """Where to save, or '' when they cancelled; an existing file is not asked about here."""
    # A directory that names a file opens its folder with that file's name filled in.
    dialog = file_dialog(parent, caption, directory=start, filters=filters, save=True)
    chosen = dialog.selectedFiles() if dialog.exec() else []
    return chosen[0] if chosen else ""

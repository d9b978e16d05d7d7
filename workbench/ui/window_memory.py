"""What the window remembers between runs: its size and place, its panes, the article's text size."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from workbench.ui.main_window import MainWindow

DEFAULT_FONT_SIZE = 12


def ui_settings_path() -> Path:
    """Beside settings.json (under $XDG_CONFIG_HOME on Linux), so tests stay isolated."""
    from workbench.settings import settings_path

    return settings_path().parent / "window.ini"


class WindowMemory:
    """The window's layout in ``window.ini``; with ``remember=False`` (tests, `screenshot`)
    nothing is read or written and the defaults apply."""

    def __init__(self, window: MainWindow, *, remember: bool = True) -> None:
        self._window = window
        self._settings = (
            QSettings(str(ui_settings_path()), QSettings.Format.IniFormat) if remember else None
        )

    def font_size(self) -> int:
        if self._settings is None:
            return DEFAULT_FONT_SIZE
        value = self._settings.value("article/font_size", DEFAULT_FONT_SIZE)
        try:
            return max(8, min(32, int(value)))
        except (TypeError, ValueError):
            return DEFAULT_FONT_SIZE

    def set_font_size(self, size: int) -> None:
        if self._settings is not None:
            self._settings.setValue("article/font_size", size)
        article = self._window.review.article
        font = article.font()
        font.setPointSize(size)
        article.setFont(font)

    def restore(self) -> None:
        window, review = self._window, self._window.review
        self.set_font_size(self.font_size())
        review.splitter.setSizes([560, 460])
        review.right_splitter.setSizes([300, 420])
        if self._settings is None:
            return
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            window.restoreGeometry(geometry)
        state = self._settings.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for splitter, key in (
            (review.splitter, "review/splitter"),
            (review.right_splitter, "review/right_splitter"),
        ):
            saved = self._settings.value(key)
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)

    def save(self) -> None:
        if self._settings is None:
            return
        window, review = self._window, self._window.review
        self._settings.setValue("window/geometry", window.saveGeometry())
        self._settings.setValue("window/state", window.saveState())
        self._settings.setValue("review/splitter", review.splitter.saveState())
        self._settings.setValue("review/right_splitter", review.right_splitter.saveState())
        self._settings.sync()

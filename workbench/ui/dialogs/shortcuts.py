"""The shortcut sheet (F1 or ?): every key of the review, on one page, read from ``ui/actions``."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from workbench.ui.actions import shortcut_rows


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        body = "".join(
            f"<tr><td style='padding:2px 16px 2px 0'><b>{html.escape(key)}</b></td>"
            f"<td>{html.escape(what)}</td></tr>"
            for key, what in shortcut_rows()
        )
        label = QLabel(f"<table>{body}</table>")
        label.setTextFormat(Qt.TextFormat.RichText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(buttons)

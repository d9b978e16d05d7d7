"""The shortcut sheet (F1 or ?): every key of the review, on one page."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from workbench.ui.statuses import STATUS_ORDER, look


def shortcut_rows() -> list[tuple[str, str]]:
    rows = [
        ("J / K, ↓ / ↑ in the table", "next / previous quote"),
        ("Enter (in the text or table)", "mark verified and go to the next quote"),
    ]
    for i, status in enumerate(STATUS_ORDER, start=1):
        entry = look(status)
        rows.append((f"{entry.key} or {i}", f"mark {entry.label.lower()} {entry.glyph}"))
    rows += [
        ("N", "write a note (saved when you pause)"),
        ("S", "change the speaker"),
        ("Q", "add the selected text as a quote the detector missed"),
        ("Shift+Q", "make the selected quote cover the words selected in the text"),
        ("Delete", "reject a false detection"),
        ("Ctrl+Shift+O", "attach a primary source (file, web address or pasted text)"),
        ("L", "link the quote to the passage shown in the primary source"),
        ("R", "not this passage: reject it"),
        ("C / Shift+C", "next / previous possible passage"),
        ("Shift+L", "link the words selected in the primary source"),
        ("U", "unlink the passage shown"),
        ("Ctrl+Shift+R", "re-check the primary source: has it changed since it was captured?"),
        ("Ctrl+F", "find in the article"),
        ("Ctrl+Z / Ctrl+Shift+Z", "undo / redo any review action"),
        ("Ctrl+O", "import an article"),
        ("Ctrl+Shift+V", "new article from the clipboard"),
        ("Ctrl+E", "export this article's review (PDF, HTML, CSV, JSON, ClaimReview)"),
        ("Ctrl+Shift+E", "export the whole library"),
        ("Ctrl+L", "back to the library"),
        ("F1 or ?", "this sheet"),
    ]
    return rows


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

"""A read-only text view addressed by the core's offsets: what the article and source views share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from workbench.ui.views.offsets import OffsetMap

# Spaces and quotation marks a reader sweeps up with the words when selecting a quote.
_SELECTION_EDGES = " \t\r\n\"“”‘’'«»„"


class SpanTextView(QPlainTextEdit):
    """Paints spans the core produced ([start, end) into the stored text) without editing it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._text = ""
        self._offsets = OffsetMap("")

    def _show_text(self, text: str) -> None:
        self._text = text
        self._offsets = OffsetMap(text)
        self.setPlainText(text)

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self._offsets.to_python(cursor.selectionStart())
        end = self._offsets.to_python(cursor.selectionEnd())
        while start < end and self._text[start] in _SELECTION_EDGES:
            start += 1
        while end > start and self._text[end - 1] in _SELECTION_EDGES:
            end -= 1
        return (start, end) if start < end else None

    def select_span(self, start: int, end: int) -> None:
        self.setTextCursor(self._cursor(start, end))

    def _cursor(self, start: int, end: int) -> QTextCursor:
        cursor = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)
        cursor.setPosition(min(self._offsets.to_document(start), last))
        cursor.setPosition(
            min(self._offsets.to_document(end), last), QTextCursor.MoveMode.KeepAnchor
        )
        return cursor

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(start, end)
        selection.format = fmt
        return selection

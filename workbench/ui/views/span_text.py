"""A read-only text view addressed by the core's offsets: what the article and source views share."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from workbench.ui.views.highlighter import Highlighter
from workbench.ui.views.offsets import OffsetMap

# Spaces and quotation marks a reader sweeps up with the words when selecting a quote.
_SELECTION_EDGES = " \t\r\n\"“”‘’'«»„"


class SpanTextView(QPlainTextEdit):
    """Paints spans the core produced ([start, end) into the stored text) without editing it."""

    HIGHLIGHT_KINDS: tuple[str, ...] = ()  # what ``highlights`` paints, the lowest first

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
        self.highlights = Highlighter(self, self.HIGHLIGHT_KINDS)

    def _show_text(self, text: str) -> None:
        self._text = text
        self._offsets = OffsetMap(text)
        self.setPlainText(text)

    def text(self) -> str:
        return self._text

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start, end = self.python_span(cursor)
        while start < end and self._text[start] in _SELECTION_EDGES:
            start += 1
        while end > start and self._text[end - 1] in _SELECTION_EDGES:
            end -= 1
        return (start, end) if start < end else None

    def select_span(self, start: int, end: int) -> None:
        self.setTextCursor(self.span_cursor(start, end))

    def span_cursor(self, start: int, end: int) -> QTextCursor:
        """A cursor selecting [start, end) of the stored text (Python offsets)."""
        cursor = QTextCursor(self.document())
        last = max(0, self.document().characterCount() - 1)
        cursor.setPosition(min(self._offsets.to_document(start), last))
        cursor.setPosition(
            min(self._offsets.to_document(end), last), QTextCursor.MoveMode.KeepAnchor
        )
        return cursor

    def python_span(self, cursor: QTextCursor) -> tuple[int, int]:
        """A cursor's selection in Python offsets of the stored text."""
        return (
            self._offsets.to_python(cursor.selectionStart()),
            self._offsets.to_python(cursor.selectionEnd()),
        )

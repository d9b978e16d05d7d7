"""A read-only text view addressed by the core's offsets: what the article and source views share."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QResizeEvent, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from workbench.ui.views.highlighter import Highlighter
from workbench.ui.views.offsets import OffsetMap

# Spaces and quotation marks a reader sweeps up with the words when selecting a quote.
_SELECTION_EDGES = " \t\r\n\"“”‘’'«»„"
# Characters handed to Qt at a time when showing a long text: Qt lays out about 50 MB a second
# here, so a step stays near 10 ms and a 20 MB file never freezes the window for a whole pass.
TEXT_STEP = 500_000


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
        # Read-only: an undo history would only hold a second copy of a long text.
        self.document().setUndoRedoEnabled(False)
        self._text = ""
        self._offsets = OffsetMap("")
        self.highlights = Highlighter(self, self.HIGHLIGHT_KINDS)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self.highlights.follow())

    def _show_text(self, text: str) -> None:
        for _step in self._show_text_steps(text):
            pass

    def _show_text_steps(self, text: str) -> Iterator[None]:
        """Show ``text`` a step at a time (``TEXT_STEP`` characters), the first at the top, so
        the caller may let the event loop run between steps; the end result is the same
        document ``setPlainText(text)`` makes."""
        self.highlights.reset()  # its spans are offsets into the text shown before
        self._text = text
        self._offsets = OffsetMap(text)
        done = _step_end(text, 0)
        self.setPlainText(text[:done])
        while done < len(text):
            yield
            end = _step_end(text, done)
            cursor = QTextCursor(self.document())
            cursor.movePosition(QTextCursor.MoveOperation.End)
            cursor.insertText(text[done:end])
            done = end

    def visible_span(self) -> tuple[int, int]:
        """The Python offsets of the text on screen, from its first line to its last."""
        first = self.firstVisibleBlock().position()
        corner = QPoint(self.viewport().width(), self.viewport().height())
        last = max(first, self.cursorForPosition(corner).position())
        return self._offsets.to_python(first), self._offsets.to_python(last)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.highlights.follow()  # a taller or narrower view shows more text

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


def _step_end(text: str, start: int) -> int:
    """Where a step of the text that begins at ``start`` ends: after a line break near
    ``TEXT_STEP`` characters on, so a "\\r\\n" is never cut in two (Qt reads it as one break)."""
    end = start + TEXT_STEP
    if end >= len(text):
        return len(text)
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1

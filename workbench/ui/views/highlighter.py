"""Spans painted on a read-only text view, as ``ExtraSelection`` lists kept by kind.

After Frescobaldi's ArbitraryHighlighter: each kind (a quote, a source mention, the passage, a
word the quote leaves out …) has its own list, the lists are handed to Qt in a fixed order (a
later kind is drawn over an earlier one), and the document text itself is never modified, so
the offsets painted are the core's. Each format is tagged with its kind, so what Qt was really
handed can be read back (tests and the benchmark do).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QTextEdit

if TYPE_CHECKING:
    from workbench.ui.views.span_text import SpanTextView

KIND_PROPERTY = QTextFormat.Property.UserProperty

Span = tuple[int, int, QTextCharFormat]  # [start, end) in the view's text, and how to paint it


class Highlighter:
    """The spans a view paints, by kind. ``set`` and ``set_one`` change a kind's list;
    ``apply`` hands every list to Qt at once (one layout pass, however many kinds changed)."""

    def __init__(self, view: SpanTextView, kinds: Sequence[str]) -> None:
        self._view = view
        self._lists: dict[str, list[QTextEdit.ExtraSelection]] = {kind: [] for kind in kinds}

    def set(self, kind: str, spans: Iterable[Span]) -> None:
        """Paint ``kind`` as exactly these spans (after the next ``apply``)."""
        self._lists[kind] = [self._selection(kind, *span) for span in spans]

    def set_one(self, kind: str, index: int, span: Span) -> None:
        """Paint one span of ``kind`` anew (a quote's new status), leaving the others as they are."""
        self._lists[kind][index] = self._selection(kind, *span)

    def clear(self) -> None:
        for selections in self._lists.values():
            selections.clear()
        self.apply()

    def apply(self) -> None:
        self._view.setExtraSelections([s for kind in self._lists.values() for s in kind])

    def painted(self, kind: str) -> list[tuple[int, int]]:
        """The Python offsets of every span Qt was handed as ``kind``, in text order."""
        return sorted(
            self._view.python_span(selection.cursor)
            for selection in self._view.extraSelections()
            if selection.format.property(KIND_PROPERTY) == kind
        )

    def _selection(
        self, kind: str, start: int, end: int, fmt: QTextCharFormat
    ) -> QTextEdit.ExtraSelection:
        fmt.setProperty(KIND_PROPERTY, kind)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._view.span_cursor(start, end)
        selection.format = fmt
        return selection

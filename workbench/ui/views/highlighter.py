"""Spans painted on a read-only text view, as ``ExtraSelection`` lists kept by kind.

After Frescobaldi's ArbitraryHighlighter: each kind (a quote, a source mention, the passage, a
word the quote leaves out …) has its own list, the lists are handed to Qt in a fixed order (a
later kind is drawn over an earlier one), and the document text itself is never modified, so
the offsets painted are the core's. Each format is tagged with its kind, so what Qt was really
handed can be read back (tests and the benchmark do).

Qt is handed only the spans near the part of the text on screen: ``REACH`` characters either
side of it, extended as the reader scrolls. Qt walks every extra selection at each repaint and
keeps a cursor for each in step with the document, so handing it all 12,000 quotes of a long
article cost three seconds to apply and a stall at every key press (benchmarks/ui.py measures
it); a screenful is a few dozen. A short article lies wholly within reach, so it is painted
whole, as before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCharFormat, QTextFormat
from PySide6.QtWidgets import QTextEdit

if TYPE_CHECKING:
    from workbench.ui.views.span_text import SpanTextView

KIND_PROPERTY = QTextFormat.Property.UserProperty
REACH = 20_000  # characters painted above and below the screen (a few pages of a long article)

Span = tuple[int, int, QTextCharFormat]  # [start, end) in the view's text, and how to paint it


class Highlighter:
    """The spans a view paints, by kind. ``set`` and ``set_one`` change a kind's list;
    ``apply`` hands Qt every kind's spans near the screen at once (one layout pass, however
    many kinds changed); ``follow`` hands it more when the reader has scrolled beyond them."""

    def __init__(self, view: SpanTextView, kinds: Sequence[str], *, reach: int = REACH) -> None:
        self._view = view
        self._reach = reach
        self._spans: dict[str, list[Span]] = {kind: [] for kind in kinds}  # by start
        self._starts: dict[str, list[int]] = {kind: [] for kind in kinds}
        self._longest: dict[str, int] = dict.fromkeys(kinds, 0)
        self._covered: tuple[int, int] | None = None  # the text Qt holds the spans of

    def set(self, kind: str, spans: Iterable[Span]) -> None:
        """Paint ``kind`` as exactly these spans (after the next ``apply``)."""
        ordered = sorted(spans, key=_start)
        self._spans[kind] = ordered
        self._starts[kind] = [span[0] for span in ordered]
        self._longest[kind] = max((end - start for start, end, _fmt in ordered), default=0)

    def set_one(self, kind: str, index: int, span: Span) -> None:
        """Paint one span of ``kind`` anew (a quote's new status), leaving the others as they are.

        ``index`` is the span's place in the order ``set`` was given; its offsets stay the same.
        """
        self._spans[kind][index] = span

    def clear(self) -> None:
        for kind in self._spans:
            self.set(kind, [])
        self.apply()

    def reset(self) -> None:
        """Forget every span and hand Qt none: the view is about to show another text."""
        for kind in self._spans:
            self.set(kind, [])
        self._covered = None
        self._view.setExtraSelections([])

    def apply(self) -> None:
        """Hand Qt the spans near the screen (all of them, for a text shorter than the reach)."""
        first, last = self._view.visible_span()
        low, high = max(0, first - self._reach), last + self._reach
        self._covered = (low, high)
        self._view.setExtraSelections(
            [
                self._selection(kind, *span)
                for kind in self._spans
                for span in self._near(kind, low, high)
            ]
        )

    def follow(self) -> None:
        """The reader scrolled or the view was resized: paint more once the screen leaves the
        spans Qt holds (so scrolling line by line costs nothing most of the time)."""
        if self._covered is None:
            return
        first, last = self._view.visible_span()
        low, high = self._covered
        if first < low or last > high:
            self.apply()

    def painted(self, kind: str) -> list[tuple[int, int]]:
        """The Python offsets of every span Qt was handed as ``kind``, in text order."""
        return sorted(
            self._view.python_span(selection.cursor)
            for selection in self._view.extraSelections()
            if selection.format.property(KIND_PROPERTY) == kind
        )

    def span_count(self, kind: str) -> int:
        """How many spans ``kind`` has, painted or waiting for the reader to scroll to them."""
        return len(self._spans[kind])

    def _near(self, kind: str, low: int, high: int) -> list[Span]:
        """The spans of ``kind`` that overlap [low, high): found by their starts, since a span
        starting before ``low`` reaches into it only if it is longer than the distance."""
        starts = self._starts[kind]
        begin = bisect_left(starts, low - self._longest[kind])
        end = bisect_left(starts, high)
        return [span for span in self._spans[kind][begin:end] if span[1] > low]

    def _selection(
        self, kind: str, start: int, end: int, fmt: QTextCharFormat
    ) -> QTextEdit.ExtraSelection:
        fmt.setProperty(KIND_PROPERTY, kind)
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._view.span_cursor(start, end)
        selection.format = fmt
        return selection


def _start(span: Span) -> int:
    return span[0]

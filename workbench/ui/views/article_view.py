"""The article, read-only, with every quote painted by status and every source by type.

Highlights are kept by kind (``views/highlighter.py``: mentions, then quotes, then the current
quote on top), so the document text is never modified and offsets stay the core's. Status is
never told by colour alone: each status has its own underline style and a glyph in the margin.
"""

from __future__ import annotations

import html
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextCharFormat,
)
from PySide6.QtWidgets import QToolTip, QWidget

from workbench.ui.statuses import ANONYMOUS_BACKGROUND, look, source_look
from workbench.ui.theme import (
    current_background,
    is_dark,
    status_background,
    status_color,
    status_icon,
)
from workbench.ui.views.highlighter import Span
from workbench.ui.views.span_text import SpanTextView

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import QuoteRecord, SourceRecord

MARKER = 16  # px of a status glyph in the margin
MARKERS_PER_LINE = 2
QUOTE_KIND = "quote"  # what the highlighter paints, in the order it is drawn (last on top)
MENTION_KIND = "mention"
CURRENT_KIND = "current"


class _Margin(QWidget):
    """The strip left of the text: one status glyph (and number) where each quote begins."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self._view = view
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:
        return QSize(self._view.margin_width(), 0)

    def paintEvent(self, event: QPaintEvent) -> None:
        self._view.paint_margin(self, event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        quote = self._view.marker_at(event.position().toPoint())
        if quote is not None:
            self._view.quote_clicked.emit(quote.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            quote = self._view.marker_at(event.pos())
            if quote is not None:
                QToolTip.showText(event.globalPos(), self._view.tooltip_html(quote), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


class ArticleView(SpanTextView):
    quote_clicked = Signal(int)  # the quote id under a click in the text or the margin

    HIGHLIGHT_KINDS = (MENTION_KIND, QUOTE_KIND, CURRENT_KIND)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.document().setDocumentMargin(14)
        self._quotes: list[QuoteRecord] = []
        self._starts: list[int] = []
        self._by_id: dict[int, QuoteRecord] = {}
        self._sources: list[SourceRecord] = []
        self._current: int | None = None
        self._margin = _Margin(self)
        self.updateRequest.connect(self._update_margin)
        self.setViewportMargins(self.margin_width(), 0, 0, 0)

    # --- content ----------------------------------------------------------------------------

    def set_article(
        self, text: str, quotes: list[QuoteRecord], sources: list[SourceRecord]
    ) -> None:
        self._show_text(text)
        self._current = None
        self._sources = list(sources)
        self._quotes = []
        self.set_quotes(quotes)
        self.set_sources(sources)

    def set_quotes(self, quotes: list[QuoteRecord]) -> None:
        self._quotes = sorted((q for q in quotes if not q.rejected), key=lambda q: (q.start, q.id))
        self._starts = [q.start for q in self._quotes]
        self._by_id = {q.id: q for q in self._quotes}
        self.highlights.set(QUOTE_KIND, (self._quote_span(q) for q in self._quotes))
        if self._current not in self._by_id:
            self._current = None
        self._apply()

    def update_quote(self, quote: QuoteRecord) -> None:
        old = self._by_id.get(quote.id)
        if (
            old is not None
            and not quote.rejected
            and (old.start, old.end) == (quote.start, quote.end)
        ):
            # The usual case, a new status: repaint this one quote, not all three hundred.
            i = self._quotes.index(old)
            self._quotes[i] = quote
            self._by_id[quote.id] = quote
            self.highlights.set_one(QUOTE_KIND, i, self._quote_span(quote))
            self._apply()
            return
        quotes = [q for q in self._quotes if q.id != quote.id]
        if not quote.rejected:
            quotes.append(quote)
        self.set_quotes(quotes)

    def set_sources(self, sources: list[SourceRecord]) -> None:
        self._sources = list(sources)
        self.highlights.set(
            MENTION_KIND,
            (
                (start, end, fmt)
                for source, fmt in ((s, self._mention_format(s)) for s in self._sources)
                for start, end in source.mentions
                if 0 <= start < end <= len(self._text)
            ),
        )
        self._apply()

    def set_current(self, quote_id: int | None, *, scroll: bool = True) -> None:
        self._current = quote_id if quote_id in self._by_id else None
        self._apply()
        if scroll and self._current is not None:
            self.scroll_to_quote(self._current)

    def current(self) -> int | None:
        return self._current

    def scroll_to_quote(self, quote_id: int, *, centre: bool = False) -> None:
        """Bring the quote into view (to the middle when ``centre``, else only if hidden)."""
        quote = self._by_id.get(quote_id)
        if quote is None:
            return
        cursor = self.span_cursor(quote.start, quote.start)
        rect = self.cursorRect(cursor)
        end_rect = self.cursorRect(self.span_cursor(quote.end, quote.end))
        visible = self.viewport().rect()
        hidden = not (visible.contains(rect.topLeft()) and visible.contains(end_rect.bottomLeft()))
        if centre or hidden:
            self.setTextCursor(cursor)
            self.centerCursor()
        self._margin.update()

    # --- where quotes are ---------------------------------------------------------------------

    def quote_at(self, offset: int) -> QuoteRecord | None:
        """The quote covering a Python offset (the innermost, if quotes nest)."""
        i = bisect_right(self._starts, offset)
        best = None
        for quote in reversed(self._quotes[max(0, i - 8) : i]):
            if quote.start <= offset < quote.end and (best is None or quote.start > best.start):
                best = quote
        return best

    def quote_point(self, quote_id: int) -> QPoint:
        """A point in the viewport inside the quote's first words (for clicks in tests)."""
        quote = self._by_id[quote_id]
        middle = min(quote.start + 3, quote.end - 1)
        return self.cursorRect(self.span_cursor(middle, middle)).center()

    # --- formats ----------------------------------------------------------------------------

    def _quote_span(self, quote: QuoteRecord, *, current: bool = False) -> Span:
        """A quote tinted by its status (the current one more strongly), underlined in its style."""
        dark = is_dark(self.palette())
        fmt = QTextCharFormat()
        tint = current_background if current else status_background
        fmt.setBackground(tint(quote.status, dark))
        fmt.setUnderlineStyle(look(quote.status).underline)
        fmt.setUnderlineColor(status_color(quote.status, dark))
        return (quote.start, quote.end, fmt)

    def _mention_format(self, source: SourceRecord) -> QTextCharFormat:
        entry = source_look(source.type, source.anonymous)
        fmt = QTextCharFormat()
        if entry.highlight:
            fmt.setBackground(QColor(ANONYMOUS_BACKGROUND))
            fmt.setForeground(QColor("#000000"))
        else:
            fmt.setForeground(QColor(entry.dark if is_dark(self.palette()) else entry.light))
        if entry.bold:
            fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setFontItalic(entry.italic)
        return fmt

    def _apply(self) -> None:
        """Hand the highlights to Qt, the current quote's drawn over its status tint."""
        quote = self._by_id.get(self._current) if self._current is not None else None
        self.highlights.set(CURRENT_KIND, [self._quote_span(quote, current=True)] if quote else [])
        self.highlights.apply()
        self._margin.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.setViewportMargins(self.margin_width(), 0, 0, 0)
        if event.type() == QEvent.Type.PaletteChange and self._text:
            # The colours depend on light or dark: rebuild them for the new palette.
            self.set_quotes(self._quotes)
            self.set_sources(self._sources)

    # --- the margin -------------------------------------------------------------------------

    def _margin_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.75))
        return font

    def _slot_width(self) -> int:
        return MARKER + QFontMetrics(self._margin_font()).horizontalAdvance("999") + 3

    def margin_width(self) -> int:
        return 6 + MARKERS_PER_LINE * self._slot_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self._margin.setGeometry(QRect(rect.left(), rect.top(), self.margin_width(), rect.height()))

    def _update_margin(self, rect: QRect, dy: int) -> None:
        if dy:
            self._margin.scroll(0, dy)
        else:
            self._margin.update(0, rect.y(), self._margin.width(), rect.height())

    def _visible_markers(self) -> list[tuple[QuoteRecord, QRect]]:
        """Where each visible quote's glyph goes: at the line its first word is on."""
        if not self._quotes:
            return []
        top = self.cursorForPosition(QPoint(0, 0)).block().position()
        bottom_cursor = self.cursorForPosition(
            QPoint(self.viewport().width(), self.viewport().height())
        )
        bottom_block = bottom_cursor.block()
        bottom = bottom_block.position() + bottom_block.length()
        first = bisect_left(self._starts, self._offsets.to_python(top))
        last = bisect_right(self._starts, self._offsets.to_python(bottom))
        slot = self._slot_width()
        placed: list[tuple[QuoteRecord, QRect]] = []
        used: dict[int, int] = {}
        for quote in self._quotes[first:last]:
            rect = self.cursorRect(self.span_cursor(quote.start, quote.start))
            line = rect.top()
            column = used.get(line, 0)
            used[line] = column + 1
            if column >= MARKERS_PER_LINE:
                continue
            y = rect.top() + max(0, (rect.height() - MARKER) // 2)
            placed.append((quote, QRect(3 + column * slot, y, slot, MARKER)))
        return placed

    def paint_margin(self, margin: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(margin)
        palette = self.palette()
        painter.fillRect(event.rect(), palette.window())
        painter.setPen(palette.mid().color())
        painter.drawLine(
            margin.width() - 1, event.rect().top(), margin.width() - 1, event.rect().bottom()
        )
        painter.setFont(self._margin_font())
        for quote, rect in self._visible_markers():
            if quote.id == self._current:
                highlight = palette.highlight().color()
                highlight.setAlpha(90)
                painter.fillRect(rect.adjusted(-2, -2, 2, 2), highlight)
            icon_rect = QRect(rect.left(), rect.top(), MARKER, MARKER)
            status_icon(quote.status).paint(painter, icon_rect)
            painter.setPen(palette.text().color())
            painter.drawText(
                QRect(rect.left() + MARKER + 2, rect.top() - 2, rect.width() - MARKER, MARKER + 4),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(quote.number),
            )
        painter.end()

    def marker_at(self, point: QPoint) -> QuoteRecord | None:
        for quote, rect in self._visible_markers():
            if rect.adjusted(-2, -2, 2, 2).contains(point):
                return quote
        return None

    # --- hover and click --------------------------------------------------------------------

    def _offset_at(self, point: QPoint) -> int | None:
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None  # below the last line, or in a gap between paragraphs
        return self._offsets.to_python(cursor.position())

    def _quote_under(self, point: QPoint) -> QuoteRecord | None:
        offset = self._offset_at(point)
        if offset is None:
            return None
        quote = self.quote_at(offset)
        if quote is None and offset > 0:
            # cursorForPosition rounds to the nearest gap: the right half of a quote's last
            # letter gives the offset just after it.
            quote = self.quote_at(offset - 1)
        return quote

    def tooltip_html(self, quote: QuoteRecord) -> str:
        entry = look(quote.status)
        speaker = html.escape(quote.speaker.name) if quote.speaker else "<i>no speaker found</i>"
        if quote.speaker and quote.speaker.anonymous:
            speaker += " <b>(anonymous)</b>"
        confidence = f"{quote.confidence:.0%}" if quote.confidence is not None else "added by hand"
        return (
            f"<b>#{quote.number}</b> · {entry.glyph} {entry.label}<br>"
            f"Speaker: {speaker}<br>Kind: {quote.kind} · Confidence: {confidence}"
        )

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            quote = self._quote_under(event.pos())
            if quote is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_html(quote), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        quote = self._quote_under(event.position().toPoint())
        if quote is not None:
            self.quote_clicked.emit(quote.id)

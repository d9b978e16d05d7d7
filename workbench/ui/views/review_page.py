"""The review page: the article beside its quote table, the selected quote, its primary source
(the passage, the verdict, the differing words) and the people and bodies it credits.

Selecting a quote anywhere (a click in the text, a margin glyph, a table row, J/K, a source)
goes through ``select_quote``, which moves the other views along with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workbench.domain import QuoteKind, SourceType
from workbench.ui.models.quotes import (
    EXCERPT,
    KIND,
    LINKED,
    NUMBER,
    SPEAKER,
    VERDICT,
    QuoteFilterModel,
    QuoteTableModel,
    speaker_label,
)
from workbench.ui.models.roles import ID_ROLE
from workbench.ui.ops import ArticleBundle, QuoteChange
from workbench.ui.statuses import ANONYMOUS_BACKGROUND, STATUS_ORDER, look, source_look
from workbench.ui.theme import is_dark, status_icon
from workbench.ui.views.article_view import ArticleView
from workbench.ui.views.detail_panel import DetailPanel
from workbench.ui.views.evidence_text import document_label
from workbench.ui.views.source_view import EvidencePanel
from workbench.ui.views.sources_panel import SourcesPanel

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import QuoteRecord, SourceDocumentRecord
    from workbench.ui.ops import QuoteReview

QUOTE_TAB, EVIDENCE_TAB, SOURCES_TAB = range(3)
ROWS_STEP = 500  # quote rows added to the table at a time while a long article opens


def _credit(quote: QuoteRecord) -> tuple:
    """What the sources tab and the speaker filter show of a quote."""
    return (quote.start, quote.end, quote.text, quote.number, quote.speaker, quote.rejected)


class Legend(QFrame):
    """What the marks mean, under the article: no reader should have to guess."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        statuses = QGridLayout()  # two rows of three, so a narrow window still shows them all
        statuses.setHorizontalSpacing(12)
        statuses.setVerticalSpacing(0)
        for i, status in enumerate(STATUS_ORDER):
            entry = look(status)
            icon = QLabel()
            icon.setPixmap(status_icon(status).pixmap(14, 14))
            label = QLabel(entry.label)
            label.setToolTip(entry.description)
            item = QHBoxLayout()
            item.setSpacing(3)
            item.addWidget(icon)
            item.addWidget(label)
            item.addStretch(1)
            statuses.addLayout(item, i // 3, i % 3)
        statuses.setColumnStretch(3, 1)
        self.sources = QLabel()
        self.sources.setTextFormat(Qt.TextFormat.RichText)
        self.sources.setWordWrap(True)
        layout.addLayout(statuses)
        layout.addWidget(self.sources)
        self.refresh()

    def refresh(self) -> None:
        dark = is_dark(self.palette())
        parts = ["Sources:"]
        for kind in (SourceType.PERSON, SourceType.ORGANIZATION, SourceType.PUBLICATION):
            entry = source_look(kind)
            colour = entry.dark if dark else entry.light
            style = f"color:{colour}; font-weight:600;" + (
                " font-style:italic;" if entry.italic else ""
            )
            parts.append(f'<span style="{style}">{entry.label}</span>')
        parts.append(
            f'<span style="background:{ANONYMOUS_BACKGROUND}; color:black; font-weight:600;">'
            "&nbsp;Anonymous&nbsp;</span>"
        )
        self.sources.setText(" &nbsp; ".join(parts))


class ReviewPage(QWidget):
    current_changed = Signal(object)  # the selected QuoteRecord, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bundle: ArticleBundle | None = None
        self._syncing = False
        self._events: list = []
        self._kept_place = False  # the article's text was on screen already (read at import)

        self.title = QLabel()
        title_font = self.title.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.35)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setProperty("role", "muted")

        # --- the article, with its find bar and legend
        self.article = ArticleView()
        self.find_field = QLineEdit()
        self.find_field.setPlaceholderText("Find in the article (Enter: next, Esc: close)")
        self.find_field.setClearButtonEnabled(True)
        self.find_field.returnPressed.connect(self.find_next)
        self.find_field.textEdited.connect(lambda _text: self.find_next(from_start=True))
        self.find_field.hide()
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.find_field, self.close_find)
        self.find_status = QLabel()
        self.find_status.setProperty("role", "muted")
        # What the reviewer must know about how the text was read ("This draft has 3 tracked
        # changes; the text shown accepts them."), above the text, one line; hidden when none.
        self.notes_banner = QLabel()
        self.notes_banner.setObjectName("articleNotes")
        self.notes_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_banner.setStyleSheet(
            "QLabel#articleNotes { border: 1px solid palette(mid); border-radius: 4px; "
            "padding: 2px 8px; }"
        )
        # One line however long the notes: the width is the splitter's, not the text's.
        self.notes_banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.notes_banner.hide()
        self.legend = Legend()
        article_panel = QWidget()
        article_layout = QVBoxLayout(article_panel)
        article_layout.setContentsMargins(0, 0, 0, 0)
        article_layout.setSpacing(2)
        article_layout.addWidget(self.notes_banner)
        article_layout.addWidget(self.find_field)
        article_layout.addWidget(self.find_status)
        article_layout.addWidget(self.article, 1)
        article_layout.addWidget(self.legend)
        self.find_status.hide()

        # --- the quote table, with its filters
        self.quotes = QuoteTableModel(self)
        self.proxy = QuoteFilterModel(self)
        self.proxy.setSourceModel(self.quotes)
        self.table = QTableView()
        self.table.setObjectName("quoteTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NUMBER, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(40)  # sizing columns by every row of 300 stalls
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(EXCERPT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SPEAKER, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(SPEAKER, 124)
        header.setSectionResizeMode(LINKED, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(LINKED, 76)
        header.setSectionResizeMode(VERDICT, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(VERDICT, 118)
        header.setStretchLastSection(False)
        self.table.selectionModel().currentRowChanged.connect(self._table_row_changed)

        self.status_filter = QComboBox()
        self.status_filter.addItem("All statuses", "")
        for status in STATUS_ORDER:
            self.status_filter.addItem(status_icon(status), look(status).label, str(status))
        self.kind_filter = QComboBox()
        self.kind_filter.addItem("All kinds", "")
        for kind in QuoteKind:
            self.kind_filter.addItem(kind.value, kind.value)
        self.speaker_filter = QComboBox()
        self.speaker_filter.addItem("All speakers", "")
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter quotes…")
        self.text_filter.setMinimumWidth(70)
        self.text_filter.setClearButtonEnabled(True)
        for combo, length in (
            (self.status_filter, 8),
            (self.kind_filter, 5),
            (self.speaker_filter, 9),
        ):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(length)
            combo.currentIndexChanged.connect(self._filters_changed)
        self.text_filter.textChanged.connect(self._filters_changed)
        self.count = QLabel()
        self.count.setProperty("role", "muted")
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.status_filter)
        filters.addWidget(self.speaker_filter)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.count)
        table_panel = QWidget()
        table_layout = QVBoxLayout(table_panel)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(filters)
        table_layout.addWidget(self.table, 1)

        # --- the selected quote and the sources
        self.detail = DetailPanel()
        detail_scroll = QScrollArea()
        detail_scroll.setWidget(self.detail)
        detail_scroll.setWidgetResizable(True)
        detail_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.sources = SourcesPanel()
        self.sources.quote_chosen.connect(self.select_quote)
        self.evidence = EvidencePanel()
        # In a scroll area, so that its buttons never make the window wider than a small screen.
        evidence_scroll = QScrollArea()
        evidence_scroll.setWidget(self.evidence)
        evidence_scroll.setWidgetResizable(True)
        evidence_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs = QTabWidget()
        self.tabs.addTab(detail_scroll, "Quote")
        self.tabs.addTab(evidence_scroll, "Primary source")
        self.tabs.addTab(self.sources, "Sources")
        self.tabs.setTabToolTip(
            EVIDENCE_TAB, "The passage of the primary source the quote comes from, and what differs"
        )
        self.tabs.setTabToolTip(SOURCES_TAB, "The people and bodies the article credits")

        self.right_splitter = QSplitter(Qt.Orientation.Vertical)
        self.right_splitter.setObjectName("reviewRightSplitter")
        self.right_splitter.addWidget(table_panel)
        self.right_splitter.addWidget(self.tabs)
        self.right_splitter.setStretchFactor(0, 2)
        self.right_splitter.setStretchFactor(1, 3)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reviewSplitter")
        self.splitter.addWidget(article_panel)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(0, 11)  # the article gets the larger share: it is read
        self.splitter.setStretchFactor(1, 9)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addWidget(self.splitter, 1)

        self.article.quote_clicked.connect(self.select_quote)

    # --- content ----------------------------------------------------------------------------

    def show_bundle(self, bundle: ArticleBundle) -> None:
        for _step in self.show_bundle_steps(bundle):
            pass

    def show_bundle_steps(self, bundle: ArticleBundle) -> Iterator[None]:
        """Show an article in steps; the caller lets the event loop run between them.

        Each step is a few milliseconds whatever the article's length: the text a part at a
        time (the first screen first), then its highlights (only those near the screen are
        handed to Qt), then the table's rows ``ROWS_STEP`` at a time, so the reader can scroll
        and pick a quote while a long article's rows are still coming in.
        """
        self.bundle = bundle
        article = bundle.article
        self.title.setText(article.title or (article.origin or "Untitled article"))
        self.show_notes(article.notes)
        self.detail.show_quote(None)
        self.quotes.set_quotes([])
        self.quotes.set_reviews({})
        self.sources.set_sources([], [])
        self.set_documents(bundle.documents)
        self.evidence.show_quote(None, None)
        self._events = bundle.events
        self._kept_place = article.text == self.article.text()
        yield from self.article.show_text_steps(article.text)
        yield
        self.article.set_sources(bundle.sources)
        self.article.set_quotes(bundle.quotes)
        self.detail.set_speaker_names([s.name for s in bundle.sources])
        self._refresh_counts()
        quotes = sorted(bundle.quotes, key=lambda q: (q.start, q.id))
        for first in range(0, len(quotes), ROWS_STEP):
            yield
            self.quotes.add_quotes(quotes[first : first + ROWS_STEP])
            self._refresh_counts()
        self.sources.set_sources(self.bundle.sources, self.quotes.quotes())
        self._refresh_speakers()
        self._refresh_counts()
        self.detail.show_quote(None)
        self.current_changed.emit(None)

    def show_preview_steps(self, title: str, text: str, note: str) -> Iterator[None]:
        """A long article's text as soon as it is read, while its quotes are found and stored:
        no quotes, rows or sources yet (``bundle`` is None); ``show_bundle_steps`` then keeps
        the text and the reader's place in it."""
        self.bundle = None
        self.title.setText(title)
        self.meta.setText(note)
        self.show_notes(())
        self.detail.show_quote(None)
        self.quotes.set_quotes([])
        self.quotes.set_reviews({})
        self.sources.set_sources([], [])
        self.set_documents([])
        self.evidence.show_quote(None, None)
        self._events = []
        yield from self.article.show_text_steps(text)
        self.article.set_sources([])
        self.article.set_quotes([])
        self.current_changed.emit(None)

    def show_notes(self, notes: Sequence[str]) -> None:
        """The article's reading notes in the banner above it, one line (all of them in its
        tooltip); the banner hides when there are none."""
        line = " · ".join(" ".join(note.split()) for note in notes)
        self.notes_banner.setText(f"Note: {line}" if line else "")
        self.notes_banner.setToolTip("\n".join(notes))
        self.notes_banner.setVisible(bool(line))

    def apply_change(self, change: QuoteChange) -> None:
        """Show the state a review action left behind, without losing the reader's place."""
        if self.bundle is None or change.quote.article_id != self.bundle.article.id:
            return
        quote = change.quote
        self._events = change.events
        row = self.quotes.row_of(quote.id)
        before = self.quotes.quote(row) if row is not None else None
        # A new status or note leaves the sources and the speakers as they were: no need to
        # go over every quote again (a long article has thousands).
        credits_changed = (
            change.sources is not None or before is None or _credit(before) != _credit(quote)
        )
        self.quotes.upsert(quote)
        self.article.update_quote(quote)
        if change.sources is not None:
            self.article.set_sources(change.sources)
            self.detail.set_speaker_names([s.name for s in change.sources])
            self.bundle = ArticleBundle(
                self.bundle.article,
                self.quotes.quotes(),
                change.sources,
                change.events,
                self.bundle.documents,
            )
        if credits_changed:
            self.sources.set_sources(self.bundle.sources, self.quotes.quotes())
            self._refresh_speakers()
        self._refresh_counts()
        current = self.detail.quote()
        if current is not None and current.id == quote.id:
            if quote.rejected:
                self.detail.show_quote(None)
                self.evidence.show_quote(None, None)
                self.current_changed.emit(None)
            else:
                self.detail.show_quote(quote, change.events)
                self.evidence.show_quote(quote, self.quotes.review(quote.id))
                self.current_changed.emit(quote)
        else:
            self.detail.show_events(change.events)

    def current_quote(self) -> QuoteRecord | None:
        return self.detail.quote()

    def select_opening_quote(self) -> None:
        """The quote an article opens on: the first, or where the reader already is when its
        text was on screen before its quotes (a long import), without moving the text."""
        if not self.quotes.rowCount():
            return
        quote = self.quotes.quote(0)
        if self._kept_place:
            top, _bottom = self.article.visible_span()
            quote = next((q for q in self.quotes.quotes() if q.end > top), quote)
        self.select_quote(quote.id, scroll=not self._kept_place)

    # --- primary sources ----------------------------------------------------------------------

    def set_documents(self, documents: list[SourceDocumentRecord]) -> None:
        if self.bundle is not None and self.bundle.documents is not documents:
            b = self.bundle
            self.bundle = ArticleBundle(b.article, b.quotes, b.sources, b.events, list(documents))
        self.quotes.set_source_titles({d.id: document_label(d) for d in documents})
        self.evidence.set_documents(documents)
        self.tabs.setTabText(
            EVIDENCE_TAB, f"Primary source ({len(documents)})" if documents else "Primary source"
        )
        self._refresh_counts()

    def set_reviews(self, reviews: dict[int, QuoteReview], *, replace: bool = True) -> None:
        """Show how quotes compare with the sources: the table's verdicts, the current quote's."""
        self.quotes.set_reviews(reviews, replace=replace)
        current = self.current_quote()
        if current is not None and (replace or current.id in reviews):
            self.evidence.show_quote(current, self.quotes.review(current.id))

    # --- selection --------------------------------------------------------------------------

    def select_quote(self, quote_id: int, *, scroll: bool = True) -> None:
        row = self.quotes.row_of(quote_id)
        if row is None:
            return
        source_index = self.quotes.index(row, NUMBER)
        index = self.proxy.mapFromSource(source_index)
        if not index.isValid():  # hidden by a filter: show everything rather than hide it
            self.clear_filters()
            index = self.proxy.mapFromSource(source_index)
        self._syncing = True
        try:
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)
        finally:
            self._syncing = False
        self._show_current(self.quotes.quote(row), scroll=scroll)

    def _table_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        quote_id = current.siblingAtColumn(NUMBER).data(ID_ROLE)
        row = self.quotes.row_of(quote_id)
        if row is not None:
            self._show_current(self.quotes.quote(row), scroll=True)

    def _show_current(self, quote: QuoteRecord, *, scroll: bool) -> None:
        self.article.set_current(quote.id, scroll=scroll)
        self.detail.show_quote(quote, self._events)
        self.evidence.show_quote(quote, self.quotes.review(quote.id))
        if self.tabs.currentIndex() == SOURCES_TAB:
            self.tabs.setCurrentIndex(QUOTE_TAB)  # the reader chose a quote: show it
        self.current_changed.emit(quote)

    def step(self, delta: int) -> QuoteRecord | None:
        """Move to the next (+1) or previous (-1) quote in the table's order."""
        rows = self.proxy.rowCount()
        if rows == 0:
            return None
        current = self.table.selectionModel().currentIndex()
        row = current.row() + delta if current.isValid() else (0 if delta > 0 else rows - 1)
        row = max(0, min(rows - 1, row))
        quote_id = self.proxy.index(row, NUMBER).data(ID_ROLE)
        self.select_quote(quote_id)
        return self.current_quote()

    # --- filters and find -------------------------------------------------------------------

    def _filters_changed(self) -> None:
        self.proxy.set_filters(
            status=self.status_filter.currentData() or "",
            speaker=self.speaker_filter.currentData() or "",
            kind=self.kind_filter.currentData() or "",
            text=self.text_filter.text(),
        )
        self._refresh_counts()

    def clear_filters(self) -> None:
        for combo in (self.status_filter, self.kind_filter, self.speaker_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.text_filter.blockSignals(True)
        self.text_filter.clear()
        self.text_filter.blockSignals(False)
        self._filters_changed()

    def _refresh_speakers(self) -> None:
        chosen = self.speaker_filter.currentData()
        names = sorted({speaker_label(q) for q in self.quotes.quotes()}, key=str.lower)
        self.speaker_filter.blockSignals(True)
        self.speaker_filter.clear()
        self.speaker_filter.addItem("All speakers", "")
        for name in names:
            self.speaker_filter.addItem(name, name)
        at = self.speaker_filter.findData(chosen) if chosen else 0
        self.speaker_filter.setCurrentIndex(max(at, 0))
        self.speaker_filter.blockSignals(False)

    def _refresh_counts(self) -> None:
        quotes = self.quotes.quotes()
        # The primary-source columns wait until the article has a primary source (or a link).
        documents = self.bundle.documents if self.bundle is not None else []
        evidence = bool(documents) or any(q.links for q in quotes)
        self.table.setColumnHidden(LINKED, not evidence)
        self.table.setColumnHidden(VERDICT, not evidence)
        # The kind gives way to the verdict (it stays in the quote's heading and the filter),
        # so that the quote's own words keep a readable width.
        self.table.setColumnHidden(KIND, evidence)
        done = sum(1 for q in quotes if q.status not in ("unverified", "in_review"))
        shown = self.proxy.rowCount()
        self.count.setText(f"{shown} of {len(quotes)}" if shown != len(quotes) else "")
        if self.bundle is not None:
            article = self.bundle.article
            parts = [p for p in (article.outlet, article.author, article.published) if p]
            parts.append(f"{len(quotes)} quotes, {done} checked")
            anonymous = sum(1 for s in self.bundle.sources if s.anonymous)
            if anonymous:
                parts.append(f"{anonymous} anonymous source{'s' if anonymous > 1 else ''}")
            self.meta.setText(" · ".join(parts))
            self.tabs.setTabText(SOURCES_TAB, f"Sources ({len(self.bundle.sources)})")

    def open_find(self) -> None:
        self.find_field.show()
        self.find_field.setFocus()
        self.find_field.selectAll()

    def close_find(self) -> None:
        self.find_field.hide()
        self.find_status.hide()
        self.article.setFocus()

    def find_next(self, *, from_start: bool = False) -> bool:
        needle = self.find_field.text()
        if not needle:
            self.find_status.hide()
            return False
        if from_start:
            cursor = self.article.textCursor()
            cursor.setPosition(cursor.selectionStart())
            self.article.setTextCursor(cursor)
        found = self.article.find(needle)
        if not found:  # wrap around to the top
            cursor = self.article.textCursor()
            cursor.movePosition(cursor.MoveOperation.Start)
            self.article.setTextCursor(cursor)
            found = self.article.find(needle)
        self.find_status.setText("" if found else f"“{needle}” is not in the article.")
        self.find_status.setVisible(not found)
        return found

    def focus_table(self) -> None:
        self.table.setFocus()

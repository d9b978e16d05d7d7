"""The primary source beside the article: where a quote comes from, and word by word what differs.

The source text is read-only and painted by the highlighter kept by kind (as the article view
is), so the offsets the core gives are the offsets painted. No difference is told by colour
alone: words the quote leaves out are struck through, words it changes or adds are underlined (a
wave in the source, a solid line and bold in the quote), text an ellipsis stands for is in
italics with a dotted underline, and the verdict is a glyph and a word before it is a colour.
The words and markup themselves are in ``evidence_text.py``.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QResizeEvent, QShowEvent, QTextCharFormat
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from workbench.ui.ops import CANDIDATE, CHANGED, ELIDED, LINKED, MISSING, PassageOption, QuoteReview
from workbench.ui.theme import is_dark
from workbench.ui.views.evidence_text import (
    PASSAGE,
    document_label,
    legend_html,
    mark_colours,
    quote_html,
)
from workbench.ui.views.span_text import SpanTextView
from workbench.vocabulary import verdict_words

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import QuoteRecord, SourceDocumentRecord

Underline = QTextCharFormat.UnderlineStyle


class SourceTextView(SpanTextView):
    """A primary source's text, read-only, with the passage and its differences painted."""

    HIGHLIGHT_KINDS = (PASSAGE, MISSING, CHANGED, ELIDED)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceView")
        self.document().setDocumentMargin(10)
        self.source_id: int | None = None
        self._option: PassageOption | None = None
        self._centre_pending = False

    def sizeHint(self) -> QSize:
        # Small, so that the panel around it fits a short tab without scrolling; the layout
        # gives the text all the height that is left.
        return QSize(300, 90)

    def set_source(self, source_id: int | None, text: str) -> None:
        if source_id == self.source_id and text == self._text:
            return
        self.source_id = source_id
        self._show_text(text)
        self._option = None
        self.highlights.clear()

    def show_option(self, option: PassageOption | None) -> None:
        """Paint an option's passage and marks (it must be in the source shown) and centre it."""
        self._option = option if option is not None and option.source_id == self.source_id else None
        self._paint()
        self._centre_pending = self._option is not None
        if self.isVisible():
            self._centre()

    def _centre(self) -> None:
        """Bring the passage to the middle (only once the view is laid out can it scroll)."""
        if self._option is None or not self._centre_pending:
            return
        self._centre_pending = False
        self.setTextCursor(self.span_cursor(self._option.start, self._option.start))
        self.centerCursor()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._centre()

    def centre_passage(self) -> None:
        """Bring the passage shown to the middle again (after the layout has settled)."""
        self._centre_pending = self._option is not None
        self._centre()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre()

    def passage_visible(self) -> bool:
        """Whether the passage's first words are on screen (for tests)."""
        if self._option is None:
            return False
        rect = self.cursorRect(self.span_cursor(self._option.start, self._option.start))
        return self.viewport().rect().contains(rect.center())

    def _paint(self) -> None:
        option = self._option
        marks = option.source_marks if option is not None else ()
        dark = is_dark(self.palette())
        colours = mark_colours(dark)
        passage = QTextCharFormat()
        passage.setBackground(QColor(colours[PASSAGE]))
        self.highlights.set(PASSAGE, [(option.start, option.end, passage)] if option else [])
        for kind in (MISSING, CHANGED, ELIDED):
            self.highlights.set(
                kind,
                (
                    (m.start, m.end, mark_format(kind, colours, dark))
                    for m in marks
                    if m.kind == kind
                ),
            )
        self.highlights.apply()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()


def mark_format(kind: str, colours: dict[str, str], dark: bool) -> QTextCharFormat:
    """How a mark in the source looks: struck, wavy-underlined or italic, besides its tint."""
    fmt = QTextCharFormat()
    if kind == MISSING:
        fmt.setFontStrikeOut(True)
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(QColor(colours[MISSING]))
    elif kind == CHANGED:
        fmt.setBackground(QColor(colours[CHANGED]))
        if dark:
            fmt.setForeground(QColor("#ffffff"))
        fmt.setUnderlineStyle(Underline.WaveUnderline)
        fmt.setUnderlineColor(QColor(colours["changed_line"]))
        fmt.setFontWeight(QFont.Weight.Bold)
    else:
        fmt.setFontItalic(True)
        fmt.setUnderlineStyle(Underline.DotLine)
        fmt.setForeground(QColor(colours[ELIDED]))
    return fmt


ROLE_WORDS = {
    LINKED: "Linked passage",
    "proposed": "Proposed passage, not linked yet",
    CANDIDATE: "Another possible passage",
}


class EvidencePanel(QWidget):
    """The selected quote against its primary sources: verdict, both texts, and the actions."""

    attach_requested = Signal()
    accept_requested = Signal()
    reject_requested = Signal()
    unlink_requested = Signal()
    link_selection_requested = Signal()
    step_requested = Signal(int)  # +1 next passage, -1 previous
    cancel_requested = Signal()
    recheck_requested = Signal()
    option_changed = Signal(object)  # the PassageOption now shown, or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidencePanel")
        self._documents: dict[int, SourceDocumentRecord] = {}
        self._quote: QuoteRecord | None = None
        self._review: QuoteReview | None = None
        self._index = 0

        # --- which source, and attaching one
        self.source_combo = QComboBox()
        self.source_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.source_combo.setMinimumContentsLength(10)
        self.source_combo.setToolTip("The primary source shown; select words in it to link them")
        self.source_combo.activated.connect(self._source_picked)
        self.attach_button = QPushButton("Attach source…")
        self.attach_button.setToolTip(
            "Attach the transcript, report or page the article quotes: a file, a web address "
            "or pasted text (Ctrl+Shift+O)"
        )
        self.attach_button.clicked.connect(self.attach_requested)
        self.recheck_button = QPushButton("Re-check")
        self.recheck_button.setToolTip(
            "Read or fetch this source again: has it changed since it was captured, and do the "
            "linked passages still match? The snapshot kept as evidence is never changed."
        )
        self.recheck_button.clicked.connect(self.recheck_requested)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        caption = QLabel("Source")
        caption.setProperty("role", "heading")
        top.addWidget(caption)
        top.addWidget(self.source_combo, 1)
        top.addWidget(self.recheck_button)
        top.addWidget(self.attach_button)

        # --- the verdict
        self.badge = QLabel()
        self.badge.setObjectName("verdictBadge")
        self.badge.setTextFormat(Qt.TextFormat.RichText)
        self.position = QLabel()
        self.position.setProperty("role", "muted")
        self.position.setWordWrap(True)
        verdict_row = QHBoxLayout()
        verdict_row.setContentsMargins(0, 0, 0, 0)
        verdict_row.addWidget(self.badge)
        verdict_row.addWidget(self.position, 1)
        self.mismatch = QLabel()
        self.mismatch.setObjectName("speakerMismatch")
        self.mismatch.setWordWrap(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        # --- the two texts
        self.quote_caption = QLabel("In the article")
        self.quote_caption.setProperty("role", "muted")
        self.quote_label = QLabel()
        self.quote_label.setTextFormat(Qt.TextFormat.RichText)
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quote_label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        quote_font = QFont(self.font())
        quote_font.setPointSizeF(quote_font.pointSizeF() * 1.12)
        self.quote_label.setFont(quote_font)
        self.source_caption = QLabel("In the source")
        self.source_caption.setProperty("role", "muted")
        self.source_caption.setWordWrap(True)
        self.view = SourceTextView()
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setProperty("role", "legend")

        # --- the actions (their keys are the window's; the buttons say which)
        self.accept_button = QPushButton("Link  (L)")
        self.accept_button.setToolTip("Link the quote to this passage of the source (L)")
        self.accept_button.clicked.connect(self.accept_requested)
        self.reject_button = QPushButton("Not this  (R)")
        self.reject_button.setToolTip(
            "This passage is not where the quote comes from: reject it (R)"
        )
        self.reject_button.clicked.connect(self.reject_requested)
        self.unlink_button = QPushButton("Unlink  (U)")
        self.unlink_button.setToolTip("Remove the link to this passage (U)")
        self.unlink_button.clicked.connect(self.unlink_requested)
        self.next_button = QPushButton("Next  (C)")
        self.next_button.setToolTip("Show the next possible passage (C; Shift+C goes back)")
        self.next_button.clicked.connect(lambda: self.step_requested.emit(+1))
        self.selection_button = QPushButton("Link selection  (⇧L)")
        self.selection_button.setToolTip(
            "Link the quote to the words selected in the source text (Shift+L)"
        )
        self.selection_button.clicked.connect(self.link_selection_requested)
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (
            self.accept_button,
            self.unlink_button,
            self.reject_button,
            self.next_button,
            self.selection_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        # --- slow work: fetching a page, comparing every quote
        self.progress_label = QLabel()
        self.progress_label.setProperty("role", "muted")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(120)
        self.progress.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        progress_row = QHBoxLayout()
        progress_row.setContentsMargins(0, 0, 0, 0)
        progress_row.addWidget(self.progress_label, 1)
        progress_row.addWidget(self.progress)
        progress_row.addWidget(self.cancel_button)
        self.progress_box = QWidget()
        self.progress_box.setLayout(progress_row)
        self.progress_box.hide()

        # --- what the last re-check of the source shown found
        self.recheck_label = QLabel()
        self.recheck_label.setObjectName("recheckResult")
        self.recheck_label.setTextFormat(Qt.TextFormat.RichText)
        self.recheck_label.setWordWrap(True)
        self.recheck_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recheck_label.hide()
        self._recheck: tuple[int, str] | None = None  # (source id, what was found)

        # --- the pages: nothing attached yet, a message, the comparison
        self.empty = QLabel(
            "<p><b>No primary source attached yet.</b></p>"
            "<p>Attach the transcript, report, web page or notes this article quotes. The "
            "workbench finds each quote in it, scores it and shows word by word where the "
            "article departs from it.</p>"
        )
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_attach = QPushButton("Attach a primary source…")
        self.empty_attach.clicked.connect(self.attach_requested)
        empty_page = QWidget()
        empty_layout = QVBoxLayout(empty_page)
        empty_layout.addWidget(self.empty)
        empty_layout.addWidget(self.empty_attach, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(1)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setProperty("role", "muted")

        compare_page = QWidget()
        compare = QVBoxLayout(compare_page)
        compare.setContentsMargins(0, 0, 0, 0)
        compare.setSpacing(4)
        compare.addLayout(verdict_row)
        compare.addWidget(self.mismatch)
        compare.addWidget(self.reason)
        compare.addWidget(self.quote_caption)
        compare.addWidget(self.quote_label)
        compare.addLayout(actions)  # above the source text, so a short panel never hides them
        compare.addWidget(self.source_caption)
        compare.addWidget(self.view, 1)
        compare.addWidget(self.legend)

        self.pages = QStackedWidget()
        self.pages.addWidget(empty_page)
        self.pages.addWidget(compare_page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(4)
        self.top = QFrame()
        self.top.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.top)
        layout.addWidget(self.progress_box)
        layout.addWidget(self.recheck_label)
        layout.addWidget(self.pages, 1)
        self._refresh_legend()
        self._show()

    # --- what is shown ----------------------------------------------------------------------

    def set_documents(self, documents: list[SourceDocumentRecord]) -> None:
        self._documents = {d.id: d for d in documents}
        chosen = self.source_combo.currentData()
        self.source_combo.blockSignals(True)
        self.source_combo.clear()
        for document in documents:
            self.source_combo.addItem(document_label(document), document.id)
            self.source_combo.setItemData(
                self.source_combo.count() - 1, document.origin, Qt.ItemDataRole.ToolTipRole
            )
        at = self.source_combo.findData(chosen) if chosen is not None else 0
        self.source_combo.setCurrentIndex(max(at, 0))
        self.source_combo.blockSignals(False)
        self.top.setVisible(bool(documents))
        if self.view.source_id not in self._documents:
            self.view.set_source(None, "")
        if self._recheck is not None and self._recheck[0] not in self._documents:
            self._recheck = None
        self._show()
        self._show_recheck()

    def documents(self) -> list[SourceDocumentRecord]:
        return list(self._documents.values())

    def show_quote(self, quote: QuoteRecord | None, review: QuoteReview | None) -> None:
        """Show a quote's comparison; a newer review of the same quote keeps the reader's place
        (the same passage if it is still there, else the one now at that position)."""
        same = quote is not None and self._quote is not None and quote.id == self._quote.id
        kept = self.current_option() if same else None
        self._quote, self._review = quote, review
        self._index = 0
        if kept is not None and review is not None:
            keys = [o.key for o in review.options]
            if kept.key in keys:
                self._index = keys.index(kept.key)
        self._show()

    def quote(self) -> QuoteRecord | None:
        return self._quote

    def review(self) -> QuoteReview | None:
        return self._review

    def current_option(self) -> PassageOption | None:
        if self._review is None or not self._review.options:
            return None
        return self._review.options[min(self._index, len(self._review.options) - 1)]

    def step(self, delta: int) -> bool:
        """Show the next (+1) or previous (-1) passage, round and round; False if there is none."""
        if self._review is None or len(self._review.options) < 2:
            return False
        self._index = (self._index + delta) % len(self._review.options)
        self._show()
        return True

    def current_source_id(self) -> int | None:
        return self.view.source_id

    def current_document(self) -> SourceDocumentRecord | None:
        """The source picked in the list (the one Re-check reads again)."""
        return self._documents.get(self.source_combo.currentData())

    def show_recheck(self, source_id: int, text: str) -> None:
        """What re-checking a source found (rich text), shown while that source is picked."""
        self._recheck = (source_id, text)
        self._show_recheck()

    def recheck_text(self) -> str:
        return "" if self.recheck_label.isHidden() else self.recheck_label.text()

    def _show_recheck(self) -> None:
        shown = self._recheck is not None and self._recheck[0] == self.source_combo.currentData()
        self.recheck_label.setText(self._recheck[1] if shown and self._recheck else "")
        self.recheck_label.setVisible(shown)

    def show_progress(self, text: str | None, done: int = 0, total: int = 0) -> None:
        self.progress_box.setVisible(text is not None)
        self.progress_label.setText(text or "")
        self.progress.setRange(0, total if total else 0)
        self.progress.setValue(done)

    def _source_picked(self, _row: int) -> None:
        source_id = self.source_combo.currentData()
        self._show_recheck()
        document = self._documents.get(source_id)
        if document is not None:
            self.view.set_source(document.id, document.text)
            option = self.current_option()
            self.view.show_option(option)
            if option is None or option.source_id != document.id:
                self.source_caption.setText(
                    f"{document_label(document)} — select words here and press Shift+L to link them"
                )

    def _show(self) -> None:
        if not self._documents:
            self.pages.setCurrentIndex(0)
            self.option_changed.emit(None)
            return
        self.pages.setCurrentIndex(1)
        option = self.current_option()
        quote, review = self._quote, self._review
        for widget in (self.accept_button, self.reject_button, self.unlink_button):
            widget.setVisible(option is not None)
        self.selection_button.setEnabled(quote is not None)
        self.next_button.setEnabled(review is not None and len(review.options) > 1)
        if option is not None:
            linked = option.role == LINKED
            self.accept_button.setVisible(not linked)
            self.reject_button.setVisible(not linked)
            self.unlink_button.setVisible(linked)
        if quote is None:
            self._set_badge(None)
            self.position.setText("Select a quote to compare it with the source.")
            self._plain_quote("")
            self.mismatch.hide()
            self.reason.setText("")
        elif review is None:
            self._set_badge(None)
            self.position.setText("Comparing the quote with the sources…")
            self._plain_quote(quote.text)
            self.mismatch.hide()
            self.reason.setText("")
        elif option is None:
            self._set_badge("not_found")
            self.position.setText(
                "Nothing was linked. If you find the words, select them in the source and "
                "press Shift+L."
            )
            self._plain_quote(quote.text)
            self.mismatch.hide()
            self.reason.setText(review.reason)
        else:
            self._show_option(option, review)
        if option is None:
            document = self._documents.get(self.source_combo.currentData())
            if document is None and self._documents:
                document = next(iter(self._documents.values()))
            if document is not None:
                self.view.set_source(document.id, document.text)
                self.source_caption.setText(
                    f"{document_label(document)} — select words here and press Shift+L to link them"
                )
            self.view.show_option(None)
        self.option_changed.emit(option)

    def _show_option(self, option: PassageOption, review: QuoteReview) -> None:
        match = option.match
        count = len(review.options)
        where = ROLE_WORDS.get(option.role, "Passage")
        if option.below_threshold and option.role == LINKED:
            where = f"Linked passage; its words score below the threshold of {review.threshold:g}"
        elif option.below_threshold:
            where = (
                f"Closest passage, below the threshold of {review.threshold:g}: link it only if "
                "you are sure"
            )
        self._set_badge(option.verdict, option.score)
        page = f" · p. {option.page}" if option.page is not None else ""
        self.position.setText(f"{where}{page} · {self._index + 1} of {count}")
        if match.speaker_mismatch and match.speaker:
            article = self._quote.speaker.name if self._quote and self._quote.speaker else "?"
            self.mismatch.setText(
                f"⚠ Speaker mismatch: said by {match.speaker}, not {article} as the article says"
            )
            self.mismatch.show()
        else:
            self.mismatch.hide()
        self.reason.setText(match.reason)
        self.quote_label.setText(quote_html(option, is_dark(self.palette())))
        document = self._documents.get(option.source_id)
        if document is not None:
            at = self.source_combo.findData(option.source_id)
            if at >= 0:
                self.source_combo.setCurrentIndex(at)
                self._show_recheck()
            self.view.set_source(document.id, document.text)
            said = f" · said by {match.speaker}" if match.speaker else ""
            cue = f" · {match.timestamp.start}–{match.timestamp.end}" if match.timestamp else ""
            self.source_caption.setText(f"In {document_label(document)}{page}{said}{cue}")
        self.view.show_option(option)

    def _set_badge(self, verdict: str | None, score: float | None = None) -> None:
        if verdict is None:
            self.badge.hide()
            return
        entry = verdict_words(verdict)
        text = f"{entry.glyph} {entry.label}"
        if score is not None:
            text += f" · score {score:.1f}"
        self.badge.setText(text)
        self.badge.setToolTip(f"{entry.label}: {entry.description}")
        colour = entry.dark if is_dark(self.palette()) else entry.light
        self.badge.setStyleSheet(
            f"QLabel#verdictBadge {{ color: {colour}; border-color: {colour}; }}"
        )
        self.badge.show()

    def _plain_quote(self, text: str) -> None:
        self.quote_label.setText(f"“{html.escape(text)}”" if text else "")

    def _refresh_legend(self) -> None:
        self.legend.setText(legend_html(is_dark(self.palette())))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._refresh_legend()
            self._show()

"""The main window: the shell that wires the review session, the actions and the views.

The session (``ui/session.py``) does the work off the GUI thread and says what happened by
signal; the window paints it on the library and review pages, and turns what the reviewer does
(keys from ``ui/actions.py``, clicks on the views) into session calls; what the review page's
keys do to the quote on screen is ``ui/review_actions.py``. What only the window knows stays
here: which page is on screen, what is enabled, the dialogs and the status bar.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolButton,
)

from workbench import __version__
from workbench.errors import EnvironmentFault, UserError
from workbench.ui import ops
from workbench.ui.actions import NEEDS_ARTICLE, NEEDS_QUOTE, WindowActions
from workbench.ui.dialogs.export import ExportDialog, OverwriteQuestion
from workbench.ui.dialogs.file_picker import choose_files_to_open
from workbench.ui.dialogs.reviewer import PreferencesDialog
from workbench.ui.dialogs.shortcuts import ShortcutsDialog
from workbench.ui.errors import describe
from workbench.ui.ops import LINKED, ArticleBundle, ExportRequest
from workbench.ui.review_actions import ReviewActions
from workbench.ui.session import ReviewSession
from workbench.ui.tasks import TaskRunner
from workbench.ui.theme import app_icon
from workbench.ui.views.evidence_text import document_label, recheck_sentence, recheck_summary
from workbench.ui.views.library_page import LibraryPage
from workbench.ui.views.review_page import EVIDENCE_TAB, ReviewPage
from workbench.ui.window_memory import WindowMemory

ARTICLE_FILES = "Articles (*.txt *.md *.markdown *.html *.htm *.docx *.pdf);;All files (*)"


class MainWindow(QMainWindow):
    article_shown = Signal(int)  # article id, once its page is painted
    library_loaded = Signal()  # the library page shows the articles as stored
    change_applied = Signal(object)  # QuoteChange, once the review page shows it
    error_shown = Signal(str)

    def __init__(
        self,
        *,
        db_target: str | None = None,
        runner: TaskRunner | None = None,
        remember: bool = True,
    ) -> None:
        super().__init__()
        self.setWindowTitle("Fact-check workbench")
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        self.session = ReviewSession(db_target=db_target, runner=runner, parent=self)
        self.last_error: str | None = None
        self._showing = 0  # counts articles asked to be shown, so a stale one stops midway

        self.library = LibraryPage()
        self.review = ReviewPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.library)
        self.pages.addWidget(self.review)
        self.setCentralWidget(self.pages)
        self.reviewing = ReviewActions(self)
        self._connect_views()
        self._connect_session()
        self.window_actions = WindowActions(self, self.session.undo_stack)
        self.memory = WindowMemory(self, remember=remember)
        self._build_status_bar()
        self.pages.currentChanged.connect(self._page_changed)
        self.resize(1280, 820)
        self.memory.restore()
        self._page_changed()

    def _connect_views(self) -> None:
        reviewing = self.reviewing
        self.library.open_requested.connect(self.open_article)
        self.library.import_requested.connect(self.choose_files)
        self.library.paste_requested.connect(self.import_clipboard)
        self.review.current_changed.connect(self._current_changed)
        detail = self.review.detail
        detail.status_chosen.connect(lambda _qid, status: reviewing.set_status(status))
        detail.note_paused.connect(reviewing.note_paused)
        detail.speaker_entered.connect(reviewing.speaker_entered)
        detail.reject_requested.connect(lambda _qid: reviewing.reject_current())
        evidence = self.review.evidence
        evidence.attach_requested.connect(reviewing.choose_source)
        evidence.accept_requested.connect(reviewing.accept_passage)
        evidence.reject_requested.connect(reviewing.reject_passage)
        evidence.unlink_requested.connect(reviewing.unlink_passage)
        evidence.link_selection_requested.connect(reviewing.link_selection)
        evidence.step_requested.connect(reviewing.step_passage)
        evidence.cancel_requested.connect(self.session.cancel_source_work)
        evidence.recheck_requested.connect(reviewing.recheck_source)
        evidence.option_changed.connect(lambda _option: self._refresh_link_actions())
        # Enter marks verified only where the reader is reading, never inside a text field.
        for widget in (self.review.table, self.review.article):
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), widget)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(reviewing.verify_and_next)

    def _connect_session(self) -> None:
        session, review = self.session, self.review
        session.library_ready.connect(self._library_ready)
        session.article_requested.connect(lambda _id: review.detail.flush_note())
        session.article_ready.connect(self._show_bundle)
        session.change_stored.connect(self._change_stored)
        session.note_saved.connect(review.detail.note_saved)
        session.note_failed.connect(review.detail.note_failed)
        session.quote_added.connect(review.select_quote)
        session.source_attached.connect(self._source_attached)
        session.reviews_ready.connect(self._reviews_ready)
        session.review_updated.connect(lambda _id, reviews: self._reviews_ready(reviews))
        session.recheck_done.connect(self._recheck_done)
        session.export_exists.connect(self._export_exists)
        session.progress.connect(self._show_progress)
        session.source_progress.connect(review.evidence.show_progress)
        session.message.connect(self.statusBar().showMessage)
        session.error.connect(self.report_error)

    # --- the status bar and what is enabled -------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.session.cancel_imports)
        self.reviewer_label = QLabel()
        for widget in (self.progress_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        bar.addPermanentWidget(self.reviewer_label)
        self.refresh_reviewer()

    def _show_progress(self, text: str | None, cancellable: bool) -> None:
        self.progress_label.setText(text or "")
        self.progress_label.setVisible(text is not None)
        self.progress.setVisible(text is not None)
        self.cancel_button.setVisible(cancellable)

    def refresh_reviewer(self) -> None:
        from workbench.settings import reviewer_name

        try:
            name = reviewer_name()
        except (UserError, EnvironmentFault) as error:
            name = "?"
            self.statusBar().showMessage(str(error), 10_000)
        self.reviewer_label.setText(f"Reviewer: {name}")

    def on_review_page(self) -> bool:
        return self.pages.currentWidget() is self.review

    def _page_changed(self, _index: int = 0) -> None:
        on_review = self.on_review_page()
        for action in self.window_actions.group(NEEDS_ARTICLE):
            action.setEnabled(on_review)
        self._current_changed(self.review.current_quote() if on_review else None)
        if not on_review:
            self.setWindowTitle("Fact-check workbench — Library")

    def _current_changed(self, quote) -> None:
        enabled = quote is not None and self.on_review_page()
        for action in self.window_actions.group(NEEDS_QUOTE):
            action.setEnabled(enabled)
        self._refresh_link_actions()

    def _refresh_link_actions(self) -> None:
        actions = self.window_actions
        on_review = self.on_review_page()
        bundle = self.review.bundle
        has_sources = on_review and bundle is not None and bool(bundle.documents)
        sources = has_sources and self.review.current_quote() is not None
        option = self.review.evidence.current_option() if sources else None
        review = self.review.evidence.review() if sources else None
        proposed = option is not None and option.role != LINKED
        several = review is not None and len(review.options) > 1
        actions["recheck_source"].setEnabled(has_sources)
        actions["link_selection"].setEnabled(sources)
        actions["accept_link"].setEnabled(proposed)
        actions["reject_passage"].setEnabled(proposed)
        actions["unlink"].setEnabled(option is not None and option.role == LINKED)
        actions["next_passage"].setEnabled(several)
        actions["previous_passage"].setEnabled(several)

    # --- the library and importing ----------------------------------------------------------

    def open_database(self, then: Callable[[], object] | None = None) -> None:
        self.session.open_database(then)

    def _library_ready(self, entries: list[ops.LibraryEntry]) -> None:
        self.library.set_entries(entries)
        self.library_loaded.emit()

    def show_library(self) -> None:
        self.review.detail.flush_note()
        self.pages.setCurrentWidget(self.library)
        self.session.reload_library()
        self.library.search.setFocus()

    def choose_files(self) -> None:
        paths = choose_files_to_open(self, "Import articles", ARTICLE_FILES)
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        self.session.import_paths(paths)

    def import_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.report_error(
                UserError("The clipboard holds no text; copy the article's text first.")
            )
            return
        self.session.import_text(text)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls: list[QUrl] = event.mimeData().urls()
        paths = [url.toLocalFile() if url.isLocalFile() else url.toString() for url in urls]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # --- the review page --------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        self.session.open_article(article_id)

    def _show_bundle(self, bundle: ArticleBundle, reload: bool) -> None:
        current = self.review.current_quote()
        keep = current.id if reload and current is not None else None
        self._showing += 1
        showing = self._showing
        steps = self.review.show_bundle_steps(bundle)
        self.pages.setCurrentWidget(self.review)
        self.setWindowTitle(f"{bundle.article.title or 'Article'} — Fact-check workbench")

        def advance() -> None:
            if showing != self._showing:
                return  # another article was asked for meanwhile
            if next(steps, StopIteration) is not StopIteration:
                if self.session.runner.synchronous:
                    advance()
                else:
                    QTimer.singleShot(0, advance)  # let the window breathe between steps
                return
            if keep is not None and self.review.quotes.row_of(keep) is not None:
                self.review.select_quote(keep)  # a reload keeps the reader's place
            elif bundle.quotes:
                self.review.select_quote(self.review.quotes.quote(0).id)
            self.review.focus_table()
            self.session.compare_all_quotes()
            self.article_shown.emit(bundle.article.id)

        advance()

    def _change_stored(self, change: ops.QuoteChange) -> None:
        self.review.apply_change(change)
        self.change_applied.emit(change)

    # --- what the session reports about primary sources -----------------------------------

    def _source_attached(self, result: ops.SourceAttached, article_id: int) -> None:
        bundle = self.review.bundle
        if bundle is not None and bundle.article.id == article_id:
            self.review.set_documents(result.documents)
            self.review.detail.show_events(result.events)
            self.review.tabs.setCurrentIndex(EVIDENCE_TAB)

    def _reviews_ready(self, reviews: dict[int, ops.QuoteReview]) -> None:
        self.review.set_reviews(reviews, replace=False)
        self._refresh_link_actions()

    def _recheck_done(self, report, document) -> None:
        numbers = {q.id: q.number for q in self.review.quotes.quotes()}
        self.review.evidence.show_recheck(document.id, recheck_summary(report, document, numbers))
        self.statusBar().showMessage(recheck_sentence(report, document_label(document)), 10_000)

    # --- exports ----------------------------------------------------------------------------

    def export_review(self) -> None:
        """File ▸ Export…: the open article's review, in a format and file the reviewer picks."""
        bundle = self.review.bundle
        if bundle is None or not self.on_review_page():
            self.report_error(
                UserError(
                    "Open an article first to export its review, or use File ▸ Export the "
                    "library… for every article."
                )
            )
            return
        self.review.detail.flush_note()  # a note typed a moment ago belongs in the export
        title = bundle.article.title or "Untitled article"
        preview = self.session.report_preview(bundle.article.id)
        choice = ExportDialog.ask(self, title=title, preview=preview)
        if choice is not None:
            request = ExportRequest(choice.fmt, choice.path, bundle.article.id)
            self.session.export(request, f"“{title}”")

    def export_whole_library(self) -> None:
        self.review.detail.flush_note()
        preview = self.session.report_preview(None)
        choice = ExportDialog.ask(self, title="", library=True, preview=preview)
        if choice is not None:
            request = ExportRequest(
                choice.fmt, choice.path, None, choice.statuses, choice.since, choice.until
            )
            self.session.export(request, "the library")

    def _export_exists(self, request: ExportRequest, selection, what: str, path: Path) -> None:
        if OverwriteQuestion.ask(self, path):
            self.session.write_export(request, selection, what, overwrite=True)
        else:
            self.statusBar().showMessage(f"Nothing was exported; {path} is left as it was.", 10_000)

    # --- errors, dialogs, settings ----------------------------------------------------------

    def report_error(self, error: BaseException) -> None:
        title, text, bug = describe(error)
        self.last_error = text
        self.statusBar().showMessage(text, 15_000)
        box = QMessageBox(
            QMessageBox.Icon.Critical if bug else QMessageBox.Icon.Warning,
            title,
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_shown.emit(text)

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About the fact-check workbench",
            f"<h3>Fact-check workbench {__version__}</h3>"
            "<p>Find every quote and source in an article, check each against its primary "
            "source, and keep a tamper-evident record of the review.</p>"
            "<p>Everything stays on this computer. MIT licence.</p>",
        )

    def edit_preferences(self) -> None:
        from workbench.settings import reviewer_name, set_reviewer

        answer = PreferencesDialog.ask(self, reviewer_name(), self.memory.font_size())
        if answer is None:
            return
        name, size = answer
        try:
            if name:
                set_reviewer(name)
        except (UserError, EnvironmentFault) as error:
            self.report_error(error)
        self.memory.set_font_size(size)
        self.refresh_reviewer()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.review.detail.flush_note()  # a note typed a moment ago is saved, not dropped
        self.memory.save()
        self.session.close()
        super().closeEvent(event)

    def ask_reviewer_if_unknown(self) -> None:
        """At first start, ask who is reviewing (never in tests or `screenshot`)."""
        from workbench.settings import load_settings, set_reviewer
        from workbench.ui.dialogs.reviewer import ReviewerDialog

        try:
            if load_settings().reviewer:
                return
        except (UserError, EnvironmentFault) as error:
            self.report_error(error)
            return
        name = ReviewerDialog.ask(self)
        if name:
            try:
                set_reviewer(name)
            except (UserError, EnvironmentFault) as error:
                self.report_error(error)
        self.refresh_reviewer()

"""The main window: the library and the review page, the actions and keys, the undo stack.

Every review action is an undo command whose service call runs on the serial database thread
(``TaskRunner.database``); the result comes back by signal and is painted by the review page.
Capturing a primary source (reading a file, fetching a page) and comparing quotes with it run on
the work pool, with progress and a Cancel button beside the source view.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QUndoStack,
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
from workbench.domain import SpeakerRef, Status
from workbench.errors import EnvironmentFault, UserError
from workbench.ui import ops
from workbench.ui.dialogs.attach_source import AttachSourceDialog, WeakLinkQuestion
from workbench.ui.dialogs.export import (
    FORMAT_NAMES,
    ExportDialog,
    OverwriteQuestion,
    PreviewFilters,
    PreviewLoader,
)
from workbench.ui.dialogs.file_picker import choose_files_to_open
from workbench.ui.dialogs.reviewer import PreferencesDialog
from workbench.ui.dialogs.shortcuts import ShortcutsDialog
from workbench.ui.errors import describe
from workbench.ui.ops import (
    LINKED,
    PROPOSED,
    ArticleBundle,
    ExportRequest,
    ImportOutcome,
    PassageOption,
    PreparedImport,
    QuoteChange,
    QuoteReview,
    ReviewInputs,
    SourceAttached,
)
from workbench.ui.statuses import STATUS_ORDER, look
from workbench.ui.tasks import Task, TaskRunner
from workbench.ui.theme import app_icon, named_icon, status_icon
from workbench.ui.undo import (
    AddQuoteCommand,
    AdjustSpanCommand,
    ChangeSpeakerCommand,
    EditNoteCommand,
    LinkPassageCommand,
    MarkStatusCommand,
    RejectPassageCommand,
    RejectQuoteCommand,
    UnlinkPassageCommand,
)
from workbench.ui.views.library_page import LibraryPage
from workbench.ui.views.review_page import EVIDENCE_TAB, ReviewPage
from workbench.ui.views.source_view import document_label, recheck_sentence, recheck_summary

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import Database

DEFAULT_FONT_SIZE = 12
ARTICLE_FILES = "Articles (*.txt *.md *.markdown *.html *.htm *.docx *.pdf);;All files (*)"


def ui_settings_path() -> Path:
    """Beside settings.json (under $XDG_CONFIG_HOME on Linux), so tests stay isolated."""
    from workbench.settings import settings_path

    return settings_path().parent / "window.ini"


class MainWindow(QMainWindow):
    article_shown = Signal(int)  # article id, once its page is painted
    library_loaded = Signal()
    change_applied = Signal(object)  # QuoteChange
    error_shown = Signal(str)
    source_attached = Signal(object)  # ops.SourceAttached
    reviews_ready = Signal()  # every quote compared with the article's primary sources
    review_updated = Signal(int)  # one quote compared again (after a link action)
    export_written = Signal(object)  # the Path an export was written to
    recheck_done = Signal(object)  # the RecheckReport of a primary source read again

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
        self.runner = runner or TaskRunner(self)
        self.runner.error.connect(self.report_error)
        self.db_target = db_target
        self._db: Database | None = None  # set and used on the database thread
        self.undo_stack = QUndoStack(self)
        self.last_error: str | None = None
        self._imports: set[Task] = set()
        self._pushing = None  # the command being pushed, while its first redo() runs
        self._showing = 0  # counts articles asked to be shown, so a stale one stops midway
        self._source_tasks: set[Task] = set()  # sources being read or fetched
        self._review_task: Task | None = None  # quotes being compared with the sources
        self._review_generation = 0  # bumped when the article or its sources change
        self._review_stamp = 0  # orders comparisons, so an older one never hides a newer
        self._reviewed_at: dict[int, int] = {}
        self._recheck_task: Task | None = None  # a primary source being read again
        self._settings = (
            QSettings(str(ui_settings_path()), QSettings.Format.IniFormat) if remember else None
        )

        self.library = LibraryPage()
        self.review = ReviewPage()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.library)
        self.pages.addWidget(self.review)
        self.setCentralWidget(self.pages)

        self.library.open_requested.connect(self.open_article)
        self.library.import_requested.connect(self.choose_files)
        self.library.paste_requested.connect(self.import_clipboard)
        self.review.current_changed.connect(self._current_changed)
        detail = self.review.detail
        detail.status_chosen.connect(lambda _qid, status: self.set_status(status))
        detail.note_paused.connect(self._note_paused)
        detail.speaker_entered.connect(self._speaker_entered)
        detail.reject_requested.connect(lambda _qid: self.reject_current())
        evidence = self.review.evidence
        evidence.attach_requested.connect(self.choose_source)
        evidence.accept_requested.connect(self.accept_passage)
        evidence.reject_requested.connect(self.reject_passage)
        evidence.unlink_requested.connect(self.unlink_passage)
        evidence.link_selection_requested.connect(self.link_selection)
        evidence.step_requested.connect(self.step_passage)
        evidence.cancel_requested.connect(self.cancel_source_work)
        evidence.recheck_requested.connect(self.recheck_source)
        evidence.option_changed.connect(lambda _option: self._refresh_link_actions())
        # Enter marks verified only where the reader is reading, never inside a text field.
        for widget in (self.review.table, self.review.article):
            for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                shortcut = QShortcut(QKeySequence(key), widget)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(self.verify_and_next)

        self._build_actions()
        self._build_status_bar()
        self.pages.currentChanged.connect(self._page_changed)
        self.resize(1280, 820)
        self._restore_layout()
        self._page_changed()

    # --- actions, menus and the status bar ------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcuts: tuple[str | QKeySequence | QKeySequence.StandardKey, ...] = (),
        *,
        tip: str = "",
        icon=None,
    ) -> QAction:
        action = QAction(text, self)
        keys: list[QKeySequence] = []  # a standard key may repeat one given by hand
        for key in shortcuts:
            if isinstance(key, QKeySequence.StandardKey):
                keys.extend(QKeySequence.keyBindings(key))
            else:
                keys.append(QKeySequence(key))
        unique = list({key.toString(): key for key in keys if not key.isEmpty()}.values())
        if unique:
            action.setShortcuts(unique)
        if tip:
            action.setStatusTip(tip)
            shown = unique[0].toString(QKeySequence.SequenceFormat.NativeText) if unique else ""
            action.setToolTip(f"{tip} ({shown})" if shown else tip)
        if icon is not None:
            action.setIcon(icon)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)  # keys work even when the menu bar is hidden
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.open_action = a(
            "&Import article…",
            self.choose_files,
            (QKeySequence.StandardKey.Open,),
            tip="Import an article file",
            icon=named_icon("import"),
        )
        self.paste_action = a(
            "New article from &clipboard",
            self.import_clipboard,
            ("Ctrl+Shift+V",),
            tip="Import the text on the clipboard as an article",
        )
        self.library_action = a(
            "&Library",
            self.show_library,
            ("Ctrl+L",),
            tip="Back to the list of articles",
            icon=named_icon("library"),
        )
        self.export_action = a(
            "&Export…",
            self.export_review,
            ("Ctrl+E",),
            tip="Export this article's review: PDF or HTML report, CSV, JSON or ClaimReview",
        )
        self.export_action.setIconText("Export")
        self.export_library_action = a(
            "Export the &library…",
            self.export_whole_library,
            ("Ctrl+Shift+E",),
            tip="Export every article's review in one file, optionally filtered",
        )
        self.quit_action = a("&Quit", self.close, (QKeySequence.StandardKey.Quit,))
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.setIconText("Undo")  # the menu says what; the toolbar keeps its width
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIconText("Redo")
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.find_action = a(
            "&Find in article", self.review.open_find, (QKeySequence.StandardKey.Find,)
        )
        self.add_quote_action = a(
            "&Add selected text as a quote",
            self.add_quote_from_selection,
            ("Q",),
            tip="Add the words selected in the text as a quote the detector missed",
        )
        self.adjust_action = a(
            "Set the selected quote's words to the &selection",
            self.adjust_span_to_selection,
            ("Shift+Q",),
            tip="Make the selected quote cover exactly the words selected in the text",
        )
        self.reject_action = a(
            "&Reject detection",
            self.reject_current,
            (QKeySequence.StandardKey.Delete,),
            tip="Not a quote: reject it (undo brings it back)",
        )
        self.attach_source_action = a(
            "Attach primary &source…",
            self.choose_source,
            ("Ctrl+Shift+O",),
            tip="Attach the transcript, report or page the article quotes (file, URL or text)",
        )
        self.attach_source_action.setIconText("Attach source")
        self.recheck_source_action = a(
            "Re-&check the source",
            self.recheck_source,
            ("Ctrl+Shift+R",),
            tip="Read or fetch the primary source again: has it changed, do the links still "
            "match? (the snapshot is kept as it is)",
        )
        self.accept_link_action = a(
            "&Link the passage shown",
            self.accept_passage,
            ("L",),
            tip="Link the quote to the passage shown in the primary source",
        )
        self.reject_passage_action = a(
            "&Reject the passage shown",
            self.reject_passage,
            ("R",),
            tip="Not where the quote comes from: reject this passage",
        )
        self.next_passage_action = a(
            "&Next possible passage",
            lambda: self.step_passage(+1),
            ("C",),
            tip="Show the next candidate passage in the primary source",
        )
        self.previous_passage_action = a(
            "&Previous possible passage", lambda: self.step_passage(-1), ("Shift+C",)
        )
        self.link_selection_action = a(
            "Link the &words selected in the source",
            self.link_selection,
            ("Shift+L",),
            tip="Link the quote to the passage selected by hand in the primary source",
        )
        self.unlink_action = a(
            "&Unlink the passage shown",
            self.unlink_passage,
            ("U",),
            tip="Remove the quote's link to the passage shown",
        )
        self.speaker_action = a("Change &speaker", self.focus_speaker, ("S",))
        self.note_action = a("Write a &note", self.focus_note, ("N",))
        self.preferences_action = a(
            "&Preferences…", self.edit_preferences, (QKeySequence.StandardKey.Preferences, "Ctrl+,")
        )
        self.next_action = a("&Next quote", lambda: self.review.step(+1), ("J",))
        self.previous_action = a("&Previous quote", lambda: self.review.step(-1), ("K",))
        self.verify_next_action = a("&Verify and go to next\tEnter", self.verify_and_next)
        self.status_actions: dict[Status, QAction] = {}
        for i, status in enumerate(STATUS_ORDER, start=1):
            entry = look(status)
            self.status_actions[status] = a(
                f"Mark {entry.label.lower()}",
                lambda s=status: self.set_status(s),
                (entry.key, str(i)),
                icon=status_icon(status),
            )
        self.add_quote_action.setIconText("Add quote")
        self.help_action = a(
            "&Keyboard shortcuts",
            self.show_shortcuts,
            (QKeySequence.StandardKey.HelpContents, "F1", "?"),
        )
        self.help_action.setIconText("Shortcuts")
        self.about_action = a("&About the workbench", self.show_about)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for action in (self.open_action, self.paste_action, self.library_action):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.export_library_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu("&Edit")
        for action in (self.undo_action, self.redo_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        for action in (
            self.find_action,
            self.add_quote_action,
            self.adjust_action,
            self.reject_action,
            self.speaker_action,
            self.note_action,
        ):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        review_menu = menu.addMenu("&Review")
        for action in (self.next_action, self.previous_action, self.verify_next_action):
            review_menu.addAction(action)
        review_menu.addSeparator()
        for action in self.status_actions.values():
            review_menu.addAction(action)
        source_menu = menu.addMenu("&Primary source")
        source_menu.addAction(self.attach_source_action)
        source_menu.addAction(self.recheck_source_action)
        source_menu.addSeparator()
        for action in (
            self.accept_link_action,
            self.reject_passage_action,
            self.next_passage_action,
            self.previous_passage_action,
            self.link_selection_action,
            self.unlink_action,
        ):
            source_menu.addAction(action)
        help_menu = menu.addMenu("&Help")
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.about_action)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolBar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.library_action)
        toolbar.addAction(self.open_action)
        toolbar.addSeparator()
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addSeparator()
        toolbar.addAction(self.add_quote_action)
        toolbar.addAction(self.attach_source_action)
        toolbar.addAction(self.export_action)
        toolbar.addAction(self.help_action)
        self.review_actions = [
            self.find_action,
            self.add_quote_action,
            self.next_action,
            self.previous_action,
            self.attach_source_action,
            self.export_action,
        ]
        self.link_actions = [
            self.accept_link_action,
            self.reject_passage_action,
            self.next_passage_action,
            self.previous_passage_action,
            self.link_selection_action,
            self.unlink_action,
        ]
        self.quote_actions = [
            self.adjust_action,
            self.reject_action,
            self.speaker_action,
            self.note_action,
            self.verify_next_action,
            *self.status_actions.values(),
        ]

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(140)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.clicked.connect(self.cancel_imports)
        self.reviewer_label = QLabel()
        for widget in (self.progress_label, self.progress, self.cancel_button):
            bar.addPermanentWidget(widget)
            widget.hide()
        bar.addPermanentWidget(self.reviewer_label)
        self.refresh_reviewer()

    def refresh_reviewer(self) -> None:
        from workbench.settings import reviewer_name

        try:
            name = reviewer_name()
        except (UserError, EnvironmentFault) as error:
            name = "?"
            self.statusBar().showMessage(str(error), 10_000)
        self.reviewer_label.setText(f"Reviewer: {name}")

    def _page_changed(self, _index: int = 0) -> None:
        on_review = self.pages.currentWidget() is self.review
        for action in self.review_actions:
            action.setEnabled(on_review)
        self._current_changed(self.review.current_quote() if on_review else None)
        if not on_review:
            self.setWindowTitle("Fact-check workbench — Library")

    def _current_changed(self, quote) -> None:
        enabled = quote is not None and self.pages.currentWidget() is self.review
        for action in self.quote_actions:
            action.setEnabled(enabled)
        self._refresh_link_actions()

    def _refresh_link_actions(self) -> None:
        on_review = self.pages.currentWidget() is self.review
        quote = self.review.current_quote() if on_review else None
        bundle = self.review.bundle
        sources = quote is not None and bundle is not None and bool(bundle.documents)
        option = self.review.evidence.current_option() if sources else None
        review = self.review.evidence.review() if sources else None
        self.link_selection_action.setEnabled(sources)
        self.recheck_source_action.setEnabled(
            on_review and bundle is not None and bool(bundle.documents)
        )
        self.accept_link_action.setEnabled(option is not None and option.role != LINKED)
        self.reject_passage_action.setEnabled(option is not None and option.role != LINKED)
        self.unlink_action.setEnabled(option is not None and option.role == LINKED)
        several = review is not None and len(review.options) > 1
        self.next_passage_action.setEnabled(several)
        self.previous_passage_action.setEnabled(several)

    # --- the database and the library -----------------------------------------------------

    def db(self) -> Database:
        """The open database; only ever called on the database thread."""
        if self._db is None:
            raise EnvironmentFault("The review database is not open; restart the workbench.")
        return self._db

    def open_database(self, then: Callable[[], Any] | None = None) -> None:
        def open_it() -> None:
            self._db = ops.open_database(self.db_target)

        def opened(_result: None) -> None:
            self.reload_library()
            if then is not None:
                then()

        self.runner.database(open_it, opened)
        # Load the extractor while the reader looks at the library, not when they import.
        self.runner.work(ops.warm_up)

    def reload_library(self) -> None:
        self.runner.database(lambda: ops.load_library(self.db()), self._library_loaded)

    def _library_loaded(self, entries) -> None:
        self.library.set_entries(entries)
        self.library_loaded.emit()

    def show_library(self) -> None:
        self.review.detail.flush_note()
        self.pages.setCurrentWidget(self.library)
        self.reload_library()
        self.library.search.setFocus()

    # --- importing ------------------------------------------------------------------------

    def choose_files(self) -> None:
        paths = choose_files_to_open(self, "Import articles", ARTICLE_FILES)
        if paths:
            self.import_paths(paths)

    def import_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.report_error(
                UserError("The clipboard holds no text; copy the article's text first.")
            )
            return
        self._start_import(lambda: ops.prepare_pasted(text), "the clipboard")

    def import_paths(self, paths: list[str]) -> None:
        for path in paths:
            self._start_import(lambda p=path: ops.prepare_import(p), Path(path).name or path)

    def _start_import(self, prepare: Callable[[], PreparedImport], label: str) -> None:
        task: Task | None = None

        def prepared(result: PreparedImport) -> None:
            self._imports.discard(task)
            self._show_progress(f"Saving {label}…", cancellable=False)
            self.store_import(result)

        def failed(error: BaseException) -> None:
            self._imports.discard(task)
            self._show_progress(None)
            self.report_error(error)

        self._show_progress(f"Reading {label}…", cancellable=True)
        task = self.runner.work(prepare, prepared, failed)
        if not self.runner.synchronous:
            self._imports.add(task)

    def store_import(self, prepared: PreparedImport) -> None:
        def stored(outcome: ImportOutcome) -> None:
            self._show_progress(None)
            if outcome.already_there:
                self.statusBar().showMessage(
                    "That article is already in the library: opened it.", 8000
                )
            else:
                self.statusBar().showMessage(
                    f"Imported {prepared.label}: {outcome.quote_count} quotes found.", 8000
                )
            self.open_article(outcome.article_id)

        def failed(error: BaseException) -> None:
            self._show_progress(None)
            self.report_error(error)

        self.runner.database(lambda: ops.store_import(self.db(), prepared), stored, failed)

    def _show_progress(self, text: str | None, *, cancellable: bool = False) -> None:
        busy = text is not None or bool(self._imports)
        if text is None and self._imports:
            text = "Reading…"
        self.progress_label.setText(text or "")
        self.progress_label.setVisible(busy)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy and (cancellable or bool(self._imports)))

    def cancel_imports(self) -> None:
        for task in list(self._imports):
            task.cancel()
        self._imports.clear()
        self._show_progress(None)
        self.statusBar().showMessage("Import cancelled: nothing was added.", 8000)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls: list[QUrl] = event.mimeData().urls()
        paths = [url.toLocalFile() if url.isLocalFile() else url.toString() for url in urls]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # --- the review page ------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        self.review.detail.flush_note()
        self.runner.database(lambda: ops.load_bundle(self.db(), article_id), self._show_bundle)

    def _show_bundle(self, bundle: ArticleBundle) -> None:
        previous = self.review.bundle
        same_article = previous is not None and previous.article.id == bundle.article.id
        current = self.review.current_quote()
        keep = current.id if same_article and current is not None else None
        if not same_article:
            # Undo belongs to the article on screen: never undo what the reader cannot see.
            self.undo_stack.clear()
            self._review_generation += 1  # comparisons of the article before are stale
            self._reviewed_at.clear()
        self._showing += 1
        showing = self._showing
        steps = self.review.show_bundle_steps(bundle)
        self.pages.setCurrentWidget(self.review)
        self.setWindowTitle(f"{bundle.article.title or 'Article'} — Fact-check workbench")

        def advance() -> None:
            if showing != self._showing:
                return  # another article was asked for meanwhile
            if next(steps, StopIteration) is not StopIteration:
                if self.runner.synchronous:
                    advance()
                else:
                    QTimer.singleShot(0, advance)  # let the window breathe between steps
                return
            if keep is not None and self.review.quotes.row_of(keep) is not None:
                self.review.select_quote(keep)  # a reload keeps the reader's place
            elif bundle.quotes:
                self.review.select_quote(self.review.quotes.quote(0).id)
            self.review.focus_table()
            self.compare_all_quotes()
            self.article_shown.emit(bundle.article.id)

        advance()

    def current_quote(self):
        return self.review.current_quote() if self.pages.currentWidget() is self.review else None

    def set_status(self, status: Status) -> None:
        quote = self.current_quote()
        if quote is None:
            return
        if quote.status == status:
            self.statusBar().showMessage(
                f"#{quote.number} is already {look(status).label.lower()}.", 4000
            )
            return
        self._push(MarkStatusCommand(self, quote.id, quote.number, status, quote.status))

    def verify_and_next(self) -> None:
        quote = self.current_quote()
        if quote is None:
            return
        if quote.status != Status.VERIFIED:
            self.set_status(Status.VERIFIED)
        self.review.step(+1)

    def _note_paused(self, quote_id: int, note: str | None, before: str | None) -> None:
        quote = self.review.quotes.quote(self.review.quotes.row_of(quote_id) or 0)
        number = quote.number if quote.id == quote_id else 0
        self._push(EditNoteCommand(self, quote_id, number, note, before))

    def _speaker_entered(self, quote_id: int, name: str) -> None:
        quote = self.current_quote()
        bundle = self.review.bundle
        if quote is None or quote.id != quote_id or bundle is None:
            return
        speaker = ops.speaker_for(
            name, text=bundle.article.text, near=quote.start, sources=bundle.sources
        )
        self._push(ChangeSpeakerCommand(self, quote.id, quote.number, speaker, quote.speaker))

    def reject_current(self) -> None:
        quote = self.current_quote()
        if quote is None:
            return
        self._push(RejectQuoteCommand(self, quote.id, quote.number))
        following = self.review.step(+1)
        if following is not None and following.id == quote.id:
            self.review.step(-1)

    def add_quote_from_selection(self) -> None:
        bundle = self.review.bundle
        span = self.review.article.selected_span()
        if bundle is None or span is None:
            self.report_error(
                UserError("Select the words of the missed quote in the text first, then press Q.")
            )
            return
        start, end = span
        for quote in self.review.quotes.quotes():
            if quote.start == start and quote.end == end:
                self.review.select_quote(quote.id)
                self.statusBar().showMessage(f"That is already quote #{quote.number}.", 5000)
                return
        self._push(AddQuoteCommand(self, bundle.article.id, start, end))

    def adjust_span_to_selection(self) -> None:
        quote = self.current_quote()
        span = self.review.article.selected_span()
        if quote is None or span is None:
            self.report_error(
                UserError(
                    "Select the words the quote should cover in the text first, then press Shift+Q."
                )
            )
            return
        if span != (quote.start, quote.end):
            self._push(
                AdjustSpanCommand(self, quote.id, quote.number, span, (quote.start, quote.end))
            )

    def focus_note(self) -> None:
        if self.current_quote() is not None:
            self.review.tabs.setCurrentIndex(0)
            self.review.detail.note.setFocus()

    def focus_speaker(self) -> None:
        if self.current_quote() is not None:
            self.review.tabs.setCurrentIndex(0)
            self.review.detail.speaker.setFocus()
            self.review.detail.speaker.selectAll()

    # --- primary sources ------------------------------------------------------------------

    def choose_source(self) -> None:
        if self.review.bundle is None or self.pages.currentWidget() is not self.review:
            self.report_error(
                UserError("Open an article first, then attach the primary source it quotes.")
            )
            return
        request = AttachSourceDialog.ask(self)
        if request is not None:
            self.attach_source(request.location, pasted=request.pasted, title=request.title)

    def attach_source(self, location: str, *, pasted: bool = False, title: str | None = None):
        """Capture a file, URL or pasted text (work pool), then store it (database thread)."""
        bundle = self.review.bundle
        if bundle is None:
            return
        article_id = bundle.article.id
        evidence = self.review.evidence
        if pasted:
            label = "the pasted text"
        elif "://" in location:
            label = location.strip()
        else:
            label = Path(location).name or location
        task: Task | None = None

        def captured(snapshot) -> None:
            self._source_tasks.discard(task)
            evidence.show_progress(f"Saving {label}…")
            self.runner.database(
                lambda: ops.store_source(self.db(), article_id, snapshot), stored, failed
            )

        def stored(result: SourceAttached) -> None:
            evidence.show_progress(None)
            current = self.review.bundle
            if current is not None and current.article.id == article_id:
                self.review.set_documents(result.documents)
                self.review.detail.show_events(result.events)
                self.review.tabs.setCurrentIndex(EVIDENCE_TAB)
                self.compare_all_quotes()
            name = result.document.title or label
            if result.already_attached:
                message = f"{name} is already attached to this article."
            elif result.reused:
                message = f"Attached {name} (the same document was captured before)."
            else:
                message = f"Attached {name} as evidence; comparing the quotes with it."
            self.statusBar().showMessage(message, 8000)
            self.source_attached.emit(result)

        def failed(error: BaseException) -> None:
            self._source_tasks.discard(task)
            evidence.show_progress(None)
            self.report_error(error)

        verb = "Fetching" if "://" in label else "Reading"
        evidence.show_progress(f"{verb} {label}…")
        self.review.tabs.setCurrentIndex(EVIDENCE_TAB)
        task = self.runner.work(
            lambda: ops.capture_source(location, pasted=pasted, title=title), captured, failed
        )
        if not self.runner.synchronous:
            self._source_tasks.add(task)

    def cancel_source_work(self) -> None:
        """Stop reading or fetching a source (nothing is stored) and comparing quotes."""
        fetching = bool(self._source_tasks)
        for task in list(self._source_tasks):
            task.cancel()
        self._source_tasks.clear()
        rechecking = self._recheck_task is not None
        if self._recheck_task is not None:
            self._recheck_task.cancel()
            self._recheck_task = None
        if self._review_task is not None:
            self._review_task.cancel()
            self._review_task = None
            self._review_generation += 1
        self.review.evidence.show_progress(None)
        if fetching:
            message = "Cancelled: no source was attached."
        elif rechecking:
            message = "Re-check cancelled; the stored snapshot is as it was."
        else:
            message = "Comparison stopped; the verdicts shown so far stay."
        self.statusBar().showMessage(message, 8000)

    def compare_all_quotes(self) -> None:
        """Compare every quote with the article's primary sources, in the background."""
        bundle = self.review.bundle
        if self._review_task is not None:
            self._review_task.cancel()
            self._review_task = None
        self._review_generation += 1
        if bundle is None or not bundle.documents:
            self.review.evidence.show_progress(None)
            return
        generation = self._review_generation
        self._review_stamp += 1
        stamp = self._review_stamp
        article_id = bundle.article.id
        evidence = self.review.evidence

        def progress(done: int, total: int) -> None:
            evidence.show_progress(
                f"Comparing quote {done} of {total} with the sources…", done, total
            )

        def compared(reviews: dict[int, QuoteReview]) -> None:
            self._review_task = None
            if generation != self._review_generation:
                return
            evidence.show_progress(None)
            newer = {q for q, at in self._reviewed_at.items() if at > stamp}
            fresh = {q: r for q, r in reviews.items() if q not in newer}
            self.review.set_reviews(fresh, replace=False)
            self._refresh_link_actions()
            self.reviews_ready.emit()

        def failed(error: BaseException) -> None:
            self._review_task = None
            evidence.show_progress(None)
            self.report_error(error)

        def read(inputs: ReviewInputs) -> None:
            if generation != self._review_generation:
                return

            def run(report, cancelled) -> dict[int, QuoteReview]:
                return ops.review_quotes(inputs, progress=report, cancelled=cancelled)

            self._review_task = self.runner.work_with_progress(run, compared, failed, progress)

        evidence.show_progress("Comparing the quotes with the sources…")
        self.runner.database(lambda: ops.review_inputs(self.db(), article_id), read, failed)

    def compare_quote(self, quote_id: int) -> None:
        """Compare one quote again (after a link action), without waiting for the others."""
        bundle = self.review.bundle
        if bundle is None or not bundle.documents:
            return
        generation = self._review_generation
        self._review_stamp += 1
        stamp = self._review_stamp
        article_id = bundle.article.id

        def compared(reviews: dict[int, QuoteReview]) -> None:
            if generation != self._review_generation:
                return
            for reviewed in reviews:
                self._reviewed_at[reviewed] = stamp
            self.review.set_reviews(reviews, replace=False)
            self._refresh_link_actions()
            self.review_updated.emit(quote_id)

        def read(inputs: ReviewInputs) -> None:
            if generation == self._review_generation:
                self.runner.work(lambda: ops.review_quotes(inputs), compared)

        self.runner.database(lambda: ops.review_inputs(self.db(), article_id, [quote_id]), read)

    def _shown_option(self) -> tuple[Any, PassageOption | None]:
        """The current quote and the passage shown for it (the source view comes forward)."""
        quote = self.current_quote()
        if quote is None:
            return None, None
        self.review.tabs.setCurrentIndex(EVIDENCE_TAB)
        return quote, self.review.evidence.current_option()

    def accept_passage(self) -> None:
        quote, option = self._shown_option()
        if quote is None:
            return
        if option is None:
            self.report_error(
                UserError(
                    f"No passage is proposed for #{quote.number}; select its words in the "
                    "source text and press Shift+L to link them."
                )
            )
            return
        if option.role == LINKED:
            self.statusBar().showMessage(
                f"#{quote.number} is already linked to this passage.", 5000
            )
            return
        if option.below_threshold and not WeakLinkQuestion.ask(
            self, number=quote.number, score=option.score, threshold=option.threshold
        ):
            self.statusBar().showMessage("Nothing was linked.", 5000)
            return
        what = "link" if option.role == PROPOSED else "link a runner-up for"
        self._push(
            LinkPassageCommand(
                self, quote.id, quote.number, option.source_id, (option.start, option.end), what
            )
        )

    def link_selection(self) -> None:
        quote = self.current_quote()
        evidence = self.review.evidence
        span = evidence.view.selected_span()
        source_id = evidence.current_source_id()
        if quote is None or span is None or source_id is None:
            self.report_error(
                UserError(
                    "Select the quote's words in the primary source text first, then press Shift+L."
                )
            )
            return
        self._push(
            LinkPassageCommand(self, quote.id, quote.number, source_id, span, "link by hand")
        )

    def reject_passage(self) -> None:
        quote, option = self._shown_option()
        if quote is None or option is None:
            return
        if option.role == LINKED:
            self.report_error(
                UserError(
                    f"#{quote.number} is linked to this passage; unlink it (U) rather than "
                    "reject it."
                )
            )
            return
        self._push(RejectPassageCommand(self, quote.id, quote.number, option))

    def unlink_passage(self) -> None:
        quote, option = self._shown_option()
        if quote is None or option is None or option.role != LINKED:
            return
        link = next((x for x in quote.links if x.id == option.link_id), None)
        if link is not None:
            self._push(UnlinkPassageCommand(self, quote.number, link))

    def step_passage(self, delta: int) -> None:
        quote, _option = self._shown_option()
        if quote is not None and not self.review.evidence.step(delta):
            self.statusBar().showMessage(
                f"There is no other passage to show for #{quote.number}.", 4000
            )

    def recheck_source(self) -> None:
        """Read or fetch the source shown again and say what changed; nothing is written.

        It runs on the work pool, not the serial database thread: it only reads (a snapshot
        of its own, WAL), and a slow web server must not hold up the reviewer's marks.
        """
        evidence = self.review.evidence
        document = evidence.current_document() if self.review.bundle is not None else None
        if document is None or self.pages.currentWidget() is not self.review:
            self.report_error(
                UserError("Attach a primary source first; then Re-check reads it again.")
            )
            return
        db = self._db
        if db is None:
            self.report_error(EnvironmentFault("The review database is not open; restart."))
            return
        if self._recheck_task is not None:
            self._recheck_task.cancel()
        label = document_label(document)
        numbers = {q.id: q.number for q in self.review.quotes.quotes()}

        def checked(report) -> None:
            self._recheck_task = None
            evidence.show_progress(None)
            evidence.show_recheck(document.id, recheck_summary(report, document, numbers))
            self.statusBar().showMessage(recheck_sentence(report, label), 10_000)
            self.recheck_done.emit(report)

        def failed(error: BaseException) -> None:
            self._recheck_task = None
            evidence.show_progress(None)
            self.report_error(error)

        verb = "Fetching" if "://" in document.origin else "Reading"
        evidence.show_progress(f"{verb} {label} again to compare it with the snapshot…")
        self.review.tabs.setCurrentIndex(EVIDENCE_TAB)
        task = self.runner.work(lambda: ops.recheck_source(db, document.id), checked, failed)
        self._recheck_task = None if self.runner.synchronous else task

    # --- exports --------------------------------------------------------------------------

    def export_review(self) -> None:
        """File ▸ Export…: the open article's review, in a format and file the reviewer picks."""
        bundle = self.review.bundle
        if bundle is None or self.pages.currentWidget() is not self.review:
            self.report_error(
                UserError(
                    "Open an article first to export its review, or use File ▸ Export the "
                    "library… for every article."
                )
            )
            return
        self.review.detail.flush_note()  # a note typed a moment ago belongs in the export
        title = bundle.article.title or "Untitled article"
        choice = ExportDialog.ask(self, title=title, preview=self.report_preview(bundle.article.id))
        if choice is not None:
            request = ExportRequest(choice.fmt, choice.path, bundle.article.id)
            self.start_export(request, f"“{title}”")

    def export_whole_library(self) -> None:
        self.review.detail.flush_note()
        choice = ExportDialog.ask(self, title="", library=True, preview=self.report_preview(None))
        if choice is not None:
            request = ExportRequest(
                choice.fmt, choice.path, None, choice.statuses, choice.since, choice.until
            )
            self.start_export(request, "the library")

    def report_preview(self, article_id: int | None) -> PreviewLoader:
        """How the export dialog gets its preview: the HTML report, read on the database thread
        and rendered on the work pool; an error is shown in the preview as one sentence."""

        def load(filters: PreviewFilters, deliver: Callable[[str], None]) -> None:
            request = ExportRequest(
                "html", Path(), article_id, filters.statuses, filters.since, filters.until
            )

            def failed(error: BaseException) -> None:
                deliver(f"<p>{html.escape(describe(error)[1])}</p>")

            def read(selection) -> None:
                self.runner.work(
                    lambda: ops.render_export(selection, "html").decode("utf-8"),
                    deliver,
                    failed,
                )

            self.runner.database(lambda: ops.read_export(self.db(), request), read, failed)

        return load

    def start_export(self, request: ExportRequest, what: str) -> None:
        """Read the review (database thread), then render and write the file (work pool)."""
        name = FORMAT_NAMES[request.fmt]

        def read(selection) -> None:
            self._write_export(request, selection, what, overwrite=False)

        def failed(error: BaseException) -> None:
            self._show_progress(None)
            self.report_error(error)

        self._show_progress(f"Exporting the {name}…")
        self.runner.database(lambda: ops.read_export(self.db(), request), read, failed)

    def _write_export(self, request: ExportRequest, selection, what: str, *, overwrite: bool):
        name = FORMAT_NAMES[request.fmt]

        def make() -> tuple[Path, int]:
            # An existing file is found before a long PDF is rendered, not after.
            ops.check_export_target(request.path, overwrite=overwrite)
            data = ops.render_export(selection, request.fmt)
            path = ops.write_export(request.path, data, overwrite=overwrite)
            return path, len(selection.articles)

        def written(result: tuple[Path, int]) -> None:
            path, count = result
            self._show_progress(None)
            if request.library:
                what_ = f"{count} article{'' if count == 1 else 's'}" if count else "no article"
                message = f"Exported the {name} of {what_} to {path}."
                if not count:
                    message += " No article matched the filters, so it is empty."
            else:
                message = f"Exported the {name} of {what} to {path}."
            self.statusBar().showMessage(message, 20_000)
            self.export_written.emit(path)

        def failed(error: BaseException) -> None:
            from workbench.export import TargetExists  # loaded by now, on the worker

            self._show_progress(None)
            if isinstance(error, TargetExists) and not overwrite:
                if OverwriteQuestion.ask(self, error.path):
                    self._show_progress(f"Exporting the {name}…")
                    self._write_export(request, selection, what, overwrite=True)
                else:
                    self.statusBar().showMessage(
                        f"Nothing was exported; {error.path} is left as it was.", 10_000
                    )
                return
            self.report_error(error)

        self.runner.work(make, written, failed)

    # --- what the undo commands call (undo.Reviewer) --------------------------------------

    def _push(self, command) -> None:
        """Push a review command; its first redo (the action itself) is tied to it."""
        self._pushing = command
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing = None

    def _drop_failed(self, command) -> None:
        """An action that never reached the database leaves no undo entry behind."""
        index = self.undo_stack.index()
        if command is None or index == 0 or self.undo_stack.command(index - 1) is not command:
            return
        command.setObsolete(True)
        self.undo_stack.undo()  # removes an obsolete command without calling its undo()

    def _review(
        self,
        work: Callable[[], QuoteChange],
        on_done: Callable[[QuoteChange], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        reload_on_error: bool = True,
    ) -> None:
        def done(change: QuoteChange) -> None:
            self.review.apply_change(change)
            if on_done is not None:
                on_done(change)
            self.change_applied.emit(change)

        command = self._pushing

        def failed(error: BaseException) -> None:
            if on_error is not None:
                on_error(error)
            self._drop_failed(command)
            self.report_error(error)
            bundle = self.review.bundle
            if reload_on_error and bundle is not None:  # show what is really stored
                self.open_article(bundle.article.id)

        self.runner.database(work, done, failed)

    def do_mark(self, quote_id: int, status: Status) -> None:
        self._review(lambda: ops.mark(self.db(), quote_id, status))

    def do_note(self, quote_id: int, note: str | None) -> None:
        detail = self.review.detail
        self._review(
            lambda: ops.save_note(self.db(), quote_id, note),
            lambda _change: detail.note_saved(quote_id),
            lambda _error: detail.note_failed(quote_id),
            # The editor holds the truth of a note that did not save: leave it as it is.
            reload_on_error=False,
        )

    def do_speaker(self, quote_id: int, speaker: SpeakerRef | None) -> None:
        self._review(lambda: ops.set_speaker(self.db(), quote_id, speaker))

    def do_span(self, quote_id: int, start: int, end: int) -> None:
        self._review(lambda: ops.set_span(self.db(), quote_id, start, end))

    def do_reject(self, quote_id: int) -> None:
        self._review(lambda: ops.reject(self.db(), quote_id))

    def do_restore(self, quote_id: int) -> None:
        self._review(lambda: ops.restore(self.db(), quote_id))

    def do_add(self, command: AddQuoteCommand) -> None:
        def work() -> QuoteChange:
            if command.quote_id is None:
                change = ops.add_quote(self.db(), command.article_id, command.start, command.end)
                command.quote_id = change.quote.id
                return change
            return ops.restore(self.db(), command.quote_id)

        self._review(work, lambda change: self.review.select_quote(change.quote.id))

    def do_unadd(self, command: AddQuoteCommand) -> None:
        def work() -> QuoteChange:
            if command.quote_id is None:
                raise UserError("The added quote was never stored, so there is nothing to undo.")
            return ops.reject(self.db(), command.quote_id)

        self._review(work)

    def do_link(self, command: LinkPassageCommand) -> None:
        def work() -> QuoteChange:
            result = ops.accept_passage(
                self.db(), command.quote_id, command.source_id, command.start, command.end
            )
            command.link = result.link
            return result.change

        self._review(work, self._links_changed)

    def do_unlink_made(self, command: LinkPassageCommand) -> None:
        def work() -> QuoteChange:
            if command.link is None:
                raise UserError("The link was never stored, so there is nothing to undo.")
            return ops.unlink(self.db(), command.link.id, command.quote_id).change

        self._review(work, self._links_changed)

    def do_unlink(self, command: UnlinkPassageCommand) -> None:
        self._review(
            lambda: ops.unlink(self.db(), command.link.id, command.quote_id).change,
            self._links_changed,
        )

    def do_relink(self, command: UnlinkPassageCommand) -> None:
        def work() -> QuoteChange:
            result = ops.relink(self.db(), command.link)
            if result.link is not None:
                command.link = result.link
            return result.change

        self._review(work, self._links_changed)

    def do_reject_passage(self, quote_id: int, option: PassageOption) -> None:
        self._review(
            lambda: ops.reject_passage(self.db(), quote_id, option).change,
            self._links_changed,
        )

    def do_withdraw_rejection(self, quote_id: int, option: PassageOption) -> None:
        self._review(
            lambda: ops.withdraw_rejection(self.db(), quote_id, option).change,
            self._links_changed,
        )

    def _links_changed(self, change: QuoteChange) -> None:
        self.compare_quote(change.quote.id)

    # --- errors, dialogs, settings --------------------------------------------------------

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

        answer = PreferencesDialog.ask(self, reviewer_name(), self.font_size())
        if answer is None:
            return
        name, size = answer
        try:
            if name:
                set_reviewer(name)
        except (UserError, EnvironmentFault) as error:
            self.report_error(error)
        self.set_font_size(size)
        self.refresh_reviewer()

    def font_size(self) -> int:
        if self._settings is None:
            return DEFAULT_FONT_SIZE
        value = self._settings.value("article/font_size", DEFAULT_FONT_SIZE)
        try:
            return max(8, min(32, int(value)))
        except (TypeError, ValueError):
            return DEFAULT_FONT_SIZE

    def set_font_size(self, size: int) -> None:
        if self._settings is not None:
            self._settings.setValue("article/font_size", size)
        font = self.review.article.font()
        font.setPointSize(size)
        self.review.article.setFont(font)

    def _restore_layout(self) -> None:
        self.set_font_size(self.font_size())
        self.review.splitter.setSizes([560, 460])
        self.review.right_splitter.setSizes([300, 420])
        if self._settings is None:
            return
        geometry = self._settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self._settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        for splitter, key in (
            (self.review.splitter, "review/splitter"),
            (self.review.right_splitter, "review/right_splitter"),
        ):
            saved = self._settings.value(key)
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)

    def save_layout(self) -> None:
        if self._settings is None:
            return
        self._settings.setValue("window/geometry", self.saveGeometry())
        self._settings.setValue("window/state", self.saveState())
        self._settings.setValue("review/splitter", self.review.splitter.saveState())
        self._settings.setValue("review/right_splitter", self.review.right_splitter.saveState())
        self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.review.detail.flush_note()  # a note typed a moment ago is saved, not dropped
        self.save_layout()
        self.runner.shutdown()
        if self._db is not None:
            self._db.close()
            self._db = None
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

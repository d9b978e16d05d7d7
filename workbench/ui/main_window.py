"""The main window: the library and the review page, the actions and keys, the undo stack.

Every review action is an undo command whose service call runs on the serial database thread
(``TaskRunner.database``); the result comes back by signal and is painted by the review page.
"""

from __future__ import annotations

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
    QFileDialog,
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
from workbench.ui import backend
from workbench.ui.backend import ArticleBundle, ImportOutcome, PreparedImport, QuoteChange
from workbench.ui.dialogs.reviewer import PreferencesDialog
from workbench.ui.dialogs.shortcuts import ShortcutsDialog
from workbench.ui.errors import describe
from workbench.ui.statuses import STATUS_ORDER, look
from workbench.ui.tasks import Task, TaskRunner
from workbench.ui.theme import app_icon, named_icon, status_icon
from workbench.ui.undo import (
    AddQuoteCommand,
    AdjustSpanCommand,
    ChangeSpeakerCommand,
    EditNoteCommand,
    MarkStatusCommand,
    RejectQuoteCommand,
)
from workbench.ui.views.library_page import LibraryPage
from workbench.ui.views.review_page import ReviewPage

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
        toolbar.addAction(self.help_action)
        self.review_actions = [
            self.find_action,
            self.add_quote_action,
            self.next_action,
            self.previous_action,
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

    # --- the database and the library -----------------------------------------------------

    def db(self) -> Database:
        """The open database; only ever called on the database thread."""
        if self._db is None:
            raise EnvironmentFault("The review database is not open; restart the workbench.")
        return self._db

    def open_database(self, then: Callable[[], Any] | None = None) -> None:
        def open_it() -> None:
            self._db = backend.open_database(self.db_target)

        def opened(_result: None) -> None:
            self.reload_library()
            if then is not None:
                then()

        self.runner.database(open_it, opened)
        # Load the extractor while the reader looks at the library, not when they import.
        self.runner.work(backend.warm_up)

    def reload_library(self) -> None:
        self.runner.database(lambda: backend.load_library(self.db()), self._library_loaded)

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
        paths, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", ARTICLE_FILES)
        if paths:
            self.import_paths(paths)

    def import_clipboard(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.report_error(
                UserError("The clipboard holds no text; copy the article's text first.")
            )
            return
        self._start_import(lambda: backend.prepare_pasted(text), "the clipboard")

    def import_paths(self, paths: list[str]) -> None:
        for path in paths:
            self._start_import(lambda p=path: backend.prepare_import(p), Path(path).name or path)

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

        self.runner.database(lambda: backend.store_import(self.db(), prepared), stored, failed)

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
        self.runner.database(lambda: backend.load_bundle(self.db(), article_id), self._show_bundle)

    def _show_bundle(self, bundle: ArticleBundle) -> None:
        previous = self.review.bundle
        same_article = previous is not None and previous.article.id == bundle.article.id
        current = self.review.current_quote()
        keep = current.id if same_article and current is not None else None
        if not same_article:
            # Undo belongs to the article on screen: never undo what the reader cannot see.
            self.undo_stack.clear()
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
        speaker = backend.speaker_for(
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
        self._review(lambda: backend.mark(self.db(), quote_id, status))

    def do_note(self, quote_id: int, note: str | None) -> None:
        detail = self.review.detail
        self._review(
            lambda: backend.save_note(self.db(), quote_id, note),
            lambda _change: detail.note_saved(quote_id),
            lambda _error: detail.note_failed(quote_id),
            # The editor holds the truth of a note that did not save: leave it as it is.
            reload_on_error=False,
        )

    def do_speaker(self, quote_id: int, speaker: SpeakerRef | None) -> None:
        self._review(lambda: backend.set_speaker(self.db(), quote_id, speaker))

    def do_span(self, quote_id: int, start: int, end: int) -> None:
        self._review(lambda: backend.set_span(self.db(), quote_id, start, end))

    def do_reject(self, quote_id: int) -> None:
        self._review(lambda: backend.reject(self.db(), quote_id))

    def do_restore(self, quote_id: int) -> None:
        self._review(lambda: backend.restore(self.db(), quote_id))

    def do_add(self, command: AddQuoteCommand) -> None:
        def work() -> QuoteChange:
            if command.quote_id is None:
                change = backend.add_quote(
                    self.db(), command.article_id, command.start, command.end
                )
                command.quote_id = change.quote.id
                return change
            return backend.restore(self.db(), command.quote_id)

        self._review(work, lambda change: self.review.select_quote(change.quote.id))

    def do_unadd(self, command: AddQuoteCommand) -> None:
        def work() -> QuoteChange:
            if command.quote_id is None:
                raise UserError("The added quote was never stored, so there is nothing to undo.")
            return backend.reject(self.db(), command.quote_id)

        self._review(work)

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

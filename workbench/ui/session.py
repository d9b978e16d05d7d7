"""The review session: the database handle, the task runner, the undo stack and the work in flight.

The window asks; the session runs the core's calls (``ui/ops.py``) off the GUI thread and says
what happened by signals, which the window paints. Database work goes to the one serial
database thread, so writes land in the order asked (a mark, then its undo); reading, fetching
and comparing go to the work pool beside it. The database handle is opened, used and closed on
the worker side only: the GUI thread never holds it (``db()`` refuses there).

The undo commands (``ui/undo.py``) call the receivers under "review actions": each is one
service call, and what it stored comes back as ``change_stored``. A write that fails leaves no
undo entry behind and reloads the article, so the window shows what is really stored.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.domain import SpeakerRef, Status
from workbench.errors import EnvironmentFault, UserError
from workbench.ui import ops
from workbench.ui.dialogs.export import FORMAT_NAMES, PreviewFilters, PreviewLoader
from workbench.ui.errors import describe
from workbench.ui.ops import ExportRequest, PassageOption, PreparedImport, QuoteChange
from workbench.ui.tasks import Task, TaskRunner
from workbench.ui.views.evidence_text import document_label

if TYPE_CHECKING:  # services loads SQLAlchemy: kept off the start-up path
    from workbench.services import Database, SourceDocumentRecord
    from workbench.ui.undo import (
        AddQuoteCommand,
        LinkPassageCommand,
        UnlinkPassageCommand,
    )

Result = TypeVar("Result")


def source_label(location: str, *, pasted: bool = False) -> str:
    """How a source being attached is named in progress and messages."""
    if pasted:
        return "the pasted text"
    if "://" in location:
        return location.strip()
    return Path(location).name or location


class ReviewSession(QObject):
    """What the window asks of the review record, and what it hears back."""

    database_opened = Signal()
    library_ready = Signal(object)  # list[LibraryEntry]
    article_requested = Signal(int)  # about to load: a note being typed is handed on first
    article_ready = Signal(object, bool)  # ArticleBundle; True when it reloads the article shown
    change_stored = Signal(object)  # QuoteChange: a review action (or its undo) as stored
    note_saved = Signal(int)  # quote id
    note_failed = Signal(int)  # quote id: the editor keeps the text, the next pause retries
    quote_added = Signal(int)  # quote id of a quote added by hand (after its change_stored)
    source_attached = Signal(object, int)  # SourceAttached, the article it was attached to
    reviews_ready = Signal(object)  # {quote id: QuoteReview}: every quote compared
    review_updated = Signal(int, object)  # quote id, its reviews: compared again after a link
    recheck_done = Signal(object, object)  # RecheckReport, the SourceDocumentRecord read again
    export_written = Signal(object)  # the Path written
    export_exists = Signal(object, object, str, object)  # request, selection, what, path
    progress = Signal(object, bool)  # the status bar's: text (None: nothing), Cancel shown
    source_progress = Signal(object, int, int)  # the source panel's: text (None), done, total
    message = Signal(str, int)  # a sentence for the status bar, for so many milliseconds
    error = Signal(object)  # an error the reviewer must see (``ui.errors.describe`` words it)

    def __init__(
        self,
        *,
        db_target: str | None = None,
        runner: TaskRunner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner or TaskRunner(self)
        self.runner.error.connect(self.error)
        self.db_target = db_target
        self.undo_stack = QUndoStack(self)
        self.article_id: int | None = None  # the article on the review page
        self._db: Database | None = None  # set, used and closed on the worker side only
        self._gui_thread = threading.get_ident()
        self._has_documents = False  # the article shown has primary sources to compare with
        self._pushing: QUndoCommand | None = None  # the command whose first redo() is running
        self._imports: set[Task] = set()  # files or pages being read for import
        self._source_tasks: set[Task] = set()  # sources being read or fetched
        self._review_task: Task | None = None  # quotes being compared with the sources
        self._review_generation = 0  # bumped when the article or its sources change
        self._review_stamp = 0  # orders comparisons, so an older one never hides a newer
        self._reviewed_at: dict[int, int] = {}
        self._recheck_task: Task | None = None  # a primary source being read again

    # --- the database -----------------------------------------------------------------------

    def db(self) -> Database:
        """The open database, for work on the database thread or the pool, never the GUI's."""
        if not self.runner.synchronous and threading.get_ident() == self._gui_thread:
            raise RuntimeError("The review database is used off the GUI thread only.")
        if self._db is None:
            raise EnvironmentFault("The review database is not open; restart the workbench.")
        return self._db

    def with_database(
        self,
        work: Callable[[Database], Result],
        on_done: Callable[[Result], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Task:
        """Run ``work(db)`` on the serial database thread; the result comes back here."""
        return self.runner.database(lambda: work(self.db()), on_done, on_error)

    def open_database(self, then: Callable[[], Any] | None = None) -> None:
        def open_it() -> None:
            self._db = ops.open_database(self.db_target)

        def opened(_result: None) -> None:
            self.database_opened.emit()
            self.reload_library()
            if then is not None:
                then()

        self.runner.database(open_it, opened)
        # Load the extractor while the reader looks at the library, not when they import.
        self.runner.work(ops.warm_up)

    def close(self) -> None:
        """Let work already started land (a write must reach the database before it closes),
        then close the database on its own thread."""
        self.runner.shutdown()

        def close_it() -> None:
            db, self._db = self._db, None
            if db is not None:
                ops.close_database(db)

        self.runner.database(close_it)
        self.runner.shutdown()

    def reload_library(self) -> None:
        self.with_database(ops.load_library, self.library_ready.emit)

    # --- importing --------------------------------------------------------------------------

    def import_paths(self, paths: list[str]) -> None:
        for path in paths:
            self._start_import(lambda p=path: ops.prepare_import(p), Path(path).name or path)

    def import_text(self, text: str) -> None:
        """Pasted text as an article (the clipboard)."""
        self._start_import(lambda: ops.prepare_pasted(text), "the clipboard")

    def _start_import(self, prepare: Callable[[], PreparedImport], label: str) -> None:
        task: Task | None = None

        def prepared(result: PreparedImport) -> None:
            self._imports.discard(task)
            self._progress(f"Saving {label}…")
            self.store_import(result)

        def failed(error: BaseException) -> None:
            self._imports.discard(task)
            self._failed(error)

        self._progress(f"Reading {label}…", cancellable=True)
        task = self.runner.work(prepare, prepared, failed)
        if not self.runner.synchronous:
            self._imports.add(task)

    def store_import(self, prepared: PreparedImport) -> None:
        def stored(outcome: ops.ImportOutcome) -> None:
            self._progress(None)
            if outcome.already_there:
                self.message.emit("That article is already in the library: opened it.", 8000)
            else:
                self.message.emit(
                    f"Imported {prepared.label}: {outcome.quote_count} quotes found.", 8000
                )
            self.open_article(outcome.article_id)

        self.with_database(lambda db: ops.store_import(db, prepared), stored, self._failed)

    def cancel_imports(self) -> None:
        for task in list(self._imports):
            task.cancel()
        self._imports.clear()
        self._progress(None)
        self.message.emit("Import cancelled: nothing was added.", 8000)

    def _progress(self, text: str | None, *, cancellable: bool = False) -> None:
        busy = text is not None or bool(self._imports)
        if text is None and self._imports:
            text = "Reading…"
        self.progress.emit(text if busy else None, busy and (cancellable or bool(self._imports)))

    def _failed(self, error: BaseException) -> None:
        self._progress(None)
        self.error.emit(error)

    # --- the article ------------------------------------------------------------------------

    def open_article(self, article_id: int) -> None:
        self.article_requested.emit(article_id)
        self.with_database(lambda db: ops.load_bundle(db, article_id), self._article_loaded)

    def _article_loaded(self, bundle: ops.ArticleBundle) -> None:
        reload = bundle.article.id == self.article_id
        if not reload:
            # Undo belongs to the article on screen: never undo what the reader cannot see.
            self.undo_stack.clear()
            self._review_generation += 1  # comparisons of the article before are stale
            self._reviewed_at.clear()
            self.article_id = bundle.article.id
        self._has_documents = bool(bundle.documents)
        self.article_ready.emit(bundle, reload)

    # --- review actions: what the undo commands call ----------------------------------------

    def push(self, command: QUndoCommand) -> None:
        """Push a review command; its first redo (the action itself) is tied to it."""
        self._pushing = command
        try:
            self.undo_stack.push(command)
        finally:
            self._pushing = None

    def _drop_failed(self, command: QUndoCommand | None) -> None:
        """An action that never reached the database leaves no undo entry behind."""
        stack = self.undo_stack
        index = stack.index()
        if command is None or index == 0 or stack.command(index - 1) is not command:
            return
        command.setObsolete(True)
        stack.undo()  # removes an obsolete command without calling its undo()

    def _review(
        self,
        work: Callable[[Database], QuoteChange],
        on_done: Callable[[QuoteChange], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        reload_on_error: bool = True,
    ) -> None:
        command = self._pushing

        def done(change: QuoteChange) -> None:
            self.change_stored.emit(change)
            if on_done is not None:
                on_done(change)

        def failed(error: BaseException) -> None:
            if on_error is not None:
                on_error(error)
            self._drop_failed(command)
            self.error.emit(error)
            if reload_on_error and self.article_id is not None:  # show what is really stored
                self.open_article(self.article_id)

        self.with_database(work, done, failed)

    def mark(self, quote_id: int, status: Status) -> None:
        self._review(lambda db: ops.mark(db, quote_id, status))

    def save_note(self, quote_id: int, note: str | None) -> None:
        self._review(
            lambda db: ops.save_note(db, quote_id, note),
            lambda _change: self.note_saved.emit(quote_id),
            lambda _error: self.note_failed.emit(quote_id),
            # The editor holds the truth of a note that did not save: leave it as it is.
            reload_on_error=False,
        )

    def set_speaker(self, quote_id: int, speaker: SpeakerRef | None) -> None:
        self._review(lambda db: ops.set_speaker(db, quote_id, speaker))

    def set_span(self, quote_id: int, start: int, end: int) -> None:
        self._review(lambda db: ops.set_span(db, quote_id, start, end))

    def reject_quote(self, quote_id: int) -> None:
        self._review(lambda db: ops.reject(db, quote_id))

    def restore_quote(self, quote_id: int) -> None:
        self._review(lambda db: ops.restore(db, quote_id))

    def add_quote(self, command: AddQuoteCommand) -> None:
        def work(db: Database) -> QuoteChange:
            if command.quote_id is None:
                change = ops.add_quote(db, command.article_id, command.start, command.end)
                command.quote_id = change.quote.id
                return change
            return ops.restore(db, command.quote_id)

        self._review(work, lambda change: self.quote_added.emit(change.quote.id))

    def take_back_added_quote(self, command: AddQuoteCommand) -> None:
        def work(db: Database) -> QuoteChange:
            if command.quote_id is None:
                raise UserError("The added quote was never stored, so there is nothing to undo.")
            return ops.reject(db, command.quote_id)

        self._review(work)

    def link_passage(self, command: LinkPassageCommand) -> None:
        def work(db: Database) -> QuoteChange:
            result = ops.accept_passage(
                db, command.quote_id, command.source_id, command.start, command.end
            )
            command.link = result.link
            return result.change

        self._review(work, self._links_changed)

    def take_back_link(self, command: LinkPassageCommand) -> None:
        def work(db: Database) -> QuoteChange:
            if command.link is None:
                raise UserError("The link was never stored, so there is nothing to undo.")
            return ops.unlink(db, command.link.id, command.quote_id).change

        self._review(work, self._links_changed)

    def unlink_passage(self, command: UnlinkPassageCommand) -> None:
        self._review(
            lambda db: ops.unlink(db, command.link.id, command.quote_id).change,
            self._links_changed,
        )

    def relink_passage(self, command: UnlinkPassageCommand) -> None:
        def work(db: Database) -> QuoteChange:
            result = ops.relink(db, command.link)
            if result.link is not None:
                command.link = result.link
            return result.change

        self._review(work, self._links_changed)

    def reject_passage(self, quote_id: int, option: PassageOption) -> None:
        self._review(
            lambda db: ops.reject_passage(db, quote_id, option).change, self._links_changed
        )

    def withdraw_rejection(self, quote_id: int, option: PassageOption) -> None:
        self._review(
            lambda db: ops.withdraw_rejection(db, quote_id, option).change, self._links_changed
        )

    def _links_changed(self, change: QuoteChange) -> None:
        self.compare_quote(change.quote.id)

    # --- primary sources --------------------------------------------------------------------

    def attach_source(self, location: str, *, pasted: bool = False, title: str | None = None):
        """Capture a file, URL or pasted text (work pool), then store it (database thread)."""
        article_id = self.article_id
        if article_id is None:
            return
        label = source_label(location, pasted=pasted)
        task: Task | None = None

        def captured(snapshot) -> None:
            self._source_tasks.discard(task)
            self.source_progress.emit(f"Saving {label}…", 0, 0)
            self.with_database(
                lambda db: ops.store_source(db, article_id, snapshot), stored, failed
            )

        def stored(result: ops.SourceAttached) -> None:
            self.source_progress.emit(None, 0, 0)
            self.source_attached.emit(result, article_id)
            if article_id == self.article_id:
                self._has_documents = True
                self.compare_all_quotes()
            name = result.document.title or label
            if result.already_attached:
                message = f"{name} is already attached to this article."
            elif result.reused:
                message = f"Attached {name} (the same document was captured before)."
            else:
                message = f"Attached {name} as evidence; comparing the quotes with it."
            self.message.emit(message, 8000)

        def failed(error: BaseException) -> None:
            self._source_tasks.discard(task)
            self.source_progress.emit(None, 0, 0)
            self.error.emit(error)

        verb = "Fetching" if "://" in label else "Reading"
        self.source_progress.emit(f"{verb} {label}…", 0, 0)
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
        self.source_progress.emit(None, 0, 0)
        if fetching:
            message = "Cancelled: no source was attached."
        elif rechecking:
            message = "Re-check cancelled; the stored snapshot is as it was."
        else:
            message = "Comparison stopped; the verdicts shown so far stay."
        self.message.emit(message, 8000)

    def compare_all_quotes(self) -> None:
        """Compare every quote with the article's primary sources, in the background."""
        if self._review_task is not None:
            self._review_task.cancel()
            self._review_task = None
        self._review_generation += 1
        article_id = self.article_id
        if article_id is None or not self._has_documents:
            self.source_progress.emit(None, 0, 0)
            return
        generation = self._review_generation
        self._review_stamp += 1
        stamp = self._review_stamp

        def progress(done: int, total: int) -> None:
            text = f"Comparing quote {done} of {total} with the sources…"
            self.source_progress.emit(text, done, total)

        def compared(reviews: dict[int, ops.QuoteReview]) -> None:
            self._review_task = None
            if generation != self._review_generation:
                return
            self.source_progress.emit(None, 0, 0)
            newer = {q for q, at in self._reviewed_at.items() if at > stamp}
            self.reviews_ready.emit({q: r for q, r in reviews.items() if q not in newer})

        def failed(error: BaseException) -> None:
            self._review_task = None
            self.source_progress.emit(None, 0, 0)
            self.error.emit(error)

        def read(inputs: ops.ReviewInputs) -> None:
            if generation != self._review_generation:
                return

            def run(report, cancelled) -> dict[int, ops.QuoteReview]:
                return ops.review_quotes(inputs, progress=report, cancelled=cancelled)

            self._review_task = self.runner.work_with_progress(run, compared, failed, progress)

        self.source_progress.emit("Comparing the quotes with the sources…", 0, 0)
        self.with_database(lambda db: ops.review_inputs(db, article_id), read, failed)

    def compare_quote(self, quote_id: int) -> None:
        """Compare one quote again (after a link action), without waiting for the others."""
        article_id = self.article_id
        if article_id is None or not self._has_documents:
            return
        generation = self._review_generation
        self._review_stamp += 1
        stamp = self._review_stamp

        def compared(reviews: dict[int, ops.QuoteReview]) -> None:
            if generation != self._review_generation:
                return
            for reviewed in reviews:
                self._reviewed_at[reviewed] = stamp
            self.review_updated.emit(quote_id, reviews)

        def read(inputs: ops.ReviewInputs) -> None:
            if generation == self._review_generation:
                self.runner.work(lambda: ops.review_quotes(inputs), compared)

        self.with_database(lambda db: ops.review_inputs(db, article_id, [quote_id]), read)

    def recheck_source(self, document: SourceDocumentRecord) -> None:
        """Read or fetch a source again and compare it with its snapshot; nothing is written.

        It runs on the work pool, not the serial database thread: it only reads (a snapshot
        of its own, WAL), and a slow web server must not hold up the reviewer's marks. The
        pool's worker takes the database handle itself.
        """
        if self._recheck_task is not None:
            self._recheck_task.cancel()

        def checked(report) -> None:
            self._recheck_task = None
            self.source_progress.emit(None, 0, 0)
            self.recheck_done.emit(report, document)

        def failed(error: BaseException) -> None:
            self._recheck_task = None
            self.source_progress.emit(None, 0, 0)
            self.error.emit(error)

        verb = "Fetching" if "://" in document.origin else "Reading"
        text = f"{verb} {document_label(document)} again to compare it with the snapshot…"
        self.source_progress.emit(text, 0, 0)
        task = self.runner.work(lambda: ops.recheck_source(self.db(), document.id), checked, failed)
        self._recheck_task = None if self.runner.synchronous else task

    # --- exports ----------------------------------------------------------------------------

    def export(self, request: ExportRequest, what: str) -> None:
        """Read the review (database thread), then render and write the file (work pool)."""
        self._progress(f"Exporting the {FORMAT_NAMES[request.fmt]}…")
        self.with_database(
            lambda db: ops.read_export(db, request),
            lambda selection: self.write_export(request, selection, what, overwrite=False),
            self._failed,
        )

    def write_export(self, request: ExportRequest, selection, what: str, *, overwrite: bool):
        """Render and write; an existing file is reported (``export_exists``), not replaced,
        unless ``overwrite``."""
        name = FORMAT_NAMES[request.fmt]

        def make() -> tuple[Path, int]:
            # An existing file is found before a long PDF is rendered, not after.
            ops.check_export_target(request.path, overwrite=overwrite)
            data = ops.render_export(selection, request.fmt)
            path = ops.write_export(request.path, data, overwrite=overwrite)
            return path, len(selection.articles)

        def written(result: tuple[Path, int]) -> None:
            path, count = result
            self._progress(None)
            if request.library:
                what_ = f"{count} article{'' if count == 1 else 's'}" if count else "no article"
                message = f"Exported the {name} of {what_} to {path}."
                if not count:
                    message += " No article matched the filters, so it is empty."
            else:
                message = f"Exported the {name} of {what} to {path}."
            self.message.emit(message, 20_000)
            self.export_written.emit(path)

        def failed(error: BaseException) -> None:
            from workbench.export import TargetExists  # loaded by now, on the worker

            self._progress(None)
            if isinstance(error, TargetExists) and not overwrite:
                self.export_exists.emit(request, selection, what, error.path)
            else:
                self.error.emit(error)

        self._progress(f"Exporting the {name}…")
        self.runner.work(make, written, failed)

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

            self.with_database(lambda db: ops.read_export(db, request), read, failed)

        return load

"""Run work off the GUI thread and deliver its result (or error) back on the GUI thread.

Like Picard's ``run_task`` and Anki's collection ops: the callable is plain Python from the core,
the callbacks run on the GUI thread. Database work goes to one serial worker thread, so writes
happen one at a time in the order they were asked for (a mark, then its undo); reading and
analysing files goes to a small pool beside it, so a long import never holds up a mark.
Tests and `workbench screenshot` can make the runner synchronous.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Task(QObject):
    """One piece of work on its way; ``cancel()`` drops its result (the work itself finishes,
    unless it asks ``cancelled()`` as it goes, as a long one started with ``progress`` does)."""

    _finished = Signal(object, object)  # result, error: emitted from the worker thread
    progressed = Signal(int, int)  # done, total: emitted from the worker thread

    def __init__(
        self,
        runner: TaskRunner,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
    ) -> None:
        # No Qt parent: a runner that Python collects must not delete tasks whose
        # deleteLater() is still queued (that crashed the interpreter); Python keeps each
        # task alive through the runner's pending set and its worker until it is delivered.
        super().__init__()
        self._runner = runner
        self._fn = fn
        self._on_done = on_done
        self._on_error = on_error
        self.cancelled = False
        self.on_progress: Callable[[int, int], None] | None = None
        # The Task lives on the GUI thread, so these queued connections land there.
        self._finished.connect(self._deliver)
        self.progressed.connect(self._deliver_progress)

    def cancel(self) -> None:
        self.cancelled = True

    def is_cancelled(self) -> bool:
        """Asked from the worker thread: a plain attribute read, safe across threads."""
        return self.cancelled

    def report(self, done: int, total: int) -> None:
        """Called from the worker thread; queued to the GUI thread's slots."""
        self.progressed.emit(done, total)

    def execute(self) -> None:
        """Runs on the worker (or inline when synchronous)."""
        try:
            result, error = self._fn(), None
        except BaseException as exc:  # delivered to the GUI thread, which decides what to show
            result, error = None, exc
        self._finished.emit(result, error)

    @Slot(int, int)
    def _deliver_progress(self, done: int, total: int) -> None:
        if not self.cancelled and self.on_progress is not None:
            self.on_progress(done, total)

    @Slot(object, object)
    def _deliver(self, result: Any, error: BaseException | None) -> None:
        try:
            if self.cancelled:
                return
            if error is not None:
                (self._on_error or self._runner.report_error)(error)
            elif self._on_done is not None:
                self._on_done(result)
        finally:
            self._runner._task_ended(self)


class _Runnable(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self._task = task

    def run(self) -> None:
        self._task.execute()


class TaskRunner(QObject):
    """The one door to the worker threads. ``idle`` is emitted when nothing is left to deliver."""

    busy_changed = Signal(bool)
    idle = Signal()
    error = Signal(object)  # an error no caller handled

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pending: set[Task] = set()
        self._database = QThreadPool(self)
        self._database.setMaxThreadCount(1)
        self._database.setExpiryTimeout(-1)  # keep the one database thread for the whole session
        self._work = QThreadPool(self)
        self._work.setMaxThreadCount(2)

    @property
    def pending(self) -> int:
        return len(self._pending)

    def report_error(self, error: BaseException) -> None:
        self.error.emit(error)

    def database(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> Task:
        """Run ``fn`` on the serial database thread."""
        return self._start(self._database, fn, on_done, on_error)

    def work(
        self, fn: Callable[[], Any], on_done: Done | None = None, on_error: Failed | None = None
    ) -> Task:
        """Run ``fn`` (reading, parsing, analysing) on the pool beside the database thread."""
        return self._start(self._work, fn, on_done, on_error)

    def work_with_progress(
        self,
        fn: Callable[[Callable[[int, int], None], Callable[[], bool]], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> Task:
        """Run ``fn(report, cancelled)`` on the work pool: it reports (done, total) as it goes
        and stops early when ``cancelled()`` turns true."""
        holder: list[Task] = []

        def run() -> Any:
            task = holder[0]
            return fn(task.report, task.is_cancelled)

        return self._start(self._work, run, on_done, on_error, on_progress, holder)

    def _start(
        self,
        pool: QThreadPool,
        fn: Callable[[], Any],
        on_done: Done | None,
        on_error: Failed | None,
        on_progress: Callable[[int, int], None] | None = None,
        holder: list[Task] | None = None,
    ) -> Task:
        task = Task(self, fn, on_done, on_error)
        task.on_progress = on_progress
        if holder is not None:
            holder.append(task)
        was_idle = not self._pending
        self._pending.add(task)
        if was_idle:
            self.busy_changed.emit(True)
        if self.synchronous:
            task.execute()  # a direct connection on this thread: delivered before returning
        else:
            pool.start(_Runnable(task))
        return task

    def _task_ended(self, task: Task) -> None:
        self._pending.discard(task)
        task.deleteLater()
        if not self._pending:
            self.busy_changed.emit(False)
            self.idle.emit()

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Wait for work already started (a write in flight must land before the database closes)."""
        self._work.clear()
        done = self._work.waitForDone(msecs)
        return self._database.waitForDone(msecs) and done

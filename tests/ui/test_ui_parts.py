"""The parts under the window: offsets, the task runner, undo commands on a bare stack."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QUndoStack
from ui_support import SAMPLE

from workbench.domain import Status
from workbench.errors import UserError
from workbench.ui.tasks import TaskRunner
from workbench.ui.undo import (
    AddQuoteCommand,
    ChangeSpeakerCommand,
    EditNoteCommand,
    MarkStatusCommand,
    RejectQuoteCommand,
)
from workbench.ui.views.article_view import ArticleView
from workbench.ui.views.offsets import OffsetMap


def test_offsets_survive_emoji_and_windows_line_ends(qtbot):
    text = "Intro\r\n“Ship it 🚢 now,” she said.\r\nAnd “one more” 😀 then."
    spans = [(text.index("Ship"), text.index(",”")), (text.index("one"), text.index("more") + 4)]
    offsets = OffsetMap(text)
    assert not offsets.identity
    for start, end in spans:
        assert offsets.to_python(offsets.to_document(start)) == start
        assert offsets.to_python(offsets.to_document(end)) == end
    view = ArticleView()
    qtbot.addWidget(view)
    view.setPlainText(text)
    cursor = view.textCursor()
    start, end = spans[1]
    cursor.setPosition(offsets.to_document(start))
    cursor.setPosition(offsets.to_document(end), cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "one more"


def test_runner_delivers_results_and_errors_on_the_gui_thread(qtbot):
    runner = TaskRunner()
    gui = threading.get_ident()
    seen: list[tuple[str, object, int]] = []
    runner.database(
        lambda: threading.get_ident(),
        lambda r: seen.append(("done", r != gui, threading.get_ident())),
    )
    runner.work(
        lambda: 1 / 0, None, lambda e: seen.append(("error", type(e), threading.get_ident()))
    )
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert ("done", True, gui) in seen
    assert ("error", ZeroDivisionError, gui) in seen
    assert runner.pending == 0
    runner.shutdown()


def test_runner_keeps_database_work_in_order(qtbot):
    runner = TaskRunner()
    order: list[int] = []
    for i in range(20):
        runner.database(lambda i=i: order.append(i))
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert order == list(range(20))
    runner.shutdown()


def test_unhandled_errors_go_to_the_runner_s_error_signal(qtbot):
    runner = TaskRunner(synchronous=True)
    with qtbot.waitSignal(runner.error) as signal:
        runner.database(lambda: (_ for _ in ()).throw(UserError("no such quote")))
    assert str(signal.args[0]) == "no such quote"


def test_a_cancelled_task_delivers_nothing(qtbot):
    runner = TaskRunner()
    gate = threading.Event()
    delivered: list[object] = []
    task = runner.work(lambda: gate.wait(5), delivered.append)
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: runner.pending == 0)
    assert delivered == []
    runner.shutdown()


class FakeSession:
    """Records the session calls the commands ask for, as Orange tests its commands."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def mark(self, quote_id, status):
        self.calls.append(("mark", quote_id, status))

    def save_note(self, quote_id, note):
        self.calls.append(("note", quote_id, note))

    def set_speaker(self, quote_id, speaker):
        self.calls.append(("speaker", quote_id, speaker))

    def reject_quote(self, quote_id):
        self.calls.append(("reject", quote_id))

    def restore_quote(self, quote_id):
        self.calls.append(("restore", quote_id))

    def add_quote(self, command):
        if command.quote_id is None:
            command.quote_id = 99
            self.calls.append(("add", command.start, command.end))
        else:
            self.calls.append(("restore", command.quote_id))

    def take_back_added_quote(self, command):
        self.calls.append(("reject", command.quote_id))


@pytest.fixture
def stack():
    return QUndoStack()


def test_commands_call_the_services_both_ways(stack):
    fake = FakeSession()
    stack.push(MarkStatusCommand(fake, 7, 1, Status.VERIFIED, Status.UNVERIFIED))
    stack.push(EditNoteCommand(fake, 7, 1, "checked", None))
    stack.push(ChangeSpeakerCommand(fake, 7, 1, None, None))
    stack.push(RejectQuoteCommand(fake, 8, 2))
    stack.push(AddQuoteCommand(fake, 1, 10, 20))
    assert stack.undoText() == "add a quote"
    while stack.canUndo():
        stack.undo()
    while stack.canRedo():
        stack.redo()
    assert fake.calls == [
        ("mark", 7, Status.VERIFIED),
        ("note", 7, "checked"),
        ("speaker", 7, None),
        ("reject", 8),
        ("add", 10, 20),
        ("reject", 99),
        ("restore", 8),
        ("speaker", 7, None),
        ("note", 7, None),
        ("mark", 7, Status.UNVERIFIED),
        ("mark", 7, Status.VERIFIED),
        ("note", 7, "checked"),
        ("speaker", 7, None),
        ("reject", 8),
        ("restore", 99),
    ]


def test_commands_on_a_bare_stack_change_the_record_through_a_real_session(qtbot, stack):
    """The commands against the real session and a real SQLite file: each undo and redo is
    what the record then holds (the runner is synchronous, so each call has landed)."""
    from workbench import services
    from workbench.ui import ops
    from workbench.ui.session import ReviewSession

    session = ReviewSession(runner=TaskRunner(synchronous=True))
    session.open_database()
    session.store_import(ops.prepare_import(str(SAMPLE)))

    def read(work):
        found = []
        session.with_database(work, found.append)
        return found[0]

    article_id = session.article_id
    text = read(lambda db: services.get_article(db, article_id=article_id)).text
    quote = read(lambda db: services.list_quotes(db, article_id=article_id))[1]
    words = "freight traffic through the eastern gate has fallen by a fifth"
    start = text.index(words)
    added = AddQuoteCommand(session, article_id, start, start + len(words))
    stack.push(MarkStatusCommand(session, quote.id, quote.number, Status.MISQUOTED, quote.status))
    stack.push(added)

    def now(quote_id):
        return read(lambda db: services.get_quote(db, quote_id=quote_id))

    assert now(quote.id).status == Status.MISQUOTED and not now(added.quote_id).rejected
    stack.undo()
    stack.undo()
    assert now(quote.id).status == Status.UNVERIFIED and now(added.quote_id).rejected
    stack.redo()
    stack.redo()
    assert now(quote.id).status == Status.MISQUOTED and not now(added.quote_id).rejected
    session.close()


def test_every_key_of_the_action_table_is_on_the_shortcut_sheet(qtbot):
    from workbench.ui.actions import ACTIONS, key_sequences, shortcut_rows

    sheet = " ".join(keys for keys, _what in shortcut_rows())
    keyed = [spec for spec in ACTIONS if spec.name not in ("quit", "preferences") and spec.keys]
    assert len(keyed) > 20
    # Each action's main key (a second one, such as Ctrl+Y for redo, may stay unlisted).
    missing = [
        spec.name
        for spec in keyed
        if key_sequences(spec, main_only=True)[0].toString() not in sheet
    ]
    assert missing == []


def test_installed_pyside_does_not_leak_none(qtbot):
    """PySide6 6.12.0 on Python 3.11 took a reference from None on every void Qt call, which
    aborts the interpreter once None's count runs out; pyproject.toml keeps it out (<6.12).
    This catches a future release with the same fault before users do."""
    import sys

    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setEnabled(True)
    assert before - sys.getrefcount(None) < 50


def test_runners_collected_by_python_do_not_crash_the_interpreter(tmp_path):
    """Tasks once had the runner as Qt parent: a runner Python collected with their
    deleteLater() still queued killed the process (about 1 test run in 100). Run the pattern
    many times in a child process, where a crash shows as a signal, not a dead test run."""
    import subprocess
    import sys

    script = tmp_path / "runners.py"
    script.write_text(
        "import threading\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from workbench.ui.tasks import TaskRunner\n"
        "app = QApplication([])\n"
        "for _ in range(150):\n"
        "    runner = TaskRunner()\n"
        "    for i in range(10):\n"
        "        runner.database(lambda: None)\n"
        "    gate = threading.Event()\n"
        "    runner.work(lambda: gate.wait(5), print).cancel()\n"
        "    gate.set()\n"
        "    while runner.pending:\n"
        "        app.processEvents()\n"
        "print('done')\n"
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("done")

"""The window never does heavy work on its own thread, and a failure loses nothing typed."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_support import LOAD_TIMEOUT, SAMPLE, wait_idle

from workbench import services
from workbench.domain import Status
from workbench.errors import EnvironmentFault
from workbench.ui import ops


def test_reading_analysing_and_writing_never_run_on_the_gui_thread(qtbot, window, monkeypatch):
    gui = threading.get_ident()
    threads: dict[str, set[int]] = {}
    for name in (
        "prepare_import",
        "store_import",
        "load_bundle",
        "mark",
        "save_note",
        "load_library",
    ):
        original = getattr(ops, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            threads.setdefault(_name, set()).add(threading.get_ident())
            return _original(*args, **kwargs)

        monkeypatch.setattr(ops, name, spy)
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT):
        window.import_paths([str(SAMPLE)])
    with qtbot.waitSignal(window.change_applied, timeout=10_000):
        window.reviewing.set_status(Status.VERIFIED)
    window.review.detail.note.setPlainText("a note")
    with qtbot.waitSignal(window.change_applied, timeout=10_000):
        window.review.detail.flush_note()
    with qtbot.waitSignal(window.library_loaded, timeout=10_000):
        window.show_library()
    assert set(threads) == {
        "prepare_import",
        "store_import",
        "load_bundle",
        "mark",
        "save_note",
        "load_library",
    }
    for name, seen in threads.items():
        assert gui not in seen, f"{name} ran on the GUI thread"
    # Every write went through the one database thread.
    assert len(threads["store_import"] | threads["mark"] | threads["save_note"]) == 1


def test_a_failed_mark_is_a_message_and_the_window_shows_what_is_stored(
    qtbot, opened, db, monkeypatch
):
    def locked(*_args, **_kwargs):
        raise EnvironmentFault("The review database is locked by another program; try again.")

    monkeypatch.setattr(ops, "mark", locked)
    quote = opened.review.current_quote()
    with qtbot.waitSignal(opened.error_shown, timeout=10_000) as signal:
        opened.reviewing.set_status(Status.MISQUOTED)
    assert "locked" in signal.args[0]
    qtbot.waitUntil(lambda: opened.session.runner.pending == 0, timeout=LOAD_TIMEOUT)
    assert services.get_quote(db, quote_id=quote.id).status == Status.UNVERIFIED
    qtbot.waitUntil(lambda: opened.review.current_quote() is not None, timeout=LOAD_TIMEOUT)
    assert opened.review.current_quote().id == quote.id  # the reload kept the reader's place
    assert opened.session.undo_stack.count() == 0  # nothing happened, so there is nothing to undo
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert boxes and "Traceback" not in boxes[0].text()
    for box in boxes:
        box.accept()


def test_a_note_that_cannot_be_saved_stays_in_the_editor(qtbot, opened, db, monkeypatch):
    real_save = ops.save_note

    def full_disk(*_args, **_kwargs):
        raise EnvironmentFault("The disk is full; free some space and keep typing.")

    monkeypatch.setattr(ops, "save_note", full_disk)
    detail = opened.review.detail
    detail.note_timer.setInterval(100)
    quote = opened.review.current_quote()
    detail.note.setFocus()
    with qtbot.waitSignal(opened.error_shown, timeout=10_000):
        qtbot.keyClicks(detail.note, "spoke to the clerk")
    wait_idle(qtbot, opened)
    assert detail.note.toPlainText() == "spoke to the clerk"
    assert "Not saved" in detail.note_state.text()
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.accept()
    # The disk has room again: the next pause saves what is in the editor.
    monkeypatch.setattr(ops, "save_note", real_save)
    detail.note.setFocus()
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        qtbot.keyClick(detail.note, Qt.Key.Key_Period)
    assert services.get_quote(db, quote_id=quote.id).note == "spoke to the clerk."


def test_clicking_a_source_selects_its_first_quote(qtbot, opened):
    review = opened.review
    model = review.sources.model
    row = next(i for i, s in enumerate(model.sources()) if s.name == "Desmond Achterberg")
    review.tabs.setCurrentIndex(1)
    review.sources.table.clicked.emit(model.index(row, 0))
    assert review.current_quote().speaker.name == "Desmond Achterberg"


def test_workbench_without_a_command_opens_the_library(monkeypatch):
    from workbench import cli
    from workbench.ui import app

    opened: list[str | None] = []
    monkeypatch.setattr(
        app, "run_app", lambda db_target=None, open_target=None: opened.append(db_target) or 0
    )
    assert cli.main(["--db", "/tmp/some.sqlite"]) == 0
    assert opened == ["/tmp/some.sqlite"]

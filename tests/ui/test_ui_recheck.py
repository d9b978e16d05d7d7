"""Re-check from the primary-source panel: the sample transcript, attached from a file, is read
again; untouched it is "unchanged", edited it is "changed" and the linked quote matches less
well, and the stored snapshot stays what was captured."""

from __future__ import annotations

import shutil
import threading

import pytest
from PySide6.QtCore import Qt
from ui_support import LOAD_TIMEOUT, SAMPLE, wait_idle

from workbench import services
from workbench.ui import ops
from workbench.ui.dialogs.attach_source import AttachSourceDialog, SourceRequest

TRANSCRIPT = SAMPLE.with_name("harbour-bridge-hearing.txt")
VILLAIN = "We are not here to find a villain."


@pytest.fixture
def linked(qtbot, opened, monkeypatch, tmp_path):
    """The sample with a copy of its hearing transcript attached and Brannagh's first quote
    linked to its passage."""
    copy = tmp_path / "hearing.txt"
    shutil.copyfile(TRANSCRIPT, copy)
    monkeypatch.setattr(
        AttachSourceDialog, "ask", classmethod(lambda cls, parent: SourceRequest(str(copy)))
    )
    with qtbot.waitSignals(
        [opened.session.source_attached, opened.session.reviews_ready], timeout=LOAD_TIMEOUT
    ):
        opened.window_actions["attach_source"].trigger()
    quote = next(q for q in opened.review.quotes.quotes() if q.text.startswith(VILLAIN[:20]))
    opened.review.select_quote(quote.id)
    qtbot.waitUntil(lambda: opened.review.evidence.current_option() is not None)
    with qtbot.waitSignal(opened.session.review_updated, timeout=LOAD_TIMEOUT):
        opened.window_actions["accept_link"].trigger()
    wait_idle(qtbot, opened)
    return opened, copy, quote


def recheck(qtbot, window):
    evidence = window.review.evidence
    with qtbot.waitSignal(window.session.recheck_done, timeout=LOAD_TIMEOUT) as done:
        qtbot.mouseClick(evidence.recheck_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    return done.args[0], evidence.recheck_text()


def test_an_untouched_file_is_unchanged_and_its_link_still_matches(qtbot, linked):
    window, _copy, quote = linked
    report, text = recheck(qtbot, window)
    assert report.status == "unchanged"
    assert "Unchanged" in text and "since it was captured" in text
    assert f"#{quote.number} still matches (exact)" in text
    assert "unchanged" in window.statusBar().currentMessage()


def test_an_edited_file_is_changed_and_the_snapshot_is_kept(qtbot, linked, db):
    window, copy, quote = linked
    original = copy.read_text("utf-8")
    copy.write_text(original.replace(VILLAIN, "We are not here to find villains."), "utf-8")
    report, text = recheck(qtbot, window)
    assert report.status == "changed" and report.text_changed
    assert "Changed" in text and "its text differs" in text
    assert f"#{quote.number} <b>matches less well</b> now (exact → altered)" in text
    article_id = window.review.bundle.article.id
    (document,) = services.list_source_documents(db, article_id=article_id)
    assert document.text == original  # the evidence is what was captured, never the new text
    assert [e.action for e in services.list_events(db, article_id=article_id)].count(
        "source.attached"
    ) == 1


def test_a_file_that_is_gone_is_reported_not_raised(qtbot, linked):
    window, copy, quote = linked
    copy.unlink()
    report, text = recheck(qtbot, window)
    assert report.status == "unavailable"
    assert (
        "Cannot be read again" in text and f"#{quote.number} <b>is not found any more</b>" in text
    )


def test_the_menu_item_is_there_only_with_a_source_attached(qtbot, opened):
    assert not opened.window_actions["recheck_source"].isEnabled()
    with qtbot.waitSignal(opened.error_shown, timeout=LOAD_TIMEOUT) as shown:
        opened.reviewing.recheck_source()
    assert "Attach a primary source first" in shown.args[0]


def test_the_re_check_reads_the_database_on_a_worker_never_the_gui_thread(
    qtbot, linked, monkeypatch
):
    window, _copy, _quote = linked
    gui = threading.get_ident()
    threads: list[int] = []
    original = ops.recheck_source

    def spy(db, source_id):
        threads.append(threading.get_ident())
        return original(db, source_id)

    monkeypatch.setattr(ops, "recheck_source", spy)
    report, _text = recheck(qtbot, window)
    assert report.status == "unchanged"
    assert threads and gui not in threads
    with pytest.raises(RuntimeError, match="off the GUI thread"):
        window.session.db()  # the window never holds the handle itself

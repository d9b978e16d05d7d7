"""The review window driven as a reviewer would: the bundled sample, clicks, keys, undo."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_support import REVIEWER, SAMPLE, wait_idle

from workbench import services
from workbench.domain import Status
from workbench.ui.views.article_view import MENTION_KIND, QUOTE_KIND


def article_id(window) -> int:
    return window.review.bundle.article.id


def quote_events(db, window, quote_id: int, action: str):
    return [
        e
        for e in services.list_events(db, article_id=article_id(window))
        if e.quote_id == quote_id and e.action == action
    ]


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier, widget=None):
    """A key press where the reader is: the quote table (shortcuts are window-wide)."""
    target = widget or window.review.table
    target.setFocus()
    qtbot.keyClick(target, key, modifier)


def test_the_highlighted_quotes_are_exactly_the_gold_quotes(opened, gold_spans):
    painted = opened.review.article.highlights.painted(QUOTE_KIND)
    assert len(gold_spans) == 14
    assert painted == gold_spans
    assert opened.review.quotes.rowCount() == len(gold_spans)


def test_anonymous_source_mentions_are_marked(opened, db):
    sources = services.list_sources(db, article_id=article_id(opened))
    anonymous = [m for s in sources if s.anonymous for m in s.mentions]
    assert anonymous, "the sample credits a quote to an anonymous council official"
    painted = opened.review.article.highlights.painted(MENTION_KIND)
    assert set(map(tuple, anonymous)) <= set(painted)
    assert "anonymous" in opened.review.sources.summary.text()


def test_clicking_a_quote_in_the_text_selects_its_row_and_fills_the_detail(qtbot, opened):
    review = opened.review
    third = review.quotes.quote(2)
    review.article.scroll_to_quote(third.id)
    point = review.article.quote_point(third.id)
    qtbot.mouseClick(review.article.viewport(), Qt.MouseButton.LeftButton, pos=point)
    current = review.table.selectionModel().currentIndex()
    assert review.proxy.mapToSource(current).row() == 2
    assert review.current_quote().id == third.id
    assert f"#{third.number}" in review.detail.heading.text()
    assert third.text in review.detail.quote_text.text()
    assert review.detail.speaker.text() == third.speaker.name
    assert review.article.current() == third.id
    history = review.detail.history_model
    assert history.rowCount() == 1
    assert "detected on import" in history.index(0).data()


def test_selecting_a_row_scrolls_the_text_to_its_quote(qtbot, opened):
    review = opened.review
    last_row = review.proxy.rowCount() - 1
    review.table.selectRow(last_row)
    last = review.quotes.quote(review.proxy.mapToSource(review.proxy.index(last_row, 0)).row())
    assert review.article.current() == last.id
    point = review.article.quote_point(last.id)
    assert review.article.viewport().rect().contains(point)
    assert review.article.verticalScrollBar().value() > 0


@pytest.mark.parametrize(
    ("key", "status"),
    [
        (Qt.Key.Key_V, Status.VERIFIED),
        (Qt.Key.Key_M, Status.MISQUOTED),
        (Qt.Key.Key_A, Status.MISATTRIBUTED),
        (Qt.Key.Key_X, Status.UNVERIFIABLE),
        (Qt.Key.Key_I, Status.IN_REVIEW),
        (Qt.Key.Key_3, Status.VERIFIED),
    ],
)
def test_a_status_key_stores_the_status_and_writes_an_audit_event(qtbot, opened, db, key, status):
    quote = opened.review.current_quote()
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(qtbot, opened, key)
    stored = services.get_quote(db, quote_id=quote.id)
    assert stored.status == status
    events = quote_events(db, opened, quote.id, "quote.status")
    assert len(events) == 1
    assert events[0].to_state["status"] == status
    assert events[0].reviewer == REVIEWER
    assert opened.review.current_quote().status == status
    assert opened.review.detail.status_buttons[status].isChecked()


def test_undo_reverts_a_status_and_redo_applies_it_again(qtbot, opened, db):
    quote = opened.review.current_quote()
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(qtbot, opened, Qt.Key.Key_M)
    assert services.get_quote(db, quote_id=quote.id).status == Status.MISQUOTED
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(qtbot, opened, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.get_quote(db, quote_id=quote.id).status == Status.UNVERIFIED
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(
            qtbot,
            opened,
            Qt.Key.Key_Z,
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
        )
    assert services.get_quote(db, quote_id=quote.id).status == Status.MISQUOTED
    statuses = [e.to_state["status"] for e in quote_events(db, opened, quote.id, "quote.status")]
    assert statuses == ["misquoted", "unverified", "misquoted"]
    assert opened.review.current_quote().status == Status.MISQUOTED


def test_enter_verifies_and_moves_to_the_next_quote(qtbot, opened, db):
    first = opened.review.current_quote()
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(qtbot, opened, Qt.Key.Key_Return)
    assert services.get_quote(db, quote_id=first.id).status == Status.VERIFIED
    assert opened.review.current_quote().id == opened.review.quotes.quote(1).id


def test_j_and_k_move_between_quotes(qtbot, opened):
    quotes = opened.review.quotes
    assert opened.review.current_quote().id == quotes.quote(0).id
    press(qtbot, opened, Qt.Key.Key_J)
    press(qtbot, opened, Qt.Key.Key_J)
    assert opened.review.current_quote().id == quotes.quote(2).id
    assert opened.review.article.current() == quotes.quote(2).id
    press(qtbot, opened, Qt.Key.Key_K, widget=opened.review.article)
    assert opened.review.current_quote().id == quotes.quote(1).id
    press(qtbot, opened, Qt.Key.Key_Down)
    assert opened.review.current_quote().id == quotes.quote(2).id


def test_a_typed_note_is_saved_once_after_the_pause(qtbot, opened, db):
    detail = opened.review.detail
    detail.note_timer.setInterval(150)
    quote = opened.review.current_quote()
    press(qtbot, opened, Qt.Key.Key_N)
    assert detail.note.hasFocus()
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        qtbot.keyClicks(detail.note, "Checked against the hearing transcript, p. 4")
    wait_idle(qtbot, opened)
    stored = services.get_quote(db, quote_id=quote.id)
    assert stored.note == "Checked against the hearing transcript, p. 4"
    assert len(quote_events(db, opened, quote.id, "quote.note")) == 1
    qtbot.waitUntil(lambda: detail.note_state.text() == "Saved")
    # Typing the status letters into the note writes text; it does not mark the quote.
    assert stored.status == Status.UNVERIFIED


def test_a_note_typed_just_before_moving_on_is_not_lost(qtbot, opened, db):
    detail = opened.review.detail
    detail.note_timer.setInterval(60_000)  # the pause never comes: moving on must save it
    quote = opened.review.current_quote()
    detail.note.setFocus()
    qtbot.keyClicks(detail.note, "call the council press office")
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        opened.review.step(+1)
    assert services.get_quote(db, quote_id=quote.id).note == "call the council press office"


def test_undo_of_a_note_restores_the_previous_text(qtbot, opened, db):
    detail = opened.review.detail
    detail.note_timer.setInterval(100)
    quote = opened.review.current_quote()
    detail.note.setFocus()
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        qtbot.keyClicks(detail.note, "first")
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        opened.session.undo_stack.undo()
    assert services.get_quote(db, quote_id=quote.id).note is None
    assert detail.note.toPlainText() == ""


def test_add_a_missed_quote_from_a_text_selection(qtbot, opened, db):
    review = opened.review
    text = review.bundle.article.text
    words = "freight traffic through the eastern gate has fallen by a fifth"
    start = text.index(words)
    review.article.select_span(start, start + len(words))
    before = review.quotes.rowCount()
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(qtbot, opened, Qt.Key.Key_Q, widget=review.article)
    added = [
        q for q in services.list_quotes(db, article_id=article_id(opened)) if q.origin == "added"
    ]
    assert [(q.start, q.end) for q in added] == [(start, start + len(words))]
    assert review.quotes.rowCount() == before + 1
    assert (start, start + len(words)) in review.article.highlights.painted(QUOTE_KIND)
    assert review.current_quote().id == added[0].id
    assert quote_events(db, opened, added[0].id, "quote.added")
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        opened.session.undo_stack.undo()
    assert review.quotes.rowCount() == before
    assert services.get_quote(db, quote_id=added[0].id).rejected


def test_reject_a_false_detection_and_undo_it(qtbot, opened, db, gold_spans):
    review = opened.review
    scare = review.current_quote()
    assert scare.kind == "scare"
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(qtbot, opened, Qt.Key.Key_Delete)
    assert services.get_quote(db, quote_id=scare.id).rejected
    assert (scare.start, scare.end) not in review.article.highlights.painted(QUOTE_KIND)
    assert review.quotes.row_of(scare.id) is None
    assert review.current_quote().id != scare.id
    assert quote_events(db, opened, scare.id, "quote.rejected")
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        opened.session.undo_stack.undo()
    assert not services.get_quote(db, quote_id=scare.id).rejected
    assert review.article.highlights.painted(QUOTE_KIND) == gold_spans


def test_correct_a_speaker_and_undo_it(qtbot, opened, db):
    review = opened.review
    quote = review.current_quote()
    assert quote.speaker is None
    press(qtbot, opened, Qt.Key.Key_S)
    speaker = review.detail.speaker
    assert speaker.hasFocus()
    speaker.clear()
    qtbot.keyClicks(speaker, "Hollis Brannagh")
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        qtbot.keyClick(speaker, Qt.Key.Key_Return)
    stored = services.get_quote(db, quote_id=quote.id)
    assert stored.speaker is not None and stored.speaker.name == "Hollis Brannagh"
    assert review.quotes.quote(review.quotes.row_of(quote.id)).speaker.name == "Hollis Brannagh"
    # The source panel credits the quote to her now.
    brannagh = next(s for s in review.sources.model.sources() if s.name == "Hollis Brannagh")
    assert quote.id in [q.id for q in review.sources.model.credited(brannagh.id)]
    assert quote_events(db, opened, quote.id, "quote.corrected")
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        opened.session.undo_stack.undo()
    assert services.get_quote(db, quote_id=quote.id).speaker is None


def test_history_shows_the_quote_s_audit_trail(qtbot, opened):
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(qtbot, opened, Qt.Key.Key_V)
    lines = [
        opened.review.detail.history_model.index(row).data()
        for row in range(opened.review.detail.history_model.rowCount())
    ]
    assert "Unverified → Verified" in lines[0]
    assert REVIEWER in lines[0]
    assert "detected on import" in lines[-1]


def test_filters_hide_rows_and_selecting_a_hidden_quote_clears_them(qtbot, opened):
    review = opened.review
    review.kind_filter.setCurrentIndex(review.kind_filter.findData("partial"))
    assert 0 < review.proxy.rowCount() < review.quotes.rowCount()
    first = review.quotes.quote(0)  # the scare quote, hidden by the filter
    review.select_quote(first.id)
    assert review.proxy.rowCount() == review.quotes.rowCount()
    assert review.current_quote().id == first.id


def test_find_in_the_article(qtbot, opened):
    press(qtbot, opened, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    review = opened.review
    assert review.find_field.isVisible()
    qtbot.keyClicks(review.find_field, "ombudsman")
    assert review.article.textCursor().selectedText() == "ombudsman"
    review.find_field.setText("zebra crossing")
    assert not review.find_next()
    assert review.find_status.isVisible()


def test_an_import_error_is_a_message_not_a_traceback(qtbot, window, tmp_path):
    missing = tmp_path / "no-such-article.txt"
    with qtbot.waitSignal(window.error_shown, timeout=10_000) as signal:
        window.import_paths([str(missing)])
    assert str(missing) in signal.args[0]
    boxes = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    assert boxes and str(missing) in boxes[0].text()
    assert "Traceback" not in boxes[0].text()
    boxes[0].accept()
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    with qtbot.waitSignal(window.error_shown, timeout=10_000) as signal:
        window.import_paths([str(empty)])
    assert "empty" in signal.args[0].lower()


def test_opening_the_same_file_twice_reopens_the_review(qtbot, opened, db):
    first_id = article_id(opened)
    with qtbot.waitSignal(opened.article_shown, timeout=30_000) as signal:
        opened.import_paths([str(SAMPLE)])
    assert signal.args[0] == first_id
    assert len(services.list_articles(db)) == 1


def test_shortcut_sheet_and_about_box_open(qtbot, opened):
    press(qtbot, opened, Qt.Key.Key_F1)
    sheets = [w for w in QApplication.topLevelWidgets() if w.windowTitle() == "Keyboard shortcuts"]
    assert sheets and sheets[0].isVisible()
    sheets[0].close()


def test_adjust_a_quote_s_span_to_a_selection_and_undo_it(qtbot, opened, db):
    review = opened.review
    quote = review.quotes.quote(1)
    review.select_quote(quote.id)
    shorter = (quote.start, quote.start + len("We are not here to find a villain."))
    review.article.select_span(*shorter)
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        press(qtbot, opened, Qt.Key.Key_Q, Qt.KeyboardModifier.ShiftModifier, review.article)
    stored = services.get_quote(db, quote_id=quote.id)
    assert (stored.start, stored.end) == shorter
    assert shorter in review.article.highlights.painted(QUOTE_KIND)
    with qtbot.waitSignal(opened.change_applied, timeout=10_000):
        opened.session.undo_stack.undo()
    stored = services.get_quote(db, quote_id=quote.id)
    assert (stored.start, stored.end) == (quote.start, quote.end)


def test_cancelling_an_import_adds_nothing(qtbot, window, db):
    window.import_paths([str(SAMPLE)])
    assert window.cancel_button.isVisible()
    window.session.cancel_imports()  # before the worker's result can come back to this thread
    wait_idle(qtbot, window)
    assert services.list_articles(db) == []
    assert not window.progress.isVisible()


def test_dropping_a_file_imports_it(qtbot, window):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(SAMPLE))])
    drop = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.article_shown, timeout=30_000):
        window.dropEvent(drop)
    assert window.review.quotes.rowCount() == 14

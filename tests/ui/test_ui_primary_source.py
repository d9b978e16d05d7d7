"""The primary-source view driven as a reviewer would: attach a hearing transcript, read each
quote's passage and verdict, link by keyboard, undo, redo, pick a runner-up, link by hand.

The fixtures are original: a fictional island council's ferry hearing, and an article quoting it
five times — verbatim, verbatim with a near twin later in the hearing, with its "not" dropped,
fabricated, and credited to the wrong person.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_support import LOAD_TIMEOUT, wait_idle

from workbench import services
from workbench.ui import ops
from workbench.ui.actions import NEEDS_PASSAGE
from workbench.ui.dialogs.attach_source import AttachSourceDialog, SourceRequest
from workbench.ui.models.quotes import LINKED, VERDICT
from workbench.ui.views.source_view import MISSING, PASSAGE

DATA = Path(__file__).parent / "data"
ARTICLE = DATA / "ferry_article.txt"
HEARING = DATA / "ferry_hearing.txt"
HEARING_TEXT = HEARING.read_text(encoding="utf-8")

EXACT = "The ferry is the only way"
TWIN = "We want a ferry that runs on time"
DROPPED_NOT = "The council has decided"
FABRICATED = "Harwick will have a bridge"
MISATTRIBUTED = "Consultation should have happened"


def span_in_hearing(words: str, start_after: int = 0) -> tuple[int, int]:
    start = HEARING_TEXT.index(words, start_after)
    return start, start + len(words)


def quote_starting(window, words: str):
    return next(q for q in window.review.quotes.quotes() if q.text.startswith(words))


def article_id(window) -> int:
    return window.review.bundle.article.id


def press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier):
    window.review.table.setFocus()
    qtbot.keyClick(window.review.table, key, modifier)


def close_error_boxes() -> list[str]:
    texts = []
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.isVisible():
            texts.append(widget.text())
            widget.close()
    return texts


@pytest.fixture
def ferry(qtbot, window):
    """The window with the ferry article imported and shown (no source attached yet)."""
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT):
        window.import_paths([str(ARTICLE)])
    wait_idle(qtbot, window)
    return window


@pytest.fixture
def attached(qtbot, ferry, monkeypatch):
    """... with the hearing transcript attached from the window and every quote compared."""
    monkeypatch.setattr(
        AttachSourceDialog, "ask", classmethod(lambda cls, parent: SourceRequest(str(HEARING)))
    )
    with qtbot.waitSignals(
        [ferry.session.source_attached, ferry.session.reviews_ready], timeout=LOAD_TIMEOUT
    ):
        ferry.window_actions["attach_source"].trigger()
    wait_idle(qtbot, ferry)
    return ferry


def select(qtbot, window, words: str):
    quote = quote_starting(window, words)
    window.review.select_quote(quote.id)
    window.review.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: window.review.evidence.review() is not None, timeout=LOAD_TIMEOUT)
    return quote


def verdict_cell(window, quote) -> str:
    model = window.review.quotes
    return model.index(model.row_of(quote.id), VERDICT).data()


def test_attaching_the_transcript_from_the_window_stores_it_and_fills_the_verdicts(attached, db):
    documents = services.list_source_documents(db, article_id=article_id(attached))
    assert [d.text for d in documents] == [HEARING_TEXT]
    events = services.list_events(db, article_id=article_id(attached))
    assert [e.action for e in events].count("source.attached") == 1
    table = attached.review.table
    assert not table.isColumnHidden(LINKED) and not table.isColumnHidden(VERDICT)
    # Proposals, not links: a "?" (and italics) until the reviewer decides.
    assert verdict_cell(attached, quote_starting(attached, EXACT)) == "Exact?"
    assert verdict_cell(attached, quote_starting(attached, DROPPED_NOT)) == "Altered?"
    assert verdict_cell(attached, quote_starting(attached, FABRICATED)) == "Not found"
    # Below the threshold nothing is attached on the program's word; nothing at all is yet.
    assert all(not q.links for q in services.list_quotes(db, article_id=article_id(attached)))


def test_the_source_view_shows_the_passage_with_the_dropped_not_marked(qtbot, attached):
    select(qtbot, attached, DROPPED_NOT)
    evidence = attached.review.evidence
    option = evidence.current_option()
    assert option.verdict == "altered"
    assert "Altered" in evidence.badge.text() and "≠" in evidence.badge.text()
    passage = span_in_hearing("The council has not decided to sell the second vessel")
    assert evidence.view.highlights.painted(PASSAGE) == [passage]
    assert evidence.view.highlights.painted(MISSING) == [span_in_hearing("not", passage[0])]
    assert evidence.view.passage_visible()
    # The article's side puts the left-out word back, struck through.
    assert "<s" in evidence.quote_label.text() and "<b>not</b></s>" in evidence.quote_label.text()
    assert "MR OKONJO" in evidence.source_caption.text()
    assert "leaves out 'not'" in evidence.reason.text()


def test_keyboard_accept_stores_a_link_and_an_event_undo_removes_it_redo_restores_it(
    qtbot, attached, db
):
    quote = select(qtbot, attached, DROPPED_NOT)
    passage = span_in_hearing("The council has not decided to sell the second vessel")

    def links():
        return [
            (x.start, x.end, x.verdict) for x in services.get_quote(db, quote_id=quote.id).links
        ]

    def actions():
        return [
            e.action
            for e in services.list_events(db, article_id=article_id(attached))
            if e.quote_id == quote.id
        ]

    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        press(qtbot, attached, Qt.Key.Key_L)
    assert links() == [(*passage, "altered")]
    assert actions()[-1] == "link.added"
    assert verdict_cell(attached, quote) == "Altered"  # the reviewer's now: no "?"
    assert attached.review.evidence.current_option().role == "linked"
    assert attached.review.evidence.unlink_button.isVisible()

    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        attached.session.undo_stack.undo()
    assert links() == []
    assert actions()[-1] == "link.removed"
    assert verdict_cell(attached, quote) == "Altered?"

    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        attached.session.undo_stack.redo()
    assert links() == [(*passage, "altered")]
    assert actions()[-2:] == ["link.removed", "link.added"]
    assert not services.verify_audit(db, article_id=article_id(attached)).problems


def test_next_candidate_moves_the_highlight_and_picking_it_links_that_passage(qtbot, attached, db):
    quote = select(qtbot, attached, TWIN)
    view = attached.review.evidence.view
    first = span_in_hearing(
        "We want a ferry that runs on time and a council that tells us the truth"
    )
    assert view.highlights.painted(PASSAGE) == [first]
    assert attached.review.evidence.current_option().verdict == "exact"
    press(qtbot, attached, Qt.Key.Key_C)
    twin = span_in_hearing("We want a ferry that runs on time and a council that tells us the plan")
    assert view.highlights.painted(PASSAGE) == [twin]
    assert view.passage_visible()
    assert attached.review.evidence.current_option().verdict == "altered"
    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        press(qtbot, attached, Qt.Key.Key_L)
    stored = services.get_quote(db, quote_id=quote.id).links
    assert [(x.start, x.end) for x in stored] == [twin]
    press(qtbot, attached, Qt.Key.Key_C, Qt.KeyboardModifier.ShiftModifier)
    assert len(view.highlights.painted(PASSAGE)) == 1


def test_selecting_words_in_the_source_and_linking_them_by_hand_stores_those_offsets(
    qtbot, attached, db
):
    quote = select(qtbot, attached, FABRICATED)
    view = attached.review.evidence.view
    start, end = span_in_hearing("I expect the evening sailings to return in April")
    view.select_span(start - 1, end)  # the reader swept up the space before
    assert view.selected_span() == (start, end)
    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        press(qtbot, attached, Qt.Key.Key_L, Qt.KeyboardModifier.ShiftModifier)
    links = services.get_quote(db, quote_id=quote.id).links
    assert [(x.source_id, x.start, x.end) for x in links] == [(view.source_id, start, end)]
    assert attached.review.evidence.current_option().key == (view.source_id, start, end)
    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        attached.session.undo_stack.undo()
    assert services.get_quote(db, quote_id=quote.id).links == ()


def test_the_fabricated_quote_shows_not_found_and_nothing_is_linked(qtbot, attached, db):
    quote = select(qtbot, attached, FABRICATED)
    evidence = attached.review.evidence
    assert evidence.current_option() is None
    assert "Not found" in evidence.badge.text() and "∅" in evidence.badge.text()
    assert "threshold" in evidence.reason.text()
    assert "Nothing was linked" in evidence.position.text()
    assert not evidence.accept_button.isVisible()
    assert not attached.window_actions["accept_link"].isEnabled()
    attached.reviewing.accept_passage()  # as if L were pressed anyway
    wait_idle(qtbot, attached)
    close_error_boxes()
    assert services.get_quote(db, quote_id=quote.id).links == ()
    assert verdict_cell(attached, quote) == "Not found"


def test_a_quote_credited_to_the_wrong_person_says_who_said_it(qtbot, attached):
    select(qtbot, attached, MISATTRIBUTED)
    evidence = attached.review.evidence
    assert evidence.mismatch.isVisible()
    assert "said by CLLR LINDGREN" in evidence.mismatch.text()
    assert "Tolu Adeyemi" in evidence.mismatch.text()
    quote = quote_starting(attached, MISATTRIBUTED)
    assert verdict_cell(attached, quote) == "Exact? ⚠ speaker"  # the table says so too
    model = attached.review.quotes
    tip = model.index(model.row_of(quote.id), VERDICT).data(Qt.ItemDataRole.ToolTipRole)
    assert "CLLR LINDGREN" in tip


def test_rejecting_a_passage_writes_an_event_and_undo_takes_it_back(qtbot, attached, db):
    quote = select(qtbot, attached, DROPPED_NOT)
    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        press(qtbot, attached, Qt.Key.Key_R)
    events = services.list_events(db, article_id=article_id(attached))
    assert events[-1].action == "link.rejected" and events[-1].quote_id == quote.id
    assert attached.review.evidence.current_option() is None  # no other passage comes close
    assert services.get_quote(db, quote_id=quote.id).links == ()
    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        attached.session.undo_stack.undo()
    events = services.list_events(db, article_id=article_id(attached))
    assert events[-1].action == services.REJECTION_WITHDRAWN  # the rejection stays on record
    assert attached.review.evidence.current_option().verdict == "altered"
    assert not services.verify_audit(db, article_id=article_id(attached)).problems


def test_unlinking_is_undoable_and_links_the_same_passage_again(qtbot, attached, db):
    quote = select(qtbot, attached, EXACT)
    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        press(qtbot, attached, Qt.Key.Key_L)
    (link,) = services.get_quote(db, quote_id=quote.id).links
    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        press(qtbot, attached, Qt.Key.Key_U)
    assert services.get_quote(db, quote_id=quote.id).links == ()
    with qtbot.waitSignal(attached.session.review_updated, timeout=LOAD_TIMEOUT):
        attached.session.undo_stack.undo()
    (again,) = services.get_quote(db, quote_id=quote.id).links
    assert (again.start, again.end, again.score, again.verdict) == (
        link.start,
        link.end,
        link.score,
        link.verdict,
    )


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "attach"),
        ("missing.txt", None, "missing.txt"),
    ],
)
def test_a_bad_source_is_one_sentence_and_stores_nothing(
    qtbot, ferry, db, tmp_path, name, content, words
):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with qtbot.waitSignal(ferry.error_shown, timeout=LOAD_TIMEOUT) as shown:
        ferry.reviewing.attach_source(str(path))
    wait_idle(qtbot, ferry)
    message = shown.args[0]
    assert words in message.lower() or words in message
    assert "\n" not in message and "Traceback" not in message
    assert services.list_source_documents(db, article_id=article_id(ferry)) == []
    assert not ferry.review.evidence.progress_box.isVisible()
    close_error_boxes()


def test_pasted_text_is_attached_as_a_source(qtbot, ferry, db):
    notes = "Interview notes, 5 February.\n\nOkonjo: The second vessel is not for sale."
    with qtbot.waitSignals(
        [ferry.session.source_attached, ferry.session.reviews_ready], timeout=LOAD_TIMEOUT
    ):
        ferry.reviewing.attach_source(notes, pasted=True)
    (document,) = services.list_source_documents(db, article_id=article_id(ferry))
    assert document.origin == "pasted text" and document.text == notes


def test_capturing_and_comparing_never_run_on_the_gui_thread(qtbot, ferry, monkeypatch):
    gui = threading.get_ident()
    seen: dict[str, set[int]] = {}
    for name in ("capture_source", "store_source", "review_inputs", "review_quotes"):
        original = getattr(ops, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            seen.setdefault(_name, set()).add(threading.get_ident())
            return _original(*args, **kwargs)

        monkeypatch.setattr(ops, name, spy)
    with qtbot.waitSignals(
        [ferry.session.source_attached, ferry.session.reviews_ready], timeout=LOAD_TIMEOUT
    ):
        ferry.reviewing.attach_source(str(HEARING))
    assert set(seen) == {"capture_source", "store_source", "review_inputs", "review_quotes"}
    assert all(gui not in threads for threads in seen.values())


def test_cancelling_a_fetch_attaches_nothing(qtbot, ferry, db, monkeypatch):
    gate = threading.Event()
    original = ops.capture_source

    def slow(*args, **kwargs):
        gate.wait(5)
        return original(*args, **kwargs)

    monkeypatch.setattr(ops, "capture_source", slow)
    ferry.reviewing.attach_source(str(HEARING))
    evidence = ferry.review.evidence
    assert evidence.progress_box.isVisible() and evidence.cancel_button.isVisible()
    evidence.cancel_button.click()
    gate.set()
    wait_idle(qtbot, ferry)
    assert services.list_source_documents(db, article_id=article_id(ferry)) == []
    assert not evidence.progress_box.isVisible()


def test_below_the_threshold_the_reviewer_is_asked_before_anything_is_linked(
    qtbot, ferry, db, monkeypatch
):
    from dataclasses import replace

    from workbench.ui.dialogs.attach_source import WeakLinkQuestion

    original = ops.review_inputs
    monkeypatch.setattr(  # a strict newsroom: 94.7 is not enough
        ops, "review_inputs", lambda *a, **k: replace(original(*a, **k), threshold=99.0)
    )
    with qtbot.waitSignals(
        [ferry.session.source_attached, ferry.session.reviews_ready], timeout=LOAD_TIMEOUT
    ):
        ferry.reviewing.attach_source(str(HEARING))
    quote = select(qtbot, ferry, DROPPED_NOT)
    option = ferry.review.evidence.current_option()
    assert option.role == "candidate" and option.below_threshold
    assert "Not found" in ferry.review.evidence.badge.text()
    assert "below the threshold" in ferry.review.evidence.position.text()
    answers: list[bool] = [False, True]
    asked: list[float] = []

    def answer(cls, parent, *, number, score, threshold):
        asked.append(score)
        return answers.pop(0)

    monkeypatch.setattr(WeakLinkQuestion, "ask", classmethod(answer))
    press(qtbot, ferry, Qt.Key.Key_L)
    wait_idle(qtbot, ferry)
    assert services.get_quote(db, quote_id=quote.id).links == ()
    assert ferry.session.undo_stack.count() == 0
    with qtbot.waitSignal(ferry.session.review_updated, timeout=LOAD_TIMEOUT):
        press(qtbot, ferry, Qt.Key.Key_L)
    assert len(asked) == 2
    assert len(services.get_quote(db, quote_id=quote.id).links) == 1


def test_the_quote_table_model_with_verdicts_passes_the_model_tester(qtmodeltester, attached):
    model = attached.review.quotes
    assert model.reviews()
    qtmodeltester.check(model)
    qtmodeltester.check(attached.review.proxy)
    attached.review.table.sortByColumn(VERDICT, Qt.SortOrder.AscendingOrder)
    first = attached.review.proxy.index(0, VERDICT).data()
    assert first == "Not found"  # the worst first: what needs the reader most


def test_link_commands_call_the_services_both_ways():
    from PySide6.QtGui import QUndoStack

    from workbench.ui.undo import LinkPassageCommand, RejectPassageCommand, UnlinkPassageCommand

    class Fake:
        def __init__(self):
            self.calls = []

        def link_passage(self, command):
            command.link = f"link-{len(self.calls)}"
            self.calls.append(("link", command.quote_id, command.source_id, command.start))

        def take_back_link(self, command):
            self.calls.append(("unlink", command.link))

        def unlink_passage(self, command):
            self.calls.append(("unlink", command.link))

        def relink_passage(self, command):
            self.calls.append(("relink", command.link))

        def reject_passage(self, quote_id, option):
            self.calls.append(("reject", quote_id, option))

        def withdraw_rejection(self, quote_id, option):
            self.calls.append(("withdraw", quote_id, option))

    fake, stack = Fake(), QUndoStack()
    stack.push(LinkPassageCommand(fake, 7, 3, 1, (10, 20)))
    assert stack.undoText() == "link #3 to source 1"
    stack.push(RejectPassageCommand(fake, 8, 4, "passage"))
    stack.push(UnlinkPassageCommand(fake, 5, _Link(9, 1)))
    while stack.canUndo():
        stack.undo()
    stack.redo()
    assert fake.calls == [
        ("link", 7, 1, 10),
        ("reject", 8, "passage"),
        ("unlink", _Link(9, 1)),
        ("relink", _Link(9, 1)),
        ("withdraw", 8, "passage"),
        ("unlink", "link-0"),
        ("link", 7, 1, 10),
    ]


class _Link:
    def __init__(self, quote_id, source_id):
        self.quote_id, self.source_id = quote_id, source_id

    def __eq__(self, other):
        return isinstance(other, _Link) and vars(self) == vars(other)

    __hash__ = None


def test_the_quote_is_shown_with_the_source_s_words_put_back_and_struck():
    from workbench.matching import locate_quote

    source = "MR OKONJO: We will not close the harbour office this winter, whatever happens."
    quote = "We will close the main harbour office this year"
    match = locate_quote(source, quote, threshold=0)
    parts = ops.quote_parts(quote, match)
    assert "".join(t for t, k in parts if k != ops.MISSING).replace("  ", " ") == quote
    marked = [(t, k) for t, k in parts if k != ops.PLAIN]
    assert ("not", ops.MISSING) in marked
    assert ("main", ops.INSERTED) in marked
    assert ("winter", ops.MISSING) in marked and ("year", ops.CHANGED) in marked
    marks = ops.source_marks(source, match)
    assert [(source[m.start : m.end], m.kind) for m in marks] == [
        ("not", ops.MISSING),
        ("winter", ops.CHANGED),
    ]


def test_the_marks_are_painted_at_the_offsets_the_engine_gives():
    import unicodedata

    from workbench.matching import locate_quote

    # Decomposed accents and a soft hyphen: the source's words are not the quote's characters.
    source = (
        unicodedata.normalize(
            "NFD", "MS ADEYEMI: Cllr Ménard said the café would close, and the café did close; "
        )
        + "the es\u00adtimate came later."
    )
    quote = "Cllr Ménard said the bar would close … the estimate came sooner"
    match = locate_quote(source, quote, threshold=0)
    parts = ops.quote_parts(quote, match)
    assert "".join(t for t, k in parts if k != ops.MISSING).replace("  ", " ") == quote
    assert [(t, k) for t, k in parts if k != ops.PLAIN] == [
        (unicodedata.normalize("NFD", "café"), ops.MISSING),  # the source's word, put back
        ("bar", ops.CHANGED),
        ("later", ops.MISSING),
        ("sooner", ops.CHANGED),
    ]
    cafe = unicodedata.normalize("NFD", "café")
    first_cafe = source.index(cafe)  # the changed one; the second is inside the elision
    marks = [(m.start, source[m.start : m.end], m.kind) for m in ops.source_marks(source, match)]
    assert marks == [
        (first_cafe, cafe, ops.CHANGED),
        (source.index(", and the"), f", and the {cafe} did close; ", ops.ELIDED),
        (source.index("later"), "later", ops.CHANGED),
    ]


def test_the_shortcut_sheet_lists_every_primary_source_key(window):
    from workbench.ui.dialogs.shortcuts import shortcut_rows

    keys = " ".join(key for key, _what in shortcut_rows())
    for action in [
        window.window_actions["attach_source"],
        *window.window_actions.group(NEEDS_PASSAGE),
    ]:
        assert action.shortcut().toString() in keys, action.text()


def test_the_screenshot_can_show_the_source_view(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "evidence.png"
    script = (
        "import sys; from workbench.ui.app import take_screenshot; "
        "take_screenshot(sys.argv[1], sys.argv[2], (1000, 700), 'dark', [sys.argv[3]])"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(ARTICLE), str(out), str(HEARING)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"\x89PNG")


def test_an_unreachable_web_address_is_one_sentence_and_stores_nothing(qtbot, ferry, db):
    with qtbot.waitSignal(ferry.error_shown, timeout=LOAD_TIMEOUT) as shown:
        ferry.reviewing.attach_source("http://127.0.0.1:9/hearing.txt")  # the discard port: refused
    wait_idle(qtbot, ferry)
    assert "127.0.0.1" in shown.args[0] and "\n" not in shown.args[0]
    assert services.list_source_documents(db, article_id=article_id(ferry)) == []
    close_error_boxes()

"""The window at newsroom scale: a long article is painted near the screen and filled in steps,
its text shown while its quotes are found, and the record read in a fixed number of queries."""

from __future__ import annotations

import threading
from contextlib import contextmanager

import pytest
from long_articles import long_article, long_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import event
from ui_support import LOAD_TIMEOUT, wait_idle

from workbench import services
from workbench.domain import Status
from workbench.errors import EnvironmentFault, UserError
from workbench.importing import MAX_ARTICLE_BYTES
from workbench.ui import ops
from workbench.ui.models.quotes import NUMBER, QuoteFilterModel, QuoteTableModel
from workbench.ui.views.article_view import MENTION_KIND, QUOTE_KIND
from workbench.ui.views.highlighter import REACH
from workbench.ui.views.review_page import ROWS_STEP


def stored_bundle(db, quotes: int, padding: int = 2, title: str = "Lowmarsh ferry timetable"):
    article, analysis = long_article(quotes, padding, title)
    result = services.import_article(db, article=article, analysis=analysis)
    return ops.load_bundle(db, result.article_id)


def open_stored(qtbot, window, article_id: int) -> None:
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT):
        window.open_article(article_id)
    wait_idle(qtbot, window)


# --- painting near the screen -----------------------------------------------------------------


def test_a_long_article_hands_qt_the_quotes_near_the_screen_and_more_as_the_reader_scrolls(
    qtbot, window, db
):
    bundle = stored_bundle(db, quotes=600)
    assert len(bundle.article.text) > 4 * REACH  # far longer than what is painted at once
    open_stored(qtbot, window, bundle.article.id)
    view = window.review.article
    spans = sorted((q.start, q.end) for q in bundle.quotes)
    painted = view.highlights.painted(QUOTE_KIND)
    first, last = view.visible_span()
    on_screen = [s for s in spans if s[0] < last and s[1] > first]
    assert on_screen and set(on_screen) <= set(painted)  # everything the reader sees
    assert set(painted) <= set(spans)  # only the quotes, where the core put them
    assert len(painted) < len(spans) / 2  # not the whole article
    assert spans[-1] not in painted

    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    painted = view.highlights.painted(QUOTE_KIND)
    assert spans[-1] in painted and spans[0] not in painted
    mentions = view.highlights.painted(MENTION_KIND)
    last_name = bundle.quotes[-1].speaker
    assert (last_name.start, last_name.end) in mentions
    assert view.highlights.span_count(QUOTE_KIND) == len(spans)  # the rest wait, not dropped


def test_a_status_change_far_down_a_long_article_is_painted_when_the_reader_gets_there(
    qtbot, window, db
):
    bundle = stored_bundle(db, quotes=600)
    open_stored(qtbot, window, bundle.article.id)
    review = window.review
    last = bundle.quotes[-1]
    with qtbot.waitSignal(window.change_applied, timeout=10_000):
        review.select_quote(last.id)
        window.reviewing.set_status(Status.VERIFIED)
    view = review.article
    assert (last.start, last.end) in view.highlights.painted(QUOTE_KIND)  # selected: scrolled to
    verified = [
        s
        for s in view.extraSelections()
        if view.python_span(s.cursor) == (last.start, last.end)
        and s.format.underlineStyle() == s.format.UnderlineStyle.SingleUnderline
    ]
    assert verified, "the verified quote has the verified underline"


# --- rows added in steps ----------------------------------------------------------------------


def test_opening_a_long_article_adds_its_rows_in_steps_without_resetting_the_table(
    qtbot, window, db
):
    bundle = stored_bundle(db, quotes=2 * ROWS_STEP + 40)
    model = window.review.quotes
    inserted: list[int] = []
    resets: list[bool] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append(last - first + 1))
    model.modelReset.connect(lambda: resets.append(True))
    open_stored(qtbot, window, bundle.article.id)
    assert inserted == [ROWS_STEP, ROWS_STEP, 40]
    assert len(resets) == 1  # emptied once when the article was asked for, then only inserts
    assert model.rowCount() == len(bundle.quotes)
    table = window.review.table
    numbers = [table.model().index(row, NUMBER).data() for row in range(table.model().rowCount())]
    assert numbers == [str(n) for n in range(1, len(bundle.quotes) + 1)]
    assert window.review.current_quote().id == bundle.quotes[0].id


def test_added_rows_keep_the_table_sorted_and_filtered_as_the_reader_set_it(qtmodeltester, db):
    bundle = stored_bundle(db, quotes=30)
    model = QuoteTableModel()
    proxy = QuoteFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.sort(NUMBER, Qt.SortOrder.DescendingOrder)
    model.add_quotes(bundle.quotes[:10])
    model.add_quotes(bundle.quotes[10:])
    model.add_quotes(bundle.quotes[5:8])  # already shown: nothing added twice
    assert model.rowCount() == 30
    assert proxy.index(0, NUMBER).data() == "30"
    proxy.sort(NUMBER, Qt.SortOrder.AscendingOrder)  # the model's own order
    assert [proxy.index(r, NUMBER).data() for r in range(3)] == ["1", "2", "3"]
    proxy.set_filters(speaker="Wren Abernathy")
    assert proxy.rowCount() == len([q for q in bundle.quotes if q.speaker.name == "Wren Abernathy"])
    model.upsert(bundle.quotes[2].__class__(**{**bundle.quotes[2].__dict__, "rejected": True}))
    assert model.row_of(bundle.quotes[2].id) is None
    assert model.row_of(bundle.quotes[3].id) == 2  # the rows after it moved up


# --- a long import: the text first --------------------------------------------------------------


@pytest.fixture
def long_file(tmp_path):
    path = tmp_path / "lowmarsh-timetable.txt"
    path.write_text(long_text(quotes=160, padding=4), encoding="utf-8")
    assert len(path.read_text(encoding="utf-8")) > ops.PREVIEW_CHARACTERS
    return path


@pytest.fixture
def analysis_held(monkeypatch):
    """Finding the quotes waits until the test lets it go (the real analysis, then run)."""
    go = threading.Event()
    analyse = ops.analyse_import

    def held(*args, **kwargs):
        go.wait(timeout=LOAD_TIMEOUT / 1000)
        return analyse(*args, **kwargs)

    monkeypatch.setattr(ops, "analyse_import", held)
    yield go
    go.set()


def test_a_long_import_shows_its_text_before_its_quotes_and_keeps_the_readers_place(
    qtbot, window, long_file, analysis_held
):
    review = window.review
    text = long_file.read_text(encoding="utf-8")
    previews = []
    window.session.import_read.connect(
        lambda article, label: previews.append((label, review.bundle, article.text == text))
    )
    with qtbot.waitSignal(window.session.import_read, timeout=LOAD_TIMEOUT):
        window.import_paths([str(long_file)])
    qtbot.waitUntil(lambda: review.article.document().characterCount() > len(text), timeout=5000)
    assert previews == [("lowmarsh-timetable.txt", None, True)]
    assert window.on_review_page() and review.quotes.rowCount() == 0
    assert "Finding the quotes" in window.progress_label.text()
    bar = review.article.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=5000)
    bar.setValue(bar.maximum() // 2)  # the reader reads on while the quotes are found
    place = review.article.firstVisibleBlock().blockNumber()
    assert place > 0
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT):
        analysis_held.set()
    assert review.quotes.rowCount() == 160
    assert review.bundle is not None and review.bundle.article.text == review.article.text()
    # The text was kept, not set again: the reader is where they were, on a quote there.
    assert review.article.firstVisibleBlock().blockNumber() == place
    top, bottom = review.article.visible_span()
    assert top <= review.current_quote().start <= bottom


def test_cancelling_a_long_import_while_its_text_is_shown_goes_back_to_the_library(
    qtbot, window, long_file, db
):
    def cancel_at_once(_article, _label):
        window.session.cancel_imports()

    window.session.import_read.connect(cancel_at_once)
    with qtbot.waitSignal(window.session.import_dropped, timeout=LOAD_TIMEOUT):
        window.import_paths([str(long_file)])
    wait_idle(qtbot, window)
    assert not window.on_review_page()
    assert services.list_articles(db) == []
    assert "nothing was added" in window.statusBar().currentMessage()


def test_a_long_import_that_cannot_be_stored_goes_back_to_the_library_and_says_why(
    qtbot, window, long_file, db, monkeypatch
):
    def full_disk(*_args, **_kwargs):
        raise EnvironmentFault("The disk is full; free some space and import again.")

    monkeypatch.setattr(ops, "store_import", full_disk)
    with qtbot.waitSignal(window.error_shown, timeout=LOAD_TIMEOUT) as shown:
        window.import_paths([str(long_file)])
    wait_idle(qtbot, window)
    assert "disk is full" in shown.args[0]
    assert not window.on_review_page()  # not left on a text whose quotes were never stored
    assert services.list_articles(db) == []
    for box in [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]:
        box.accept()


# --- the size policy ------------------------------------------------------------------------------


def test_pasted_text_over_the_importers_limit_is_refused_in_a_sentence():
    with pytest.raises(UserError, match=r"holds 21 MB of text.*up to 20 MB"):
        ops.read_pasted("The quay. " * (21 * 1024 * 1024 // 10))
    assert MAX_ARTICLE_BYTES == 20 * 1024 * 1024


def test_a_long_article_is_announced_with_how_long_it_takes():
    short, _ = long_article(quotes=20)
    assert ops.slow_import_note(short) is None
    article, _ = long_article(quotes=5000, padding=4)
    note = ops.slow_import_note(article)
    size = len(article.text.encode("utf-8")) / (1024 * 1024)
    assert note is not None and f"{size:.3g} MB" in note
    assert f"takes about {size * ops.IMPORT_SECONDS_PER_MB:.0f} s" in note
    assert f"each review action about {size * ops.ACTION_MS_PER_MB / 1000:.1f} s" in note


# --- a fixed number of queries ------------------------------------------------------------------


@contextmanager
def counted_queries(db):
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def queries_for_library_and_a_mark(db, articles: int) -> tuple[int, int, int]:
    for number in range(articles):
        article, analysis = long_article(quotes=3 + number, title=f"Lowmarsh crossing {number}")
        services.import_article(db, article=article, analysis=analysis)
    quote = services.list_quotes(db, article_id=services.list_articles(db)[0].id)[0]
    with counted_queries(db) as library:
        entries = ops.load_library(db)
    assert len(entries) == articles
    with counted_queries(db) as mark:
        ops.mark(db, quote.id, Status.VERIFIED)
    with counted_queries(db) as note:
        ops.save_note(db, quote.id, "Checked against the harbour log.")
    return len(library), len(mark), len(note)


def test_the_library_and_a_review_action_take_the_same_queries_however_big_the_library(
    tmp_path,
):
    with services.open_review_database(str(tmp_path / "small.sqlite")) as small:
        few = queries_for_library_and_a_mark(small, articles=2)
    with services.open_review_database(str(tmp_path / "large.sqlite")) as large:
        many = queries_for_library_and_a_mark(large, articles=25)
    assert few == many
    assert all(count > 0 for count in few)

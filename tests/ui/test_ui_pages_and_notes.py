"""In the window: the article's reading notes in a banner above it, the source passage's page.

A Word draft with tracked changes opens with "This draft has 2 tracked changes; …" above its
text (and a plain article with no banner); a quote linked into a PDF source shows "p. 3"
beside the verdict and in the passage's caption.
"""

from __future__ import annotations

import pytest
from paged_documents import (
    ARTICLE_PAGES,
    MINUTES_PAGES,
    QUOTED_PAGE,
    TRACKED_NOTE,
    make_paged_pdf,
    make_tracked_draft,
)
from ui_support import LOAD_TIMEOUT, SAMPLE, wait_idle

from workbench.ui.dialogs.attach_source import AttachSourceDialog, SourceRequest


def show(qtbot, window, path) -> None:
    with qtbot.waitSignal(window.article_shown, timeout=LOAD_TIMEOUT):
        window.import_paths([str(path)])
    wait_idle(qtbot, window)


def test_a_tracked_draft_opens_with_its_note_above_the_text(qtbot, window, tmp_path):
    draft = tmp_path / "quay-draft.docx"
    draft.write_bytes(make_tracked_draft())
    show(qtbot, window, draft)
    banner = window.review.notes_banner
    assert banner.isVisible()
    assert banner.text() == f"Note: {TRACKED_NOTE}"
    # Above the article: the banner's bottom edge is over the text's top.
    assert banner.geometry().bottom() < window.review.article.geometry().top()

    show(qtbot, window, SAMPLE)  # a plain text article has nothing to note
    assert not banner.isVisible() and banner.text() == ""


@pytest.fixture
def paged(qtbot, window, tmp_path, monkeypatch):
    article = tmp_path / "saltmere.pdf"
    article.write_bytes(make_paged_pdf(ARTICLE_PAGES))
    minutes = tmp_path / "minutes.pdf"
    minutes.write_bytes(make_paged_pdf(MINUTES_PAGES, title="Saltmere inquiry minutes"))
    show(qtbot, window, article)
    monkeypatch.setattr(
        AttachSourceDialog, "ask", classmethod(lambda cls, parent: SourceRequest(str(minutes)))
    )
    with qtbot.waitSignals(
        [window.session.source_attached, window.session.reviews_ready], timeout=LOAD_TIMEOUT
    ):
        window.window_actions["attach_source"].trigger()
    wait_idle(qtbot, window)
    return window


def test_the_source_view_names_the_passages_page(qtbot, paged):
    (quote,) = [q for q in paged.review.quotes.quotes() if q.kind == "direct"]
    paged.review.select_quote(quote.id)
    paged.review.tabs.setCurrentIndex(1)
    evidence = paged.review.evidence
    qtbot.waitUntil(lambda: evidence.current_option() is not None, timeout=LOAD_TIMEOUT)
    assert evidence.current_option().page == QUOTED_PAGE
    assert f"· p. {QUOTED_PAGE} ·" in evidence.position.text()
    assert evidence.source_caption.text().startswith(
        f"In Saltmere inquiry minutes (#1) · p. {QUOTED_PAGE}"
    )

"""Every item model passes qtmodeltester, empty and filled, and keeps its rows in step."""

from __future__ import annotations

import pytest
from ui_support import SAMPLE

from workbench import services
from workbench.domain import Status
from workbench.importing import load_article
from workbench.ui import ops
from workbench.ui.models.history import HistoryModel, describe_event
from workbench.ui.models.library import LibraryFilterModel, LibraryModel
from workbench.ui.models.quotes import QuoteFilterModel, QuoteTableModel
from workbench.ui.models.sources import SourcesModel


@pytest.fixture
def bundle(db):
    article = load_article(str(SAMPLE))
    result = services.import_article(db, article=article, title="Harbour Bridge")
    services.mark_status(
        db, quote_id=services.list_quotes(db, article_id=result.article_id)[1].id, status="verified"
    )
    return ops.load_bundle(db, result.article_id)


def test_quote_models(qtmodeltester, bundle):
    model = QuoteTableModel()
    qtmodeltester.check(model)
    model.set_quotes(bundle.quotes)
    qtmodeltester.check(model)
    proxy = QuoteFilterModel()
    proxy.setSourceModel(model)
    proxy.sort(4)
    qtmodeltester.check(proxy)
    proxy.set_filters(status="verified")
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy)
    proxy.set_filters(status="", text="bridge")
    assert 0 < proxy.rowCount() < model.rowCount()
    qtmodeltester.check(proxy)


def test_quote_model_upsert_keeps_text_order(qtmodeltester, bundle):
    model = QuoteTableModel()
    qtmodeltester.check(model)  # the tester watches the changes that follow
    model.set_quotes(bundle.quotes)
    first, second = bundle.quotes[0], bundle.quotes[1]
    model.upsert(first.__class__(**{**first.__dict__, "status": Status.MISQUOTED}))
    assert model.quote(0).status == Status.MISQUOTED
    model.upsert(first.__class__(**{**first.__dict__, "rejected": True}))
    assert model.row_of(first.id) is None
    model.upsert(first)
    assert model.row_of(first.id) == 0
    moved = second.__class__(**{**second.__dict__, "start": 0, "end": 5})
    model.upsert(moved)
    assert model.row_of(second.id) == 0


def test_library_models(qtmodeltester, db, bundle):
    model = LibraryModel()
    qtmodeltester.check(model)
    entries = ops.load_library(db)
    model.set_entries(entries)
    qtmodeltester.check(model)
    proxy = LibraryFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_search("villain")  # a word of a quote, not of the title
    assert proxy.rowCount() == 1
    proxy.set_search("villain zebra")
    assert proxy.rowCount() == 0
    assert model.index(0, 3).data() == "1 of 14"


def test_sources_model(qtmodeltester, bundle):
    model = SourcesModel()
    qtmodeltester.check(model)
    model.set_sources(bundle.sources, bundle.quotes)
    qtmodeltester.check(model)
    first = model.sources()[0]
    assert first.anonymous, "anonymous sources come first"
    assert model.credited(first.id)


def test_history_model(qtmodeltester, db, bundle):
    model = HistoryModel()
    qtmodeltester.check(model)
    quote = bundle.quotes[1]
    model.set_events(bundle.events, quote.id)
    qtmodeltester.check(model)
    texts = [describe_event(e) for e in model.events()]
    assert texts == ["Unverified → Verified", "detected on import"]
    model.set_events(bundle.events, None)
    assert model.rowCount() == 0

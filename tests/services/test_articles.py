"""Articles: import with what the engine found, the library and its progress, plain data out."""

from __future__ import annotations

import dataclasses

import pytest
import sqlalchemy as sa
from small_articles import THREE_QUOTES, make_article

from workbench import services
from workbench.domain import Status
from workbench.errors import UserError
from workbench.storage.records import ArticleSummary, QuoteRecord


def _import(db, quotes=THREE_QUOTES, **kwargs):
    article, analysis = make_article(quotes, **kwargs)
    return services.import_article(db, article=article, analysis=analysis, reviewer="Ada")


def test_import_stores_quotes_as_unverified_plain_records(db):
    result = _import(db)
    assert result.quote_count == 3
    quotes = services.list_quotes(db, article_id=result.article_id)
    assert [q.text for q in quotes] == [q for q, _ in THREE_QUOTES]
    assert {q.status for q in quotes} == {Status.UNVERIFIED}
    assert quotes[0].speaker is not None and quotes[0].speaker.name == "Mara Quill"
    for quote in quotes:
        assert type(quote) is QuoteRecord and dataclasses.is_dataclass(quote)
        with pytest.raises(dataclasses.FrozenInstanceError):
            quote.status = Status.VERIFIED  # type: ignore[misc]
    article = services.get_article(db, article_id=result.article_id)
    assert article.title == "Council votes" and article.imported_by == "Ada"
    assert article.event_count == 1
    assert services.verify_audit(db).ok


def test_articles_list_review_progress(db):
    first = _import(db)
    _import(db, title="Second story")
    quotes = services.list_quotes(db, article_id=first.article_id)
    services.mark_status(db, quote_id=quotes[0].id, status="verified", reviewer="Ada")
    services.mark_status(db, quote_id=quotes[1].id, status="in_review", reviewer="Ada")
    summaries = services.list_articles(db)
    assert all(type(s) is ArticleSummary for s in summaries)
    assert [s.title for s in summaries] == ["Council votes", "Second story"]
    assert summaries[0].quote_count == 3 and summaries[0].reviewed == 1
    assert summaries[0].to_dict()["statuses"]["in_review"] == 1
    assert summaries[1].reviewed == 0


def test_empty_article_is_refused(db):
    from workbench.domain import Analysis, Article

    with pytest.raises(UserError, match="no text"):
        services.import_article(db, article=Article(text="  \n"), analysis=Analysis(3))


def test_pasted_text_is_titled_as_the_same_text_imported_from_a_file(tmp_path):
    from workbench.importing import load_article
    from workbench.storage import open_database
    from workbench.ui import ops  # the window's calls (plain Python, no Qt)

    text = (
        "Transport\nFerry fares to rise in spring\n\n"
        "“We had no choice,” said Mara Olsen, the ferry company's chief.\n"
    )
    path = tmp_path / "ferry-fares.txt"
    path.write_text(text, encoding="utf-8")
    with open_database(tmp_path / "library.sqlite") as db:
        pasted = ops.store_import(db, ops.prepare_pasted(text)).article_id
        opened = ops.store_import(db, ops.prepare_import(str(path))).article_id
        imported = services.import_article(db, article=load_article(str(path))).article_id
        titles = [services.get_article(db, article_id=i).title for i in (pasted, opened, imported)]
    assert titles == ["Ferry fares to rise in spring"] * 3


def _statements_run_by(db, call) -> list[tuple[str, object]]:
    """Every SQL statement ``call`` sends (with its parameters), the transaction's BEGIN left out."""
    sent: list[tuple[str, object]] = []

    def note(_connection, _cursor, statement, parameters, _context, _many):
        sent.append((statement, parameters))

    sa.event.listen(db.engine, "before_cursor_execute", note)
    try:
        call()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", note)
    return [(s, p) for s, p in sent if s.strip().upper() != "BEGIN"]


def test_the_duplicate_check_is_one_indexed_query(db):
    article, analysis = make_article(THREE_QUOTES)
    for n in range(3):
        other = dataclasses.replace(article, text=article.text + f"\nUpdate {n}.")
        services.import_article(db, article=other, analysis=analysis)
    stored = services.import_article(db, article=article, analysis=analysis).article_id
    found: list[int | None] = []
    sent = _statements_run_by(db, lambda: found.append(services.find_article(db, article=article)))
    assert found == [stored]
    assert len(sent) == 1
    edited = dataclasses.replace(article, text=article.text.replace("levy", "tax"))
    assert services.find_article(db, article=edited) is None
    assert services.find_article(db, article=dataclasses.replace(article, origin="x")) is None
    if db.is_sqlite:
        statement, parameters = sent[0]
        with db.engine.connect() as connection:
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
        assert any("USING INDEX ix_article_content_sha256" in row[-1] for row in plan), plan


def _library_of(db, size: int) -> None:
    """``size`` small articles, stored in one transaction (the import's own repository call)."""
    from workbench.storage import repo
    from workbench.vocabulary import utc_now

    with db.write() as session:
        for n in range(size):
            article, analysis = make_article(THREE_QUOTES, title=f"Story {n}")
            repo.add_article(
                session,
                article=article,
                analysis=analysis,
                title=None,
                reviewer="Ada",
                at=utc_now(),
            )


def test_the_library_loads_with_the_same_few_queries_for_10_and_1000_articles(tmp_path):
    from workbench.storage import open_database
    from workbench.ui import ops

    counted: dict[int, tuple[int, int]] = {}
    for size in (10, 1000):
        with open_database(tmp_path / f"library-{size}.sqlite") as db:
            _library_of(db, size)
            last = services.list_quotes(db, article_id=size)
            services.mark_status(db, quote_id=last[0].id, status="verified")
            services.mark_status(db, quote_id=last[1].id, status="in_review")
            articles = _statements_run_by(db, lambda db=db: services.list_articles(db))
            window = _statements_run_by(db, lambda db=db: ops.load_library(db))
            entries = ops.load_library(db)
            assert len(entries) == size and entries[-1].summary.title == f"Story {size - 1}"
            assert (entries[-1].summary.reviewed, entries[-1].summary.quote_count) == (1, 3)
            assert entries[0].summary.reviewed == 0
            assert "nobody asked the fishermen" in entries[-1].search_text
            assert "tobias renn" in entries[-1].search_text
            counted[size] = (len(articles), len(window))
    # The titles and the progress counts grouped by the database; the window adds its words.
    assert counted[10] == counted[1000] == (2, 3)

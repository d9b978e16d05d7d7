"""One huge article must not break the database (issue 14, item 2): a quote cap with a sentence,
no query whose parameters grow with the number of quotes, and a 65,536-quote article on
PostgreSQL (one over its parameter limit) beside which every command still works."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from workbench import export, services
from workbench.domain import Analysis, Article, DetectedQuote, QuoteKind
from workbench.errors import UserError
from workbench.services.articles import MAX_QUOTES_PER_ARTICLE
from workbench.storage import open_database


def _many_quotes(count: int, *, origin: str = "test://many") -> tuple[Article, Analysis]:
    """An article of ``count`` one-word scare quotes (“Aye.”), with its analysis given."""
    unit = "“Aye.” "
    text = "Minutes of the long meeting\n\n" + unit * count
    offset = text.index("“") + 1
    quotes = tuple(
        DetectedQuote(
            id=n + 1,
            start=offset + n * len(unit),
            end=offset + n * len(unit) + 4,
            text="Aye.",
            kind=QuoteKind.SCARE,
            confidence=0.5,
        )
        for n in range(count)
    )
    article = Article(text=text, title="Minutes", origin=origin)
    return article, Analysis(text_length=len(text), quotes=quotes)


def test_an_article_over_the_quote_cap_is_refused_with_nothing_stored(db):
    article, analysis = _many_quotes(MAX_QUOTES_PER_ARTICLE + 1, origin="minutes.txt")
    with pytest.raises(UserError) as refused:
        services.import_article(db, article=article, analysis=analysis)
    assert str(refused.value) == (
        "minutes.txt has 100,001 quotations, more than the 100,000 one article may hold; nothing "
        "was imported. Split it into smaller documents, or import only the article itself."
    )
    assert services.list_articles(db) == []
    assert services.audit_anchor(db)["library"]["event_count"] == 0


def _largest_parameter_count(db, work) -> int:
    """The most parameters any one statement (or one row of an executemany) carried."""
    largest = 0

    def count(_conn, _cursor, _statement, parameters, _context, executemany) -> None:
        nonlocal largest
        rows = parameters if executemany else [parameters]
        for row in rows:
            largest = max(largest, len(row) if row else 0)

    sa.event.listen(db.engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", count)
    return largest


def test_no_query_carries_a_parameter_per_quote(db):
    """Reading, exporting and verifying an article of 4,000 quotes uses statements no bigger
    than for one of 2,000: nothing is sent one parameter per quote."""
    largest = {}
    for count in (2000, 4000):
        article, analysis = _many_quotes(count, origin=f"test://{count}")
        article_id = services.import_article(db, article=article, analysis=analysis).article_id
        first = services.list_quotes(db, article_id=article_id)[0]
        document = services.attach_source_document(
            db, article_id=article_id, origin="tape.txt", text="Aye. Aye. Aye."
        )
        services.link_passage(db, quote_id=first.id, source_id=document.id, start=0, end=4)

        def read(article_id=article_id, count=count) -> None:
            assert len(services.list_quotes(db, article_id=article_id)) == count
            assert (
                json.loads(export.export_article(db, article_id, "json"))["summary"]["quotes"]
                == count
            )
            assert services.verify_audit(db, article_id=article_id).ok

        largest[count] = _largest_parameter_count(db, read)
    assert largest[4000] == largest[2000] < 100


@pytest.mark.postgres
def test_an_article_past_postgresqls_parameter_limit_breaks_nothing(pg_url, workbench_cli):
    with open_database(pg_url) as db:
        article, analysis = _many_quotes(65_536)
        big = services.import_article(db, article=article, analysis=analysis).article_id
        small, small_analysis = _many_quotes(3, origin="test://small")
        other = services.import_article(db, article=small, analysis=small_analysis).article_id
        assert len(services.list_quotes(db, article_id=big)) == 65_536
    listed = workbench_cli("--db", pg_url, "quotes", str(other), "--json")
    assert listed.returncode == 0, listed.stderr
    assert len(json.loads(listed.stdout)) == 3
    exported = workbench_cli("--db", pg_url, "export", str(other), "--format", "csv")
    assert exported.returncode == 0, exported.stderr
    verified = workbench_cli("--db", pg_url, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout == "Audit trail intact: 2 articles, 2 events.\n"

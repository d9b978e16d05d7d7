"""Articles: import one with what the engine finds, find one already imported, list the library."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain import Analysis, Article
from workbench.errors import UserError
from workbench.services.audit import audited_write
from workbench.storage import repo
from workbench.storage.audit import text_sha256
from workbench.storage.db import Database
from workbench.storage.records import (
    ArticleRecord,
    ArticleSummary,
)
from workbench.vocabulary import utc_now

# The most quotations one article may hold. Real articles have tens; a file with more than
# this is a list or a dump, not an article, and its review would be unworkable. Every query is
# batched, so the cap is not what keeps the database working: it keeps the review usable.
MAX_QUOTES_PER_ARTICLE = 100_000


@dataclass(frozen=True)
class ImportResult:
    article_id: int
    quote_count: int
    source_count: int


def import_article(
    db: Database,
    *,
    article: Article,
    analysis: Analysis | None = None,
    title: str | None = None,
    reviewer: str | None = None,
) -> ImportResult:
    """Store an article with the quotes and sources the engine finds (or ``analysis`` gives)."""
    if not article.text.strip():
        raise UserError(f"{article.origin or 'The article'} has no text to import.")
    if analysis is None:
        from workbench.extraction import analyze_text

        analysis = analyze_text(article.extraction_text)
    if len(analysis.quotes) > MAX_QUOTES_PER_ARTICLE:
        raise UserError(
            f"{article.origin or 'The article'} has {len(analysis.quotes):,} quotations, more "
            f"than the {MAX_QUOTES_PER_ARTICLE:,} one article may hold; nothing was imported. "
            f"Split it into smaller documents, or import only the article itself."
        )
    with audited_write(db, reviewer=reviewer) as write:
        row = repo.add_article(
            write.session,
            article=article,
            analysis=analysis,
            title=title,
            reviewer=write.reviewer,
            at=utc_now(),
        )
        write.announce(repo.last_article_event(write.session, article=row))
        return ImportResult(
            article_id=row.id or 0,
            quote_count=len(analysis.quotes),
            source_count=len(analysis.sources),
        )


def list_articles(db: Database) -> list[ArticleSummary]:
    with db.read() as session:
        return repo.list_article_summaries(session)


def get_article(db: Database, *, article_id: int) -> ArticleRecord:
    with db.read() as session:
        return repo.article_record(repo.get_article_row(session, article_id=article_id))


def find_article(db: Database, *, article: Article) -> int | None:
    """The article already imported from the same place with the same text, if any.

    One indexed query on the stored content hash, however large the library.
    """
    if not article.origin:
        return None
    with db.read() as session:
        return repo.find_article(
            session, origin=article.origin, content_sha256=text_sha256(article.text)
        )


def list_library(db: Database) -> list[tuple[ArticleSummary, list[str]]]:
    """Every article's summary with its quote texts and speakers, for searching the library.

    One read of a fixed number of queries, whatever the number of articles: the progress counts
    are grouped by the database, the words come in one query for the whole library.
    """
    with db.read() as session:
        summaries = repo.list_article_summaries(session)
        words = repo.quote_words(session)
    return [(summary, words.get(summary.id, [])) for summary in summaries]

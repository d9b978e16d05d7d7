"""Articles: import one with what the engine finds, list the library, read one back."""

from __future__ import annotations

from dataclasses import dataclass

from workbench.domain import Analysis, Article
from workbench.errors import UserError
from workbench.settings import reviewer_name
from workbench.storage import repo
from workbench.storage.db import Database
from workbench.storage.records import (
    ArticleRecord,
    ArticleSummary,
)
from workbench.vocabulary import utc_now


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

        analysis = analyze_text(article.text)
    who = reviewer_name(reviewer)
    with db.write() as session:
        row = repo.add_article(
            session,
            article=article,
            analysis=analysis,
            title=title,
            reviewer=who,
            at=utc_now(),
        )
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

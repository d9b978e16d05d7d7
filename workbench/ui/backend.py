"""Every call the window makes into the core, in one place; plain Python, run on worker threads.

Each function takes what it needs and returns plain records, so the window never holds a session
and this module could serve another front end. Where services lack something the window needs,
it is composed here from what services do offer (marked "composed:").

``workbench.services`` (and with it SQLAlchemy) is imported by the first call, on the database
thread, so the window is up before that import's few hundred milliseconds are spent.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.domain import Analysis, Article, SpeakerRef, Status

if TYPE_CHECKING:
    from workbench.services import (
        ArticleRecord,
        ArticleSummary,
        Database,
        QuoteRecord,
        ReviewEventRecord,
        SourceRecord,
    )


class _LazyServices:
    def __getattr__(self, name: str):
        import workbench.services

        return getattr(workbench.services, name)


services = _LazyServices()


@dataclass(frozen=True)
class LibraryEntry:
    summary: ArticleSummary
    search_text: str  # title, outlet, origin and every quote, lower-cased, for the search box


@dataclass(frozen=True)
class ArticleBundle:
    """What the review page shows: the article, its quotes (rejected ones left out), sources."""

    article: ArticleRecord
    quotes: list[QuoteRecord]
    sources: list[SourceRecord]
    events: list[ReviewEventRecord]


@dataclass(frozen=True)
class QuoteChange:
    """The state after one review action: the quote as stored, its history, maybe new sources."""

    quote: QuoteRecord
    events: list[ReviewEventRecord]
    sources: list[SourceRecord] | None = None
    summary: str = ""


@dataclass(frozen=True)
class PreparedImport:
    article: Article
    analysis: Analysis
    label: str = field(default="")


@dataclass(frozen=True)
class ImportOutcome:
    article_id: int
    quote_count: int
    already_there: bool


def warm_up() -> None:
    """Import the engine's modules ahead of the first import (on a worker thread)."""
    import workbench.extraction
    import workbench.importing  # noqa: F401


def open_database(target: str | None) -> Database:
    return services.open_review_database(target, backup=True)


def close_database(db: Database) -> None:
    db.close()


def load_library(db: Database) -> list[LibraryEntry]:
    # composed: services has no search across quote text, so each article's quotes are read.
    entries = []
    for summary in services.list_articles(db):
        quotes = services.list_quotes(db, article_id=summary.id)
        words = [summary.title or "", summary.outlet or "", summary.origin or ""]
        words += [q.text for q in quotes]
        words += [q.speaker.name for q in quotes if q.speaker]
        entries.append(LibraryEntry(summary=summary, search_text="\n".join(words).lower()))
    return entries


def prepare_import(path_or_url: str) -> PreparedImport:
    """Read and analyse a file or URL (slow for a big document: runs on the work pool)."""
    from workbench.extraction import analyze_text
    from workbench.importing import load_article

    article = load_article(path_or_url)
    label = str(path_or_url)
    if "://" not in label:
        label = Path(label).name or label
    return PreparedImport(article, analyze_text(article.text), label=label)


def prepare_pasted(text: str) -> PreparedImport:
    from workbench.extraction import analyze_text
    from workbench.importing import article_from_text

    article = article_from_text(text, title=headline(text))
    return PreparedImport(article, analyze_text(article.text), label="the clipboard")


def headline(text: str) -> str | None:
    """A plain-text article's first line, when it reads like a headline (short, no full stop)."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if 0 < len(first) <= 150 and not first.endswith((".", "”", '"')):
        return first
    return None


def _text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def find_existing(db: Database, article: Article) -> int | None:
    """The article already imported from the same place with the same text, if any."""
    # composed: services has no lookup by content hash; the library is scanned instead.
    if not article.origin:
        return None
    digest = _text_sha256(article.text)
    for summary in services.list_articles(db):
        if summary.origin == article.origin:
            record = services.get_article(db, article_id=summary.id)
            if record.content_sha256 == digest:
                return summary.id
    return None


def store_import(db: Database, prepared: PreparedImport) -> ImportOutcome:
    existing = find_existing(db, prepared.article)
    if existing is not None:
        count = len(services.list_quotes(db, article_id=existing))
        return ImportOutcome(existing, count, already_there=True)
    result = services.import_article(
        db,
        article=prepared.article,
        analysis=prepared.analysis,
        title=prepared.article.title or headline(prepared.article.text),
    )
    return ImportOutcome(result.article_id, result.quote_count, already_there=False)


def load_bundle(db: Database, article_id: int) -> ArticleBundle:
    return ArticleBundle(
        article=services.get_article(db, article_id=article_id),
        quotes=services.list_quotes(db, article_id=article_id),
        sources=services.list_sources(db, article_id=article_id),
        events=services.list_events(db, article_id=article_id),
    )


def _change(
    db: Database, quote: QuoteRecord, *, sources: bool = False, summary: str = ""
) -> QuoteChange:
    events = services.list_events(db, article_id=quote.article_id)
    return QuoteChange(
        quote=quote,
        events=events,
        sources=services.list_sources(db, article_id=quote.article_id) if sources else None,
        summary=summary,
    )


def mark(db: Database, quote_id: int, status: Status) -> QuoteChange:
    result = services.mark_status(db, quote_id=quote_id, status=status)
    return _change(db, result.quote)


def save_note(db: Database, quote_id: int, note: str | None) -> QuoteChange:
    return _change(db, services.edit_note(db, quote_id=quote_id, note=note))


def speaker_for(
    name: str, *, text: str, near: int, sources: list[SourceRecord]
) -> SpeakerRef | None:
    """A speaker from a typed name: credited to the article's source of that name if there is
    one (keeping whether it is anonymous), with the mention nearest the quote."""
    name = " ".join(name.split())
    if not name:
        return None
    known = next((s for s in sources if s.name.lower() == name.lower()), None)
    mentions = list(known.mentions) if known else []
    position = text.find(name)
    while position != -1:
        mentions.append((position, position + len(name)))
        position = text.find(name, position + 1)
    if mentions:
        start, end = min(mentions, key=lambda m: abs(m[0] - near))
    else:
        start = end = -1  # nobody by that name is mentioned in the text
    anonymous = known.anonymous if known else False
    return SpeakerRef(name=known.name if known else name, start=start, end=end, anonymous=anonymous)


def set_speaker(db: Database, quote_id: int, speaker: SpeakerRef | None) -> QuoteChange:
    quote = services.correct_quote(db, quote_id=quote_id, speaker=speaker)
    return _change(db, quote, sources=True)


def set_span(db: Database, quote_id: int, start: int, end: int) -> QuoteChange:
    return _change(db, services.correct_quote(db, quote_id=quote_id, start=start, end=end))


def add_quote(db: Database, article_id: int, start: int, end: int) -> QuoteChange:
    quote = services.add_quote(db, article_id=article_id, start=start, end=end)
    return _change(db, quote, sources=True)


def reject(db: Database, quote_id: int) -> QuoteChange:
    return _change(db, services.reject_quote(db, quote_id=quote_id), sources=True)


def restore(db: Database, quote_id: int) -> QuoteChange:
    return _change(db, services.restore_quote(db, quote_id=quote_id), sources=True)


def is_path(value: str) -> bool:
    return "://" not in value and Path(value).exists()

"""Articles: storing one with what the engine found, the library with its progress, the audited state."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlmodel import Session, col, select

from workbench.domain import Analysis, Article, Status
from workbench.storage import audit
from workbench.storage.models import (
    ArticleRow,
    PersonRow,
    QuoteRow,
    SourceRow,
)
from workbench.storage.records import (
    ArticleRecord,
    ArticleSummary,
)
from workbench.storage.repo.events import append_event, get_article_row
from workbench.storage.repo.evidence import article_links, link_state, list_source_document_rows
from workbench.storage.repo.quotes import quote_state, set_speaker_fields


def add_article(
    session: Session,
    *,
    article: Article,
    analysis: Analysis,
    title: str | None,
    reviewer: str,
    at: str,
) -> ArticleRow:
    """Store an article with its detected quotes and sources, and open its audit chain."""
    row = ArticleRow(
        title=title if title is not None else article.title,
        author=article.author,
        published=article.published,
        outlet=article.outlet,
        origin=article.origin,
        final_url=article.final_url,
        media_type=article.media_type,
        text=article.text,
        text_length=len(article.text),
        content_sha256=audit.text_sha256(article.text),
        imported_at=at,
        imported_by=reviewer,
        chain_head=audit.GENESIS,
        event_count=0,
    )
    session.add(row)
    session.flush()
    source_of_quote: dict[int, SourceRow] = {}
    source_rows: list[SourceRow] = []
    for detected in analysis.sources:
        source = SourceRow(
            article_id=row.id,
            name=detected.name,
            type=str(detected.type),
            anonymous=detected.anonymous,
            mentions=json.dumps([list(m) for m in detected.mentions]),
            claim_count=detected.claim_count,
        )
        session.add(source)
        source_rows.append(source)
        for number in detected.quote_ids:
            source_of_quote.setdefault(number, source)
    session.flush()
    quote_rows: dict[int, QuoteRow] = {}
    for detected in analysis.quotes:
        quote = QuoteRow(
            article_id=row.id,
            number=detected.id,
            start=detected.start,
            end=detected.end,
            text=article.text[detected.start : detected.end],
            kind=str(detected.kind),
            confidence=detected.confidence,
            origin="detected",
            status=str(Status.UNVERIFIED),
        )
        set_speaker_fields(quote, detected.speaker)
        if detected.cue is not None:
            quote.cue_text, quote.cue_start, quote.cue_end = (
                detected.cue.text,
                detected.cue.start,
                detected.cue.end,
            )
        source = source_of_quote.get(detected.id)
        quote.source_id = source.id if source is not None else None
        session.add(quote)
        quote_rows[detected.id] = quote
    session.flush()
    for detected in analysis.quotes:
        if detected.part_of is not None and detected.part_of in quote_rows:
            quote_rows[detected.id].part_of_id = quote_rows[detected.part_of].id
    session.flush()
    append_event(
        session,
        article=row,
        quote_id=None,
        action="article.imported",
        from_state=None,
        to_state={
            "content_sha256": row.content_sha256,
            **audit.article_fields_of(row),
            "quotes": [
                {"quote_id": q.id, **quote_state(q)}
                for q in sorted(quote_rows.values(), key=lambda q: q.id or 0)
            ],
            "sources": [audit.source_state_of(s, None) for s in source_rows],
        },
        note=None,
        reviewer=reviewer,
        at=at,
    )
    return row


def list_article_summaries(session: Session) -> list[ArticleSummary]:
    """Every article with its quote count per status, in one grouped query (no article text)."""
    heads = session.exec(
        select(
            ArticleRow.id,
            ArticleRow.title,
            ArticleRow.origin,
            ArticleRow.outlet,
            ArticleRow.imported_at,
        ).order_by(col(ArticleRow.id))
    ).all()
    counts: dict[int, dict[str, int]] = {}
    rows = session.exec(
        select(QuoteRow.article_id, QuoteRow.status, sa.func.count())
        .where(col(QuoteRow.rejected).is_(False))
        .group_by(col(QuoteRow.article_id), col(QuoteRow.status))
    ).all()
    for article_id, status, count in rows:
        counts.setdefault(article_id, {})[status] = count
    return [
        ArticleSummary(
            id=article_id,
            title=title,
            origin=origin,
            outlet=outlet,
            imported_at=imported_at,
            quote_count=sum(counts.get(article_id, {}).values()),
            status_counts=counts.get(article_id, {}),
        )
        for article_id, title, origin, outlet, imported_at in heads
    ]


def find_article(session: Session, *, origin: str, content_sha256: str) -> int | None:
    """The article imported from this origin with exactly this text, if any: one indexed query."""
    return session.exec(
        select(ArticleRow.id)
        .where(ArticleRow.content_sha256 == content_sha256, ArticleRow.origin == origin)
        .order_by(col(ArticleRow.id))
        .limit(1)
    ).first()


def quote_words(session: Session) -> dict[int, list[str]]:
    """Every article's quote texts and speakers (rejected detections left out), in one query."""
    texts: dict[int, list[str]] = {}
    speakers: dict[int, list[str]] = {}
    rows = session.exec(
        select(QuoteRow.article_id, QuoteRow.text, QuoteRow.speaker_name)
        .where(col(QuoteRow.rejected).is_(False))
        .order_by(col(QuoteRow.article_id), col(QuoteRow.start), col(QuoteRow.id))
    ).all()
    for article_id, text, speaker in rows:
        texts.setdefault(article_id, []).append(text)
        if speaker:
            speakers.setdefault(article_id, []).append(speaker)
    return {article_id: found + speakers.get(article_id, []) for article_id, found in texts.items()}


def article_record(row: ArticleRow) -> ArticleRecord:
    return ArticleRecord(
        id=row.id or 0,
        title=row.title,
        author=row.author,
        published=row.published,
        outlet=row.outlet,
        origin=row.origin,
        media_type=row.media_type,
        text=row.text,
        content_sha256=row.content_sha256,
        final_url=row.final_url,
        imported_at=row.imported_at,
        imported_by=row.imported_by,
        chain_head=row.chain_head,
        event_count=row.event_count,
    )


def list_article_ids(session: Session) -> list[int]:
    return list(session.exec(select(ArticleRow.id).order_by(col(ArticleRow.id))).all())


def article_state(session: Session, *, article_id: int) -> audit.ArticleState:
    """Everything the audit chain vouches for about an article, as the database holds it now:
    a fixed number of queries, whatever the number of quotes."""
    article = get_article_row(session, article_id=article_id)
    quotes = session.exec(select(QuoteRow).where(QuoteRow.article_id == article_id)).all()
    links = article_links(session, article_id=article_id)
    documents = list_source_document_rows(session, article_id=article_id)
    sources = session.exec(
        select(SourceRow, PersonRow.name)
        .join(PersonRow, col(PersonRow.id) == SourceRow.person_id, isouter=True)
        .where(SourceRow.article_id == article_id)
        .order_by(col(SourceRow.id))
    ).all()
    return audit.ArticleState(
        article_id=article_id,
        content_sha256=article.content_sha256,
        text_sha256=audit.text_sha256(article.text),
        chain_head=article.chain_head,
        event_count=article.event_count,
        quotes={
            q.id or 0: {
                **quote_state(q),
                "links": [link_state(link) for link in links.get(q.id or 0, [])],
            }
            for q in quotes
        },
        fields=audit.article_fields_of(article),
        imported_at=article.imported_at,
        imported_by=article.imported_by,
        documents={
            d.id or 0: {k: v for k, v in audit.document_state_of(d).items() if k != "id"}
            for d in documents
        },
        sources={
            source.id or 0: {
                k: v for k, v in audit.source_state_of(source, person).items() if k != "id"
            }
            for source, person in sources
        },
    )

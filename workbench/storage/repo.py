"""Repository functions: keyword-only, session first; rows in, plain records out.

They never commit; the caller's ``Database.write()`` does, so a change and its audit event land
in one transaction. Functions that change an article's record take the article row from
``lock_article`` first: that serialises writers of one article on PostgreSQL (``FOR UPDATE``;
on SQLite ``BEGIN IMMEDIATE`` has already serialised every writer).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from workbench.domain import Analysis, Article, Cue, SpeakerRef, Status
from workbench.errors import UserError
from workbench.storage import audit
from workbench.storage.models import (
    ArticleRow,
    LinkRow,
    PersonRow,
    QuoteRow,
    ReviewEventRow,
    SourceAttachmentRow,
    SourceDocumentRow,
    SourceRow,
)
from workbench.storage.records import (
    ArticleRecord,
    ArticleSummary,
    LinkRecord,
    PersonRecord,
    QuoteRecord,
    ReviewEventRecord,
    SourceDocumentRecord,
    SourceRecord,
)

# --- articles -----------------------------------------------------------------------------


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
        _set_speaker(quote, detected.speaker)
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
            "title": row.title,
            "origin": row.origin,
            "quotes": [
                {"quote_id": q.id, **quote_state(q)}
                for q in sorted(quote_rows.values(), key=lambda q: q.id or 0)
            ],
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


def get_article_row(session: Session, *, article_id: int) -> ArticleRow:
    row = session.get(ArticleRow, article_id)
    if row is None:
        raise UserError(f"There is no article {article_id}; `workbench articles` lists them.")
    return row


def lock_article(session: Session, *, article_id: int) -> ArticleRow:
    """The article row, locked against other writers until this transaction ends."""
    row = session.exec(
        select(ArticleRow)
        .where(ArticleRow.id == article_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        raise UserError(f"There is no article {article_id}; `workbench articles` lists them.")
    return row


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
        imported_at=row.imported_at,
        imported_by=row.imported_by,
        chain_head=row.chain_head,
        event_count=row.event_count,
    )


def list_article_ids(session: Session) -> list[int]:
    return list(session.exec(select(ArticleRow.id).order_by(col(ArticleRow.id))).all())


# --- quotes -------------------------------------------------------------------------------


def _set_speaker(quote: QuoteRow, speaker: SpeakerRef | None) -> None:
    if speaker is None:
        quote.speaker_name = quote.speaker_start = quote.speaker_end = None
        quote.speaker_anonymous = quote.speaker_role = None
        return
    quote.speaker_name = speaker.name
    quote.speaker_start, quote.speaker_end = speaker.start, speaker.end
    quote.speaker_anonymous = speaker.anonymous
    quote.speaker_role = speaker.role


def speaker_of(quote: QuoteRow) -> SpeakerRef | None:
    if quote.speaker_name is None:
        return None
    return SpeakerRef(
        name=quote.speaker_name,
        start=quote.speaker_start if quote.speaker_start is not None else -1,
        end=quote.speaker_end if quote.speaker_end is not None else -1,
        anonymous=bool(quote.speaker_anonymous),
        role=quote.speaker_role,
    )


def set_speaker(
    session: Session, *, quote: QuoteRow, speaker: SpeakerRef | None, source_type: str
) -> None:
    """Credit the quote to a speaker, and to the article's source of that name (made if new)."""
    _set_speaker(quote, speaker)
    if speaker is None:
        quote.source_id = None
        return
    source = session.exec(
        select(SourceRow).where(
            SourceRow.article_id == quote.article_id,
            sa.func.lower(SourceRow.name) == speaker.name.lower(),
        )
    ).first()
    if source is None:
        source = SourceRow(
            article_id=quote.article_id,
            name=speaker.name,
            type="anonymous" if speaker.anonymous else source_type,
            anonymous=speaker.anonymous,
            mentions=json.dumps([[speaker.start, speaker.end]]),
            claim_count=0,
        )
        session.add(source)
        session.flush()
    quote.source_id = source.id


def quote_state(quote: QuoteRow) -> dict[str, Any]:
    """The fields the audit trail vouches for, as they are now."""
    speaker = speaker_of(quote)
    return {
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "kind": quote.kind,
        "speaker": speaker.to_dict() if speaker else None,
        "status": quote.status,
        "note": quote.note,
        "rejected": bool(quote.rejected),
    }


def get_quote_row(session: Session, *, quote_id: int) -> QuoteRow:
    row = session.get(QuoteRow, quote_id)
    if row is None:
        raise UserError(
            f"There is no quote {quote_id}; `workbench quotes ARTICLE_ID` lists an article's "
            f"quotes with their ids."
        )
    return row


def lock_quote(session: Session, *, quote_id: int) -> tuple[ArticleRow, QuoteRow]:
    """A quote and its article, the article locked for this transaction; re-read afterwards."""
    quote = get_quote_row(session, quote_id=quote_id)
    article = lock_article(session, article_id=quote.article_id)
    session.refresh(quote)  # another writer may have changed it while we waited for the lock
    return article, quote


def quote_record(quote: QuoteRow, links: Sequence[LinkRow] = ()) -> QuoteRecord:
    cue = None
    if quote.cue_text is not None and quote.cue_start is not None and quote.cue_end is not None:
        cue = Cue(text=quote.cue_text, start=quote.cue_start, end=quote.cue_end)
    return QuoteRecord(
        id=quote.id or 0,
        article_id=quote.article_id,
        number=quote.number,
        start=quote.start,
        end=quote.end,
        text=quote.text,
        kind=quote.kind,
        part_of=quote.part_of_id,
        speaker=speaker_of(quote),
        cue=cue,
        confidence=quote.confidence,
        origin=quote.origin,
        status=Status(quote.status),
        note=quote.note,
        rejected=bool(quote.rejected),
        changed_by=quote.changed_by,
        changed_at=quote.changed_at,
        links=tuple(link_record(link) for link in links),
    )


def active_links(session: Session, *, quote_ids: Sequence[int]) -> dict[int, list[LinkRow]]:
    if not quote_ids:
        return {}
    found: dict[int, list[LinkRow]] = {}
    rows = session.exec(
        select(LinkRow)
        .where(col(LinkRow.quote_id).in_(quote_ids), col(LinkRow.removed_at).is_(None))
        .order_by(col(LinkRow.id))
    ).all()
    for link in rows:
        found.setdefault(link.quote_id, []).append(link)
    return found


def list_quotes(
    session: Session, *, article_id: int, include_rejected: bool = False
) -> list[QuoteRecord]:
    get_article_row(session, article_id=article_id)
    query = select(QuoteRow).where(QuoteRow.article_id == article_id)
    if not include_rejected:
        query = query.where(col(QuoteRow.rejected).is_(False))
    quotes = session.exec(query.order_by(col(QuoteRow.start), col(QuoteRow.id))).all()
    links = active_links(session, quote_ids=[q.id for q in quotes if q.id is not None])
    return [quote_record(q, links.get(q.id or 0, [])) for q in quotes]


def get_quote(session: Session, *, quote_id: int) -> QuoteRecord:
    quote = get_quote_row(session, quote_id=quote_id)
    links = active_links(session, quote_ids=[quote_id])
    return quote_record(quote, links.get(quote_id, []))


def source_record(row: SourceRow) -> SourceRecord:
    return SourceRecord(
        id=row.id or 0,
        article_id=row.article_id,
        name=row.name,
        type=row.type,
        anonymous=row.anonymous,
        mentions=tuple((m[0], m[1]) for m in json.loads(row.mentions)),
        claim_count=row.claim_count,
        person_id=row.person_id,
    )


def list_sources(session: Session, *, article_id: int) -> list[SourceRecord]:
    rows = session.exec(
        select(SourceRow).where(SourceRow.article_id == article_id).order_by(col(SourceRow.id))
    ).all()
    return [source_record(row) for row in rows]


def get_source_row(session: Session, *, source_id: int) -> SourceRow:
    row = session.get(SourceRow, source_id)
    if row is None:
        raise UserError(f"There is no source {source_id} (a person or body an article cites).")
    return row


def person_named(session: Session, *, name: str, at: str) -> PersonRow:
    """The registry's entry for this name, made if it is new."""
    person = session.exec(select(PersonRow).where(PersonRow.name == name)).first()
    if person is None:
        person = PersonRow(name=name, created_at=at)
        session.add(person)
        session.flush()
    return person


def person_record(row: PersonRow) -> PersonRecord:
    return PersonRecord(id=row.id or 0, name=row.name, note=row.note, created_at=row.created_at)


def list_people(session: Session) -> list[PersonRecord]:
    rows = session.exec(select(PersonRow).order_by(col(PersonRow.name))).all()
    return [person_record(row) for row in rows]


# --- primary sources and links --------------------------------------------------------------


def add_source_document(
    session: Session,
    *,
    article_id: int,
    origin: str,
    text: str,
    media_type: str,
    raw: bytes | None,
    title: str | None,
    sha256: str,
    reviewer: str,
    at: str,
    final_url: str | None = None,
    http_status: int | None = None,
) -> SourceDocumentRow:
    """Store a captured document and attach it to the article that captured it."""
    row = SourceDocumentRow(
        article_id=article_id,
        origin=origin,
        title=title,
        media_type=media_type,
        raw=raw,
        text=text,
        sha256=sha256,
        captured_at=at,
        captured_by=reviewer,
        final_url=final_url,
        http_status=http_status,
    )
    session.add(row)
    session.flush()
    attach_document(
        session, article_id=article_id, document_id=row.id or 0, reviewer=reviewer, at=at
    )
    return row


def attach_document(
    session: Session, *, article_id: int, document_id: int, reviewer: str, at: str
) -> SourceAttachmentRow:
    row = SourceAttachmentRow(
        article_id=article_id, document_id=document_id, attached_at=at, attached_by=reviewer
    )
    session.add(row)
    session.flush()
    return row


def find_source_document(session: Session, *, sha256: str) -> SourceDocumentRow | None:
    """The document already captured with these exact bytes, if any (the oldest)."""
    return session.exec(
        select(SourceDocumentRow)
        .where(SourceDocumentRow.sha256 == sha256)
        .order_by(col(SourceDocumentRow.id))
    ).first()


def document_article_ids(session: Session, *, document_id: int) -> list[int]:
    return list(
        session.exec(
            select(SourceAttachmentRow.article_id)
            .where(SourceAttachmentRow.document_id == document_id)
            .order_by(col(SourceAttachmentRow.article_id))
        ).all()
    )


def is_attached(session: Session, *, article_id: int, document_id: int) -> bool:
    return article_id in document_article_ids(session, document_id=document_id)


def list_source_document_rows(session: Session, *, article_id: int) -> list[SourceDocumentRow]:
    """The primary sources attached to an article, in the order they were attached."""
    return list(
        session.exec(
            select(SourceDocumentRow)
            .join(SourceAttachmentRow, col(SourceAttachmentRow.document_id) == SourceDocumentRow.id)
            .where(SourceAttachmentRow.article_id == article_id)
            .order_by(col(SourceAttachmentRow.id))
        ).all()
    )


def document_links(session: Session, *, document_id: int) -> list[LinkRow]:
    """The active links into one document, from every article it serves."""
    return list(
        session.exec(
            select(LinkRow)
            .where(LinkRow.document_id == document_id, col(LinkRow.removed_at).is_(None))
            .order_by(col(LinkRow.id))
        ).all()
    )


def get_source_document_row(session: Session, *, source_id: int) -> SourceDocumentRow:
    row = session.get(SourceDocumentRow, source_id)
    if row is None:
        raise UserError(
            f"There is no primary source {source_id}; `workbench source list ARTICLE_ID` "
            f"lists an article's sources with their ids."
        )
    return row


def source_document_record(
    row: SourceDocumentRow, *, article_ids: Sequence[int] | None = None
) -> SourceDocumentRecord:
    return SourceDocumentRecord(
        id=row.id or 0,
        article_id=row.article_id,
        origin=row.origin,
        title=row.title,
        media_type=row.media_type,
        text=row.text,
        sha256=row.sha256,
        captured_at=row.captured_at,
        captured_by=row.captured_by,
        final_url=row.final_url,
        http_status=row.http_status,
        article_ids=tuple(article_ids) if article_ids is not None else (row.article_id,),
        size=None if row.raw is None else len(row.raw),
    )


def link_record(link: LinkRow) -> LinkRecord:
    return LinkRecord(
        id=link.id or 0,
        quote_id=link.quote_id,
        source_id=link.document_id,
        start=link.start,
        end=link.end,
        score=link.score,
        verdict=link.verdict,
        accepted_by=link.accepted_by,
        accepted_at=link.accepted_at,
    )


def link_state(link: LinkRow) -> dict[str, Any]:
    return {
        "id": link.id,
        "source_id": link.document_id,
        "start": link.start,
        "end": link.end,
        "score": link.score,
        "verdict": link.verdict,
    }


# --- the audit chain ----------------------------------------------------------------------


def append_event(
    session: Session,
    *,
    article: ArticleRow,
    quote_id: int | None,
    action: str,
    from_state: Mapping[str, Any] | None,
    to_state: Mapping[str, Any] | None,
    note: str | None,
    reviewer: str,
    at: str,
) -> ReviewEventRow:
    """Add an event to the article's chain and move the chain head, in the caller's transaction."""
    # Round-trip through canonical JSON so the hash covers exactly what is stored.
    from_json = None if from_state is None else audit.canonical_json(from_state)
    to_json = None if to_state is None else audit.canonical_json(to_state)
    seq = article.event_count + 1
    digest = audit.event_hash(
        article_id=article.id or 0,
        seq=seq,
        quote_id=quote_id,
        action=action,
        from_state=None if from_json is None else json.loads(from_json),
        to_state=None if to_json is None else json.loads(to_json),
        note=note,
        reviewer=reviewer,
        at=at,
        prev_hash=article.chain_head,
    )
    event = ReviewEventRow(
        article_id=article.id or 0,
        seq=seq,
        quote_id=quote_id,
        action=action,
        from_state=from_json,
        to_state=to_json,
        note=note,
        reviewer=reviewer,
        at=at,
        prev_hash=article.chain_head,
        hash=digest,
    )
    session.add(event)
    article.event_count = seq
    article.chain_head = digest
    session.add(article)
    session.flush()
    return event


def event_record(row: ReviewEventRow) -> ReviewEventRecord:
    return ReviewEventRecord(
        id=row.id or 0,
        article_id=row.article_id,
        seq=row.seq,
        quote_id=row.quote_id,
        action=row.action,
        from_state=None if row.from_state is None else json.loads(row.from_state),
        to_state=None if row.to_state is None else json.loads(row.to_state),
        note=row.note,
        reviewer=row.reviewer,
        at=row.at,
        prev_hash=row.prev_hash,
        hash=row.hash,
    )


def list_events(session: Session, *, article_id: int) -> list[ReviewEventRecord]:
    rows = session.exec(
        select(ReviewEventRow)
        .where(ReviewEventRow.article_id == article_id)
        .order_by(col(ReviewEventRow.seq))
    ).all()
    return [event_record(row) for row in rows]


def chain_events(session: Session, *, article_id: int) -> list[audit.ChainEvent]:
    return [
        audit.ChainEvent(
            id=e.id,
            seq=e.seq,
            quote_id=e.quote_id,
            action=e.action,
            from_state=e.from_state,
            to_state=e.to_state,
            note=e.note,
            reviewer=e.reviewer,
            at=e.at,
            prev_hash=e.prev_hash,
            hash=e.hash,
        )
        for e in list_events(session, article_id=article_id)
    ]


def article_state(session: Session, *, article_id: int) -> audit.ArticleState:
    article = get_article_row(session, article_id=article_id)
    quotes = session.exec(select(QuoteRow).where(QuoteRow.article_id == article_id)).all()
    links = active_links(session, quote_ids=[q.id for q in quotes if q.id is not None])
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
    )

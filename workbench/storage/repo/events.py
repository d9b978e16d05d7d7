"""The audit chains: an article's row read or locked as its chain's owner, events appended and
read, and the library chain every article event is entered in."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from workbench.errors import UserError
from workbench.storage import audit, library_chain
from workbench.storage.models import (
    ArticleRow,
    LibraryEventRow,
    LibraryStateRow,
    PersonRow,
    ReviewEventRow,
    SourceRow,
)
from workbench.storage.records import (
    ReviewEventRecord,
)


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
    """Add an event to the article's chain and move the chain head, in the caller's transaction;
    the event is entered in the library chain too."""
    created = [s for s in session.info.pop(NEW_SOURCES, []) if s.article_id == article.id]
    if created:
        # A source made for this change (a speaker typed in) is vouched for by its event.
        to_state = {
            **(to_state or {}),
            "sources_added": [source_state(session, s) for s in created],
        }
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
    append_library_event(
        session, article_id=article.id, article_seq=seq, article_head=digest, action=action, at=at
    )
    return event


# Sources made in this transaction by repo.set_speaker, for the next event to vouch for.
NEW_SOURCES = "workbench_new_sources"


def source_state(session: Session, row: SourceRow) -> dict[str, Any]:
    person = session.get(PersonRow, row.person_id) if row.person_id is not None else None
    return audit.source_state_of(row, person.name if person is not None else None)


def lock_library(session: Session) -> LibraryStateRow:
    """The library chain's head, locked until this transaction ends (PostgreSQL: FOR UPDATE;
    SQLite's BEGIN IMMEDIATE already serialises writers). Always taken after the article's."""
    state = session.exec(
        select(LibraryStateRow)
        .where(LibraryStateRow.id == 1)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if state is None:  # a database made without the migrations (never by the workbench)
        state = LibraryStateRow(id=1, chain_head=audit.GENESIS, event_count=0)
        session.add(state)
        session.flush()
    return state


def append_library_event(
    session: Session,
    *,
    article_id: int | None,
    article_seq: int | None,
    article_head: str | None,
    action: str,
    at: str,
    detail: Mapping[str, Any] | None = None,
) -> LibraryEventRow:
    state = lock_library(session)
    detail_json = None if detail is None else audit.canonical_json(detail)
    seq = state.event_count + 1
    digest = library_chain.library_event_hash(
        seq=seq,
        article_id=article_id,
        article_seq=article_seq,
        article_head=article_head,
        action=action,
        detail=None if detail_json is None else json.loads(detail_json),
        at=at,
        prev_hash=state.chain_head,
    )
    row = LibraryEventRow(
        seq=seq,
        article_id=article_id,
        article_seq=article_seq,
        article_head=article_head,
        action=action,
        detail=detail_json,
        at=at,
        prev_hash=state.chain_head,
        hash=digest,
    )
    session.add(row)
    state.event_count, state.chain_head = seq, digest
    session.add(state)
    session.flush()
    return row


def library_head(session: Session) -> tuple[int, str]:
    """(event count, chain head) of the library chain."""
    state = session.get(LibraryStateRow, 1)
    return (0, audit.GENESIS) if state is None else (state.event_count, state.chain_head)


def library_events(session: Session) -> list[library_chain.LibraryEvent]:
    rows = session.exec(select(LibraryEventRow).order_by(col(LibraryEventRow.seq))).all()
    return [
        library_chain.LibraryEvent(
            id=row.id,
            seq=row.seq,
            article_id=row.article_id,
            article_seq=row.article_seq,
            article_head=row.article_head,
            action=row.action,
            detail=None if row.detail is None else json.loads(row.detail),
            at=row.at,
            prev_hash=row.prev_hash,
            hash=row.hash,
        )
        for row in rows
    ]


def article_heads(session: Session) -> dict[int, tuple[int, str]]:
    """Every article's (event count, chain head), in one query."""
    rows = session.exec(select(ArticleRow.id, ArticleRow.event_count, ArticleRow.chain_head)).all()
    return {article_id: (count, head) for article_id, count, head in rows}


def event_hashes(session: Session, *, article_id: int | None = None) -> dict[int, list[str]]:
    """Each article's event hashes in chain order (one article's, or every article's)."""
    query = select(ReviewEventRow.article_id, ReviewEventRow.hash).order_by(
        col(ReviewEventRow.article_id), col(ReviewEventRow.seq)
    )
    if article_id is not None:
        query = query.where(ReviewEventRow.article_id == article_id)
    found: dict[int, list[str]] = {}
    for owner, digest in session.exec(query).all():
        found.setdefault(owner, []).append(digest)
    return found


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


def last_article_event(session: Session, *, article: ArticleRow) -> ReviewEventRecord:
    """The newest event of an article's chain (the one at its head)."""
    row = session.exec(
        select(ReviewEventRow).where(
            ReviewEventRow.article_id == article.id, ReviewEventRow.seq == article.event_count
        )
    ).one()
    return event_record(row)


def latest_quote_event(session: Session, *, quote_id: int) -> ReviewEventRecord | None:
    """The last event about a quote: who changed it last, how and when."""
    row = session.exec(
        select(ReviewEventRow)
        .where(ReviewEventRow.quote_id == quote_id)
        .order_by(col(ReviewEventRow.seq).desc())
        .limit(1)
    ).first()
    return None if row is None else event_record(row)


def events_after(session: Session, *, after_id: int, limit: int = 500) -> list[ReviewEventRecord]:
    """Events written after event ``after_id`` (every article), oldest first: what the change
    feed reports. On SQLite writers are serialised, so ids grow in the order of the commits."""
    rows = session.exec(
        select(ReviewEventRow)
        .where(ReviewEventRow.id > after_id)
        .order_by(col(ReviewEventRow.id))
        .limit(limit)
    ).all()
    return [event_record(row) for row in rows]


def events_by_id(session: Session, *, ids: list[int]) -> list[ReviewEventRecord]:
    if not ids:
        return []
    rows = session.exec(
        select(ReviewEventRow)
        .where(col(ReviewEventRow.id).in_(ids))
        .order_by(col(ReviewEventRow.id))
    ).all()
    return [event_record(row) for row in rows]


def last_event_id(session: Session) -> int:
    return session.exec(select(sa.func.max(ReviewEventRow.id))).one() or 0


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

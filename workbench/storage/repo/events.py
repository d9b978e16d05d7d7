"""An article's audit chain: its row read or locked as the chain's owner, events appended and read."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from workbench.errors import UserError
from workbench.storage import audit
from workbench.storage.models import (
    ArticleRow,
    ReviewEventRow,
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

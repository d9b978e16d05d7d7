"""Primary sources and links: captured documents, which articles they serve, quotes' passages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from workbench.errors import UserError
from workbench.storage import audit
from workbench.storage.models import (
    LinkRow,
    QuoteRow,
    SourceAttachmentRow,
    SourceDocumentRow,
    SourceIndexRow,
)
from workbench.storage.records import (
    LinkRecord,
    SourceDocumentRecord,
)

# The most values one IN list carries: far below SQLite's and PostgreSQL's parameter limits
# (250,000 and 65,535), so no number of quotes can make a query too big to run.
IN_LIST_CHUNK = 500


def chunks(values: Sequence[int], size: int = IN_LIST_CHUNK) -> list[Sequence[int]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def active_links(session: Session, *, quote_ids: Sequence[int]) -> dict[int, list[LinkRow]]:
    """The active links of a few quotes (an article's: ``article_links``, one query)."""
    found: dict[int, list[LinkRow]] = {}
    for chunk in chunks(list(quote_ids)):
        rows = session.exec(
            select(LinkRow)
            .where(col(LinkRow.quote_id).in_(chunk), col(LinkRow.removed_at).is_(None))
            .order_by(col(LinkRow.id))
        ).all()
        for link in rows:
            found.setdefault(link.quote_id, []).append(link)
    return found


def article_links(session: Session, *, article_id: int) -> dict[int, list[LinkRow]]:
    """Every active link of an article's quotes, by quote: one join, whatever the count."""
    found: dict[int, list[LinkRow]] = {}
    rows = session.exec(
        select(LinkRow)
        .join(QuoteRow, col(QuoteRow.id) == LinkRow.quote_id)
        .where(QuoteRow.article_id == article_id, col(LinkRow.removed_at).is_(None))
        .order_by(col(LinkRow.id))
    ).all()
    for link in rows:
        found.setdefault(link.quote_id, []).append(link)
    return found


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
    page_starts: Sequence[int] = (),
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
        page_starts=audit.list_column(page_starts),
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
        page_starts=tuple(audit.list_value(row.page_starts) or ()),
    )


def document_page_starts(session: Session, *, article_id: int) -> dict[int, tuple[int, ...]]:
    """The page starts of an article's paged primary sources (a PDF's), by source id."""
    rows = session.exec(
        select(SourceDocumentRow.id, SourceDocumentRow.page_starts)
        .join(SourceAttachmentRow, col(SourceAttachmentRow.document_id) == SourceDocumentRow.id)
        .where(
            SourceAttachmentRow.article_id == article_id,
            col(SourceDocumentRow.page_starts).is_not(None),
        )
    ).all()
    return {ident or 0: tuple(audit.list_value(starts) or ()) for ident, starts in rows}


# --- each source's index for locating quotes (matching.stored), kept beside its snapshot ----


def stored_index(session: Session, *, document_id: int) -> bytes | None:
    """The index bytes kept for a primary source, if any (check them with index_from_bytes)."""
    return session.exec(
        select(SourceIndexRow.data).where(SourceIndexRow.document_id == document_id)
    ).first()


def keep_index(session: Session, *, document_id: int, data: bytes, at: str) -> None:
    """Keep (or replace) a primary source's index bytes."""
    row = session.get(SourceIndexRow, document_id)
    if row is None:
        row = SourceIndexRow(document_id=document_id, data=data, built_at=at)
    else:
        row.data, row.built_at = data, at
    session.add(row)
    session.flush()


def document_record(session: Session, row: SourceDocumentRow) -> SourceDocumentRecord:
    """The document's record, with every article it is attached to."""
    return source_document_record(
        row, article_ids=document_article_ids(session, document_id=row.id or 0)
    )


def find_link(
    session: Session, *, quote_id: int, document_id: int, start: int, end: int
) -> LinkRow | None:
    """The quote's active link to exactly this passage, if it has one."""
    for link in active_links(session, quote_ids=[quote_id]).get(quote_id, []):
        if (link.document_id, link.start, link.end) == (document_id, start, end):
            return link
    return None


def add_link(
    session: Session,
    *,
    quote_id: int,
    document_id: int,
    start: int,
    end: int,
    score: float | None,
    verdict: str | None,
    reviewer: str,
    at: str,
) -> LinkRow:
    link = LinkRow(
        quote_id=quote_id,
        document_id=document_id,
        start=start,
        end=end,
        score=None if score is None else round(score, 1),
        verdict=verdict,
        accepted_by=reviewer,
        accepted_at=at,
    )
    session.add(link)
    session.flush()
    return link


def get_link_row(session: Session, *, link_id: int) -> LinkRow | None:
    return session.get(LinkRow, link_id)


def remove_link(session: Session, *, link: LinkRow, reviewer: str, at: str) -> None:
    """Withdraw a link: the row stays, marked removed, so its history still points at it."""
    link.removed_by, link.removed_at = reviewer, at
    session.add(link)
    session.flush()


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
    """What the audit trail vouches for about a link (who accepted it and when, too)."""
    return audit.link_state_of(link)

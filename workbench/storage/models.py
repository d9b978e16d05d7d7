"""The review record's tables (SQLModel): articles, quotes, sources, documents, links, events.

These classes never leave the storage package: repository functions turn rows into the plain
records of ``workbench.storage.records`` before a session closes. Timestamps are ISO 8601 UTC
strings (``2026-05-01T09:30:00.123456Z``) so that they hash the same on SQLite and PostgreSQL.
Changing a table here needs a new Alembic revision in ``migrations/versions``; a test compares
these models with the migrated schema.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class ArticleRow(SQLModel, table=True):
    __tablename__ = "article"

    id: int | None = Field(default=None, primary_key=True)
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    origin: str | None = None
    final_url: str | None = None  # where a fetched article ended up after redirects
    media_type: str = "text/plain"
    text: str = Field(sa_column=Column(Text, nullable=False))
    text_length: int = 0
    # JSON lists, NULL when there are none: where each page begins in text (a PDF), and what
    # the reviewer must know about how the text was read ("this draft has 3 tracked changes …").
    page_starts: str | None = Field(default=None, sa_column=Column(Text))
    notes: str | None = Field(default=None, sa_column=Column(Text))
    content_sha256: str = Field(index=True)  # of the stored text: the duplicate check looks it up
    imported_at: str
    imported_by: str
    # The audit chain's head: the hash of the last event and how many there are, so that a
    # truncated chain (its last events deleted) does not pass for a complete one.
    chain_head: str
    event_count: int = 0


class PersonRow(SQLModel, table=True):
    """A person or organisation known across articles (the newsroom's registry)."""

    __tablename__ = "person"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    note: str | None = Field(default=None, sa_column=Column(Text))
    created_at: str


class SourceRow(SQLModel, table=True):
    """Someone an article credits with a quote or a claim, named or anonymous."""

    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    name: str
    type: str
    anonymous: bool = False
    mentions: str = Field(default="[]", sa_column=Column(Text, nullable=False))  # JSON
    claim_count: int = 0
    person_id: int | None = Field(default=None, foreign_key="person.id")


class QuoteRow(SQLModel, table=True):
    __tablename__ = "quote"
    __table_args__ = (Index("ix_quote_article_status", "article_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id")
    number: int  # the extractor's id within the article, in text order at import
    start: int
    end: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    kind: str
    part_of_id: int | None = Field(default=None, foreign_key="quote.id")
    speaker_name: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_anonymous: bool | None = None
    speaker_role: str | None = None
    source_id: int | None = Field(default=None, foreign_key="source.id")
    cue_text: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    confidence: float | None = None
    origin: str = "detected"  # or "added" by a reviewer
    status: str = "unverified"
    note: str | None = Field(default=None, sa_column=Column(Text))
    rejected: bool = False
    changed_by: str | None = None
    changed_at: str | None = None
    # One more with every change to the quote: a writer names the version it saw, and a change
    # from an older one is refused (services.audit).
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})


class SourceDocumentRow(SQLModel, table=True):
    """A primary source attached to an article: what was captured, exactly, and when."""

    __tablename__ = "source_document"

    id: int | None = Field(default=None, primary_key=True)
    # The article that first captured it; every article it serves is in source_attachment.
    article_id: int = Field(foreign_key="article.id", index=True)
    origin: str
    title: str | None = None
    media_type: str
    raw: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    text: str = Field(sa_column=Column(Text, nullable=False))
    sha256: str = Field(index=True)  # of the original bytes: the same evidence is stored once
    captured_at: str
    captured_by: str | None = None
    final_url: str | None = None  # where a fetched URL ended up after redirects
    http_status: int | None = None  # what the server answered when it was captured
    # Where each page begins in text, a JSON list (a PDF); NULL for unpaged sources.
    page_starts: str | None = Field(default=None, sa_column=Column(Text))


class SourceIndexRow(SQLModel, table=True):
    """A primary source's index for locating quotes (``matching.stored``), so that a source is
    indexed once, not at every start. Derived from the snapshot's text and checked against it
    when loaded (its SHA-256 and length): a stale or damaged one is built again, never trusted."""

    __tablename__ = "source_index"

    document_id: int = Field(foreign_key="source_document.id", primary_key=True)
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    built_at: str


class SourceAttachmentRow(SQLModel, table=True):
    """A primary source attached to an article; one captured document may serve many articles."""

    __tablename__ = "source_attachment"
    __table_args__ = (
        UniqueConstraint("article_id", "document_id", name="uq_source_attachment_article_doc"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    document_id: int = Field(foreign_key="source_document.id", index=True)
    attached_at: str
    attached_by: str


class LinkRow(SQLModel, table=True):
    """A quote tied to a passage of a source document. Unlinking keeps the row (soft state)."""

    __tablename__ = "link"

    id: int | None = Field(default=None, primary_key=True)
    quote_id: int = Field(foreign_key="quote.id", index=True)
    document_id: int = Field(foreign_key="source_document.id", index=True)
    start: int
    end: int
    score: float | None = None
    verdict: str | None = None
    accepted_by: str
    accepted_at: str
    removed_by: str | None = None
    removed_at: str | None = None


class ReviewEventRow(SQLModel, table=True):
    """One append-only entry of an article's audit chain."""

    __tablename__ = "review_event"
    __table_args__ = (UniqueConstraint("article_id", "seq", name="uq_review_event_article_seq"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id")
    seq: int  # 1, 2, 3 … within the article's chain
    quote_id: int | None = Field(default=None, foreign_key="quote.id", index=True)
    action: str
    from_state: str | None = Field(default=None, sa_column=Column(Text))  # canonical JSON
    to_state: str | None = Field(default=None, sa_column=Column(Text))  # canonical JSON
    note: str | None = Field(default=None, sa_column=Column(Text))
    reviewer: str
    at: str
    prev_hash: str
    hash: str


class LibraryEventRow(SQLModel, table=True):
    """One entry of the library's chain: an article event (with the article's new chain head),
    or an event of the library itself. No foreign key: an entry must outlive a deleted article,
    so that the deletion shows."""

    __tablename__ = "library_event"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(index=True, unique=True)  # 1, 2, 3 … across the whole library
    article_id: int | None = Field(default=None, index=True)
    article_seq: int | None = None
    article_head: str | None = None
    action: str
    detail: str | None = Field(default=None, sa_column=Column(Text))  # canonical JSON
    at: str
    prev_hash: str
    hash: str


class LibraryStateRow(SQLModel, table=True):
    """The library chain's head (one row), locked by every writer while it appends."""

    __tablename__ = "library_state"

    id: int | None = Field(default=None, primary_key=True)
    chain_head: str
    event_count: int = 0

"""Plain, frozen records that services hand to the CLI and the GUI (never live ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.domain import Cue, SpeakerRef, Status, page_of


@dataclass(frozen=True)
class LinkRecord:
    id: int
    quote_id: int
    source_id: int  # the SourceDocument (a primary source, `workbench source add`)
    start: int
    end: int
    score: float | None
    verdict: str | None
    accepted_by: str
    accepted_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source_id": self.source_id,
            "start": self.start,
            "end": self.end,
            "score": self.score,
            "verdict": self.verdict,
            "accepted_by": self.accepted_by,
            "accepted_at": self.accepted_at,
        }


@dataclass(frozen=True)
class QuoteRecord:
    id: int
    article_id: int
    number: int
    start: int
    end: int
    text: str
    kind: str
    part_of: int | None
    speaker: SpeakerRef | None
    cue: Cue | None
    confidence: float | None
    origin: str
    status: Status
    note: str | None
    rejected: bool
    changed_by: str | None
    changed_at: str | None
    links: tuple[LinkRecord, ...] = ()
    version: int = 1  # one more with every change; a change made from an older one is refused

    def to_dict(self) -> dict[str, Any]:
        """The shape of `workbench quotes --json` (CONTRACT.md), plus review details."""
        return {
            "id": self.id,
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "part_of": self.part_of,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "confidence": None if self.confidence is None else round(self.confidence, 2),
            "origin": self.origin,
            "status": str(self.status),
            "note": self.note,
            "rejected": self.rejected,
            "changed_by": self.changed_by,
            "changed_at": self.changed_at,
            "version": self.version,
            "links": [link.to_dict() for link in self.links],
        }


@dataclass(frozen=True)
class ArticleSummary:
    """One line of the library: an article and how far its review has come."""

    id: int
    title: str | None
    origin: str | None
    outlet: str | None
    imported_at: str
    quote_count: int
    status_counts: dict[str, int]
    notes: tuple[str, ...] = ()  # how the text was read ("This draft has 3 tracked changes; …")

    @property
    def reviewed(self) -> int:
        """Quotes whose review is finished (neither unverified nor in review)."""
        open_ = self.status_counts.get(Status.UNVERIFIED, 0)
        open_ += self.status_counts.get(Status.IN_REVIEW, 0)
        return self.quote_count - open_

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "origin": self.origin,
            "outlet": self.outlet,
            "imported_at": self.imported_at,
            "quotes": self.quote_count,
            "reviewed": self.reviewed,
            "statuses": {str(s): self.status_counts.get(s, 0) for s in Status},
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class ArticleRecord:
    id: int
    title: str | None
    author: str | None
    published: str | None
    outlet: str | None
    origin: str | None
    media_type: str
    text: str
    content_sha256: str
    imported_at: str
    imported_by: str
    chain_head: str
    event_count: int
    final_url: str | None = None  # where a fetched article ended up after redirects
    page_starts: tuple[int, ...] = ()  # where each page begins in text (a PDF); () if unpaged
    # How the text was read, for the reviewer ("This draft has 3 tracked changes; …").
    notes: tuple[str, ...] = ()

    def page_of(self, offset: int) -> int | None:
        """The 1-based page of ``offset`` in a paged article (a PDF), else None."""
        return page_of(self.page_starts, offset)


@dataclass(frozen=True)
class SourceRecord:
    id: int
    article_id: int
    name: str
    type: str
    anonymous: bool
    mentions: tuple[tuple[int, int], ...]
    claim_count: int
    person_id: int | None


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str
    note: str | None
    created_at: str


@dataclass(frozen=True)
class SourceDocumentRecord:
    """An evidence snapshot: a primary source exactly as captured (its text; bytes stay stored)."""

    id: int
    article_id: int  # the article that first captured it
    origin: str  # the file path, URL or "pasted text" it was captured from
    title: str | None
    media_type: str
    text: str
    sha256: str  # of the original bytes
    captured_at: str
    captured_by: str | None
    final_url: str | None = None
    http_status: int | None = None
    article_ids: tuple[int, ...] = ()  # every article it is attached to
    size: int | None = None  # bytes captured
    page_starts: tuple[int, ...] = ()  # where each page begins in text (a PDF); () if unpaged

    def page_of(self, offset: int | None) -> int | None:
        """The 1-based page of ``offset`` in a paged source (a PDF), else None."""
        return page_of(self.page_starts, offset)

    def to_dict(self, *, with_text: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "origin": self.origin,
            "final_url": self.final_url,
            "http_status": self.http_status,
            "title": self.title,
            "media_type": self.media_type,
            "sha256": self.sha256,
            "size": self.size,
            "text_length": len(self.text),
            "captured_at": self.captured_at,
            "captured_by": self.captured_by,
            "article_ids": list(self.article_ids),
            # As the audit chain records it: null for a source without pages.
            "page_starts": list(self.page_starts) or None,
        }
        if with_text:
            data["text"] = self.text
        return data


@dataclass(frozen=True)
class ReviewEventRecord:
    id: int
    article_id: int
    seq: int
    quote_id: int | None
    action: str
    from_state: dict[str, Any] | None
    to_state: dict[str, Any] | None
    note: str | None
    reviewer: str
    at: str
    prev_hash: str
    hash: str

"""Plain data shared by every layer: articles, detected quotes, speakers, claims and sources.

Offsets are Python ``str`` indices into the article text exactly as stored.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class QuoteKind(StrEnum):
    DIRECT = "direct"
    PARTIAL = "partial"
    SCARE = "scare"


class SourceType(StrEnum):
    PERSON = "person"
    ORGANIZATION = "organization"
    PUBLICATION = "publication"
    ANONYMOUS = "anonymous"


class Status(StrEnum):
    UNVERIFIED = "unverified"
    IN_REVIEW = "in_review"
    VERIFIED = "verified"
    MISQUOTED = "misquoted"
    MISATTRIBUTED = "misattributed"
    UNVERIFIABLE = "unverifiable"


@dataclass(frozen=True)
class Article:
    """An imported article: its stored text and whatever metadata the format gave."""

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO 8601 date as the source gave it
    outlet: str | None = None
    origin: str | None = None  # path or URL it came from
    media_type: str = "text/plain"
    raw: bytes | None = field(default=None, repr=False)
    # Where each page begins in text (a PDF: (0, 2210, 4630, …)); empty for unpaged formats.
    page_starts: tuple[int, ...] = ()
    # What the reviewer must know about how the text was read ("this draft has 14 tracked
    # changes; the text shown accepts them"); shown beside the article, never part of its text.
    notes: tuple[str, ...] = ()
    tracked_changes: int = 0  # Word revisions accepted into text (insertions and deletions)
    final_url: str | None = None  # where a fetched article really came from, after redirects
    # The same text with hard line wraps (wire copy at ~72 columns) turned into spaces, for the
    # extraction engine; same length as text so every offset means the same. None: use text.
    unwrapped_text: str | None = field(default=None, repr=False)

    @property
    def extraction_text(self) -> str:
        """The text to run quote extraction on; its offsets are offsets into ``text``."""
        return self.unwrapped_text if self.unwrapped_text is not None else self.text

    def page_of(self, offset: int) -> int | None:
        """The 1-based page of ``offset`` in a paged document, else None."""
        return page_of(self.page_starts, offset)


def page_of(page_starts: Sequence[int], offset: int | None) -> int | None:
    """The 1-based page holding ``offset`` in text whose pages begin at ``page_starts`` (the
    first is 0), or None for unpaged text (or no offset). An offset in the blank lines between
    two pages belongs to the earlier page."""
    if not page_starts or offset is None or offset < 0:
        return None
    return max(1, bisect_right(page_starts, offset))


@dataclass(frozen=True)
class Cue:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class SpeakerRef:
    """Who a quote or claim is credited to: the mention at the cue, resolved to a name."""

    name: str
    start: int
    end: int
    anonymous: bool = False
    role: str | None = None

    def to_dict(self, *, with_role: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "anonymous": self.anonymous,
        }
        if with_role:
            data["role"] = self.role
        return data


@dataclass(frozen=True)
class DetectedQuote:
    id: int
    start: int
    end: int
    text: str
    kind: QuoteKind
    part_of: int | None = None
    speaker: SpeakerRef | None = None
    cue: Cue | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": str(self.kind),
            "part_of": self.part_of,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "confidence": round(self.confidence, 2),
        }


@dataclass(frozen=True)
class Claim:
    """An indirect attribution ("According to X, ...", "X said that ...")."""

    start: int
    end: int
    text: str
    source: SpeakerRef
    cue: Cue

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "source": self.source.to_dict(with_role=False),
            "cue": self.cue.to_dict(),
        }


@dataclass(frozen=True)
class DetectedSource:
    name: str
    type: SourceType
    anonymous: bool
    mentions: tuple[tuple[int, int], ...] = ()
    quote_ids: tuple[int, ...] = ()
    claim_count: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": str(self.type),
            "anonymous": self.anonymous,
            "mentions": [list(m) for m in self.mentions],
            "quote_ids": list(self.quote_ids),
            "claim_count": self.claim_count,
        }


@dataclass(frozen=True)
class Analysis:
    """Everything the extraction engine found in one article."""

    text_length: int
    quotes: tuple[DetectedQuote, ...] = ()
    claims: tuple[Claim, ...] = ()
    sources: tuple[DetectedSource, ...] = ()
    language: str = (
        "und"  # BCP 47 code of the article's language ("en", "de", "fr"), "und" if unknown
    )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text_length": self.text_length,
            "language": self.language,
            "quotes": [q.to_dict() for q in self.quotes],
            "claims": [c.to_dict() for c in self.claims],
            "sources": [s.to_dict() for s in self.sources],
        }

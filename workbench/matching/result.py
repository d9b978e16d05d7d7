"""What locating a quote answers: the Match, its Verdict and word diff, with original offsets."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    EXACT = "exact"
    NEAR_EXACT = "near_exact"
    ALTERED = "altered"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class DiffOp:
    """One word-level step from the source passage to the quote, in their original text.

    `quote_start:quote_end` are offsets into the quote (`Match.quote`) and
    `source_start:source_end` offsets into the source text, so `quote` is
    `match.quote[op.quote_start:op.quote_end]` and `source` the source's text there. The side
    with no words (the source of an `insert`, the quote of a `delete`) is an empty range at the
    place the missing words would stand.
    """

    op: str  # equal | replace | insert (words only in the quote) | delete (only in the source)
    quote: str
    source: str
    quote_start: int = 0
    quote_end: int = 0
    source_start: int = 0
    source_end: int = 0

    def to_dict(self) -> dict[str, str]:
        """The `diff` entry of `locate --json` (CONTRACT.md): the texts, not the offsets."""
        return {"op": self.op, "quote": self.quote, "source": self.source}

    def moved(self, offset: int) -> DiffOp:
        """The same step with its source offsets `offset` characters later."""
        return replace(
            self, source_start=self.source_start + offset, source_end=self.source_end + offset
        )


@dataclass(frozen=True)
class Elision:
    """Source text an ellipsis in the quote stands for."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "score": round(self.score, 1)}


@dataclass(frozen=True)
class Timestamp:
    """Subtitle cue times covering the passage, as written in the .srt/.vtt file."""

    start: str
    end: str

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True)
class Match:
    """Where a quote is in a source, how close, and why this verdict."""

    quote: str
    found: bool
    start: int | None
    end: int | None
    score: float
    verdict: Verdict
    passage: str | None
    diff: tuple[DiffOp, ...]
    elided: tuple[Elision, ...]
    speaker: str | None
    speaker_mismatch: bool
    candidates: tuple[Candidate, ...]
    reason: str
    elapsed_ms: float
    timestamp: Timestamp | None = None

    @classmethod
    def not_found(
        cls,
        quote: str,
        reason: str,
        *,
        score: float = 0.0,
        candidates: tuple[Candidate, ...] = (),
        elapsed_ms: float = 0.0,
    ) -> Match:
        """The answer when no passage is there: nothing found, no diff, `reason` says why."""
        return cls(
            quote=quote,
            found=False,
            start=None,
            end=None,
            score=score,
            verdict=Verdict.NOT_FOUND,
            passage=None,
            diff=(),
            elided=(),
            speaker=None,
            speaker_mismatch=False,
            candidates=candidates,
            reason=reason,
            elapsed_ms=elapsed_ms,
        )

    def moved(self, offset: int) -> Match:
        """This match found in a part of a source that starts `offset` characters into it: every
        source offset (passage, diff, elisions, runners-up) in the whole source's terms."""
        if not offset:
            return self
        return replace(
            self,
            start=None if self.start is None else self.start + offset,
            end=None if self.end is None else self.end + offset,
            diff=tuple(op.moved(offset) for op in self.diff),
            elided=tuple(Elision(g.start + offset, g.end + offset, g.text) for g in self.elided),
            candidates=tuple(
                Candidate(c.start + offset, c.end + offset, c.score) for c in self.candidates
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        """The `locate --json` object of CONTRACT.md (plus `quote`, `reason`, `timestamp`)."""
        return {
            "found": self.found,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 1),
            "verdict": str(self.verdict),
            "passage": self.passage,
            "diff": [op.to_dict() for op in self.diff],
            "elided": [gap.to_dict() for gap in self.elided],
            "speaker": self.speaker,
            "speaker_mismatch": self.speaker_mismatch,
            "candidates": [c.to_dict() for c in self.candidates],
            "elapsed_ms": round(self.elapsed_ms, 2),
            "quote": self.quote,
            "reason": self.reason,
            "timestamp": self.timestamp.to_dict() if self.timestamp else None,
        }

"""Auto-link: for each quote of an article, the best passage among all its primary sources.

Pure functions on plain data: ``passage_review`` asks ``propose_for_quote`` for each quote and
shows the proposal to the reviewer, who accepts one passage (a link with an audit event),
rejects it, or picks one of the runners-up.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.matching import DEFAULT_THRESHOLD, Match, SourceIndex, locate_quote
from workbench.sources.passages import better, match_passage, refine_margin


@dataclass(frozen=True)
class QuoteToLink:
    id: int
    text: str
    speaker: str | None  # who the article says spoke


@dataclass(frozen=True)
class Passage:
    """A place in a source where the quote may come from (a runner-up to the proposal)."""

    source_id: int
    start: int
    end: int
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 1),
        }


@dataclass(frozen=True)
class Proposal:
    """The passage proposed for one quote, or none (match.found false), with the runners-up."""

    quote_id: int
    quote: str
    speaker: str | None
    source_id: int | None  # where the proposed passage is; None when nothing was found
    match: Match
    candidates: tuple[Passage, ...]
    linked: bool = False  # the quote already has an active link to exactly this passage
    page: int | None = None  # the proposed passage's page in a paged source (a PDF)

    @property
    def found(self) -> bool:
        return self.match.found and self.source_id is not None

    def to_dict(self) -> dict[str, Any]:
        match = self.match.to_dict()
        match["candidates"] = [c.to_dict() for c in self.candidates]
        return {
            "quote_id": self.quote_id,
            "quote": self.quote,
            "article_speaker": self.speaker,
            "source_id": self.source_id,
            "linked": self.linked,
            **{key: value for key, value in match.items() if key != "quote"},
            "page": self.page,
        }


def propose_for_quote(
    quote: QuoteToLink,
    sources: Sequence[tuple[int, SourceIndex]],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    rejected: Collection[tuple[int, int, int]] = (),
    max_candidates: int = 4,
) -> Proposal:
    """The best passage for one quote across sources, skipping (source, start, end) rejected."""
    best: tuple[int, Match] | None = None
    found: list[Passage] = []  # each source's best passage, exactly as located
    runners: list[Passage] = []  # runners-up, their rough spans refined below
    for source_id, index in sources:
        match = locate_quote(index, quote.text, speaker=quote.speaker, threshold=threshold)
        runners.extend(Passage(source_id, c.start, c.end, c.score) for c in match.candidates)
        if match.found and match.start is not None and match.end is not None:
            if (source_id, match.start, match.end) in rejected:
                continue
            found.append(Passage(source_id, match.start, match.end, match.score))
        if best is None or better(match, best[1]):
            best = (source_id, match)
    passages = _distinct(
        p
        for p in [*found, *_refined(quote, sources, runners)]
        if (p.source_id, p.start, p.end) not in rejected
    )
    passages.sort(key=lambda p: -p.score)
    if best is None or not best[1].found:
        # Nothing found, or only what the reviewer rejected: a runner-up above the threshold
        # becomes the proposal, scored on its own passage.
        promoted = _promote(quote, sources, passages, threshold)
        if promoted is not None:
            best = promoted
    if best is None:
        return Proposal(quote.id, quote.text, quote.speaker, None, _nothing(quote), ())
    source_id, match = best
    if not match.found:
        return Proposal(
            quote.id, quote.text, quote.speaker, None, match, tuple(passages[:max_candidates])
        )
    others = tuple(
        p for p in passages if (p.source_id, p.start, p.end) != (source_id, match.start, match.end)
    )
    return Proposal(quote.id, quote.text, quote.speaker, source_id, match, others[:max_candidates])


def _refined(
    quote: QuoteToLink, sources: Sequence[tuple[int, SourceIndex]], passages: list[Passage]
) -> list[Passage]:
    """Runners-up scored on their own, their edges grown to the quote's words (the search's
    spans for them are rough), so that picking one links the right passage."""
    indexes = dict(sources)
    refined = []
    for passage in passages:
        match = match_passage(
            indexes[passage.source_id],
            quote.text,
            passage.start,
            passage.end,
            speaker=quote.speaker,
            margin=refine_margin(passage.start, passage.end),
        )
        if match.found and match.start is not None and match.end is not None:
            refined.append(Passage(passage.source_id, match.start, match.end, match.score))
        else:
            refined.append(passage)
    return refined


def _distinct(passages) -> list[Passage]:
    seen: set[tuple[int, int, int]] = set()
    kept = []
    for passage in passages:
        key = (passage.source_id, passage.start, passage.end)
        if key not in seen:
            seen.add(key)
            kept.append(passage)
    return kept


def _promote(
    quote: QuoteToLink,
    sources: Sequence[tuple[int, SourceIndex]],
    passages: list[Passage],
    threshold: float,
) -> tuple[int, Match] | None:
    indexes = dict(sources)
    for passage in passages:
        if passage.score < threshold:
            break
        match = match_passage(
            indexes[passage.source_id],
            quote.text,
            passage.start,
            passage.end,
            speaker=quote.speaker,
        )
        if match.found and match.score >= threshold:
            passages.remove(passage)
            return passage.source_id, match
    return None


def _nothing(quote: QuoteToLink) -> Match:
    """A not-found answer for an article with no sources to search."""
    return Match.not_found(
        quote.text,
        "The article has no primary source to search; `workbench source add` attaches one.",
    )

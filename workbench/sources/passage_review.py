"""A quote against every primary source of its article: the linked passage, the proposal, the rest.

The one comparison of quotes with their sources: the window's primary-source panel shows it,
and ``workbench source autolink`` prints its proposals (``services.propose_links``). Plain data
in and out, no database: the inputs are read in one go (``services.evidence.review_inputs``)
and the matching runs wherever the caller likes (the window: its work pool, with progress).

The matching modules are imported by the first comparison, so the window can import these
types at start-up without paying for the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from workbench.domain import page_of

if TYPE_CHECKING:
    from workbench.matching import Match
    from workbench.sources.autolink import Proposal
    from workbench.storage.records import QuoteRecord

LINKED = "linked"  # a passage the quote is linked to
PROPOSED = "proposed"  # the best passage found, not linked yet
CANDIDATE = "candidate"  # a runner-up, or the closest passage when nothing was found


@dataclass(frozen=True)
class PassageOption:
    """One passage of a primary source the quote may come from, compared word by word."""

    source_id: int
    start: int
    end: int
    match: Match
    role: str  # LINKED, PROPOSED or CANDIDATE
    threshold: float
    link_id: int | None = None
    page: int | None = None  # the page of the passage in a paged source (a PDF), else None
    # How the window paints the comparison, filled in by ui/ops.py from the match's diff:
    quote_parts: tuple[tuple[str, str], ...] = ()  # (text, kind): the quote with its changes
    source_marks: tuple[Any, ...] = ()  # stretches of the source to mark

    @property
    def score(self) -> float:
        return self.match.score

    @property
    def below_threshold(self) -> bool:
        return self.match.score < self.threshold

    @property
    def verdict(self) -> str:
        """The verdict to show: a passage under the threshold is no match, however it reads."""
        return "not_found" if self.below_threshold else str(self.match.verdict)

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.source_id, self.start, self.end)


@dataclass(frozen=True)
class QuoteReview:
    """A quote against every primary source of its article: linked, proposed, runners-up."""

    quote_id: int
    verdict: str  # for the table: the link's, else the proposal's, else not_found
    linked: bool
    options: tuple[PassageOption, ...]
    reason: str  # the engine's sentence for the proposal (or why nothing was found)
    threshold: float
    said_by: str | None = None  # the transcript's speaker, when not the article's
    proposal: Proposal | None = None  # what auto-link proposes (``linked``: already linked)


@dataclass(frozen=True)
class ReviewInputs:
    """What comparing quotes with sources needs, read in one go on the database thread."""

    article_id: int
    quotes: tuple[QuoteRecord, ...]
    documents: tuple[tuple[int, str], ...]  # (source id, text)
    rejected: frozenset[tuple[int, int, int, int]]  # (quote, source, start, end)
    threshold: float
    # Source id → its index, loaded from storage (``services.source_index``); a source missing
    # here is indexed by the comparison.
    indexes: Mapping[int, Any] = field(default_factory=dict)
    pages: Mapping[int, tuple[int, ...]] = field(default_factory=dict)  # source id → page starts


def review_quotes(
    inputs: ReviewInputs,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[int, QuoteReview]:
    """Compare each quote with the article's primary sources, quote by quote, in the inputs'
    order, each source indexed once; with progress and a way to stop."""
    from workbench.matching import index_source

    indexed = [
        (source_id, inputs.indexes.get(source_id) or index_source(text))
        for source_id, text in inputs.documents
    ]
    reviews: dict[int, QuoteReview] = {}
    total = len(inputs.quotes)
    for done, quote in enumerate(inputs.quotes):
        if cancelled is not None and cancelled():
            break
        reviews[quote.id] = review_quote(
            quote, indexed, inputs.rejected, inputs.threshold, pages=inputs.pages
        )
        if progress is not None:
            progress(done + 1, total)
    return reviews


def review_quote(
    quote: QuoteRecord,
    indexed: list[tuple[int, Any]],
    rejected: Iterable[tuple[int, int, int, int]],
    threshold: float,
    *,
    pages: Mapping[int, tuple[int, ...]] | None = None,
) -> QuoteReview:
    """The quote against every indexed source: each linked passage scored, auto-link's proposal
    (skipping the passages the reviewer rejected) and its runners-up scored on their own.
    ``pages``: each paged source's page starts, so that every passage names its page."""
    from workbench.sources.autolink import QuoteToLink, propose_for_quote
    from workbench.sources.passages import match_passage

    indexes = dict(indexed)
    speaker = quote.speaker.name if quote.speaker else None
    options: list[PassageOption] = []
    pages = pages or {}

    def option(source_id: int, start: int, end: int, role: str, link_id: int | None = None):
        match = match_passage(indexes[source_id], quote.text, start, end, speaker=speaker)
        # The passage is the one linked or proposed, even where the words align in a part of it.
        return _option(source_id, match, role, threshold, link_id, (start, end), pages)

    for link in quote.links:
        if link.source_id in indexes:
            options.append(option(link.source_id, link.start, link.end, LINKED, link.id))
    linked = {o.key for o in options}
    proposal = propose_for_quote(
        QuoteToLink(quote.id, quote.text, speaker),
        indexed,
        threshold=threshold,
        rejected={(s, a, b) for q, s, a, b in rejected if q == quote.id},
    )
    match = proposal.match
    if proposal.found and proposal.source_id is not None and match.start is not None:
        links = {(x.source_id, x.start, x.end) for x in quote.links}
        proposal = replace(
            proposal,
            linked=(proposal.source_id, match.start, match.end) in links,
            page=page_of(pages.get(proposal.source_id, ()), match.start),
        )
    if not indexed:
        return QuoteReview(quote.id, "not_found", False, (), "", threshold, proposal=proposal)
    if proposal.found and proposal.source_id is not None and match.start is not None:
        key = (proposal.source_id, match.start, match.end or match.start)
        if key not in linked:
            options.append(_option(proposal.source_id, match, PROPOSED, threshold, pages=pages))
    for passage in proposal.candidates:
        if (passage.source_id, passage.start, passage.end) not in linked:
            options.append(option(passage.source_id, passage.start, passage.end, CANDIDATE))
    if quote.links:
        verdict = quote.links[0].verdict or (options[0].verdict if options else "not_found")
        telling = options[0].match if options else None
    else:
        verdict = str(match.verdict) if proposal.found else "not_found"
        telling = match if proposal.found else None
    said_by = telling.speaker if telling is not None and telling.speaker_mismatch else None
    return QuoteReview(
        quote.id,
        verdict,
        bool(quote.links),
        tuple(options),
        match.reason,
        threshold,
        said_by,
        proposal,
    )


def _option(
    source_id: int,
    match: Match,
    role: str,
    threshold: float,
    link_id: int | None = None,
    span: tuple[int, int] | None = None,
    pages: Mapping[int, tuple[int, ...]] | None = None,
) -> PassageOption:
    assert match.start is not None and match.end is not None
    start, end = span or (match.start, match.end)
    return PassageOption(
        source_id=source_id,
        start=start,
        end=end,
        match=match,
        role=role,
        threshold=threshold,
        link_id=link_id,
        page=page_of((pages or {}).get(source_id, ()), start),
    )

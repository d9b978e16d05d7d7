"""Locate a quote in an indexed source: the passage, a score, a verdict and a word diff.

The steps have modules of their own: `place` finds and ranks the passages the quote may come
from, `compare` diffs the best one word by word for the verdict, `result` holds the answer.
This module ties them together and settles the edges of the passage.
"""

from __future__ import annotations

import time

from workbench.errors import UserError
from workbench.matching.compare import compare
from workbench.matching.index import SourceIndex, index_source
from workbench.matching.normalize import QuoteTokens, tokenize_quote
from workbench.matching.place import Placement, complete_edges, place, rank
from workbench.matching.result import Candidate, Match, Timestamp
from workbench.matching.transcript import speaker_mismatch

DEFAULT_THRESHOLD = 70.0
"""Word-level similarity (0–100) a passage needs to count as found. A changed word in an
eight-word quote scores 87.5, a dropped "not" in a six-word quote 90.9; a fabricated quote
rarely shares more than half its words, in order, with any passage."""

CANDIDATE_MARGIN = 15.0  # runners-up within this many points below the threshold are listed
CANDIDATE_SPREAD = 20.0  # ... and, when a passage is found, within this many points of it
_PRIVATE_CODE_TOP = 0x10FFFF
_HYPHENS = ("-", "\u2010", "\u2011")  # a compound's hyphen, as typed or typeset


def locate_quote(
    index_or_text: SourceIndex | str,
    quote: str,
    *,
    speaker: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    max_candidates: int = 3,
) -> Match:
    """Find `quote` in the source; `speaker` is who the article says spoke (for a mismatch)."""
    began = time.perf_counter()
    if not 0 <= threshold <= 100:
        raise UserError(f"The threshold must be between 0 and 100, not {threshold:g}.")
    if not isinstance(quote, str) or not quote.strip():
        raise UserError("The quote is empty: give the words to look for.")
    index = index_or_text if isinstance(index_or_text, SourceIndex) else index_source(index_or_text)
    tokens = tokenize_quote(quote)
    if not tokens.words:
        raise UserError(f"The quote {quote.strip()!r} has no words to look for.")
    tokens = _join_hyphenated(index, tokens)
    codes = _quote_codes(index, tokens.words)

    # No passage can match more words than the source has: when even that bound is below the
    # threshold (a fabricated quote of words the source never uses), do not search.
    present = sum(code in index.counts for code in codes)
    ceiling = 200.0 * present / (len(codes) + present) if present else 0.0
    floor = max(0.0, threshold - CANDIDATE_MARGIN)
    placements = place(index, tokens, codes, limit=max_candidates + 4) if ceiling >= floor else []
    placements = rank(index, placements, speaker)
    best = placements[0] if placements else None
    if best is None or best.score < threshold:
        runners = [p for p in placements if p.score >= floor][:max_candidates]
        best_score = best.score if best else 0.0
        if best is None and not present:
            reason = "None of the quote's words occur in the source."
        elif best is None:
            reason = (
                f"Too few of the quote's words occur in the source for any passage to reach "
                f"the threshold of {threshold:g}."
            )
        else:
            reason = (
                f"No passage reaches the threshold of {threshold:g}; the closest scores "
                f"{best_score:.1f}."
            )
        return Match.not_found(
            quote,
            reason,
            score=best_score,
            candidates=tuple(_candidate(index, p) for p in runners),
            elapsed_ms=(time.perf_counter() - began) * 1000,
        )

    best = complete_edges(index, tokens, codes, best)
    start, end = _with_edge_marks(
        index.text, quote, index.starts[best.first], index.ends[best.last - 1]
    )
    report = compare(index, tokens, codes, best.spans)
    if not report.changes:
        # Same words once line-break hyphenation and word splits are undone: a full score.
        best = Placement(best.spans, 100.0)
    label = index.layout.speaker_at(start) if index.layout.labelled else None
    cues = index.layout.cues_over(start, end)
    close = max(floor, best.score - CANDIDATE_SPREAD)
    runners = [p for p in placements[1:] if p.score >= close][:max_candidates]
    return Match(
        quote=quote,
        found=True,
        start=start,
        end=end,
        score=best.score,
        verdict=report.verdict,
        passage=index.text[start:end],
        diff=report.diff,
        elided=report.elided,
        speaker=label,
        speaker_mismatch=speaker_mismatch(speaker, label),
        candidates=tuple(_candidate(index, p) for p in runners),
        reason=report.reason(best.score),
        elapsed_ms=(time.perf_counter() - began) * 1000,
        timestamp=Timestamp(cues[0].start_time, cues[-1].end_time) if cues else None,
    )


def _with_edge_marks(text: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Take in the symbols the quote opens or closes with ("<script>", "(sic)") where the
    source has the same ones right beside the matched words."""
    stripped = quote.strip()
    leading = stripped[: len(stripped) - len(stripped.lstrip(_EDGE_MARKS))]
    trailing = stripped[len(stripped.rstrip(_EDGE_MARKS)) :]
    while leading and start > 0 and text[start - 1] == leading[-1]:
        start, leading = start - 1, leading[:-1]
    while trailing and end < len(text) and text[end] == trailing[0]:
        end, trailing = end + 1, trailing[1:]
    return start, end


_EDGE_MARKS = "<>()[]{}'\"‘’“”#@$%&*/"


def _quote_codes(index: SourceIndex, words: tuple[str, ...]) -> str:
    """The quote in the source's word codes; words the source lacks get codes of their own."""
    private: dict[str, str] = {}
    codes = []
    for word in words:
        code = index.vocabulary.get(word)
        if code is None:
            code = private.setdefault(word, chr(_PRIVATE_CODE_TOP - len(private)))
        codes.append(code)
    return "".join(codes)


def _join_hyphenated(index: SourceIndex, tokens: QuoteTokens) -> QuoteTokens:
    """Treat "well-known" in the quote as one word where the source only has it as one (it
    was hyphenated at a line end there, "well-\nknown", and the index joined it)."""
    vocabulary = index.vocabulary
    quote, words = tokens.text, tokens.words
    keep: list[int] = []  # index of the first quote word of each merged word
    merged_words: list[str] = []
    i = 0
    while i < len(words):
        j = i
        while (
            j + 1 < len(words)
            and quote[tokens.ends[j] : tokens.starts[j + 1]] in _HYPHENS
            and "".join(words[i : j + 2]) in vocabulary
        ):
            j += 1
        keep.append(i)
        merged_words.append("".join(words[i : j + 1]))
        i = j + 1
    if len(keep) == len(words):
        return tokens
    lasts = [*(k - 1 for k in keep[1:]), len(words) - 1]
    new_index = {old: new for new, old in enumerate(keep)}
    pieces = tuple((new_index[lo], new_index.get(hi, len(keep))) for lo, hi in tokens.pieces)
    return QuoteTokens(
        quote,
        tuple(merged_words),
        tuple(tokens.starts[k] for k in keep),
        tuple(tokens.ends[k] for k in lasts),
        pieces,
    )


def _candidate(index: SourceIndex, placement: Placement) -> Candidate:
    return Candidate(index.starts[placement.first], index.ends[placement.last - 1], placement.score)

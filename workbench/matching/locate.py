"""Locate a quote in an indexed source: the passage, a score, a verdict and a word diff.

How: the quote's rarer words vote for where in the source it may start (a word at quote
position i found at source position p votes for p - i); the windows with the most distinct
votes are aligned word by word with rapidfuzz, their edges grown or trimmed to the best Indel
ratio, and scored. A quote with ellipses is cut into pieces: the longest is placed this way, the
others after or before it, in order, within GAP_LIMIT words, and the words between are reported
as elided. The best placement is then diffed word by word (difflib) to give the verdict.
"""

from __future__ import annotations

import math
import re
import time
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from typing import Any

from rapidfuzz import fuzz

from workbench.defaults import MATCH_THRESHOLD
from workbench.errors import UserError
from workbench.matching.index import SourceIndex, index_source
from workbench.matching.normalize import (
    QuoteTokens,
    normalize_separator,
    normalize_word,
    surface,
    surface_keep_hyphen,
    tokenize_quote,
)
from workbench.matching.transcript import speaker_mismatch

DEFAULT_THRESHOLD = MATCH_THRESHOLD
"""Word-level similarity (0–100) a passage needs to count as found. A changed word in an
eight-word quote scores 87.5, a dropped "not" in a six-word quote 90.9; a fabricated quote
rarely shares more than half its words, in order, with any passage."""

CANDIDATE_MARGIN = 15.0  # runners-up within this many points below the threshold are listed
CANDIDATE_SPREAD = 20.0  # ... and, when a passage is found, within this many points of it
GAP_LIMIT = 400  # the most words one ellipsis may stand for
_RARE = 200  # a word this rare or rarer is an anchor by itself
_MAX_ANCHORS = 10
_ENOUGH_ANCHORS = 4  # fewer rare words than this: add word pairs
_COMMON_PAIR = 3000  # a word pair more frequent than this says little about where a quote is
_MIN_ANCHORS = 2
_EVENT_CEILING = 40_000  # past this, one whole-source alignment is cheaper than voting
_PRIVATE_CODE_TOP = 0x10FFFF
_SENTENCE_END = re.compile(r"[.!?]")


class Verdict(StrEnum):
    EXACT = "exact"
    NEAR_EXACT = "near_exact"
    ALTERED = "altered"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class DiffOp:
    """One word-level step from the source passage to the quote, in their original text."""

    op: str  # equal | replace | insert (words only in the quote) | delete (only in the source)
    quote: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {"op": self.op, "quote": self.quote, "source": self.source}


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


@dataclass(frozen=True)
class _Placement:
    spans: tuple[tuple[int, int], ...]  # [start, end) word ranges in the source, one per piece
    score: float

    @property
    def first(self) -> int:
        return self.spans[0][0]

    @property
    def last(self) -> int:
        return self.spans[-1][1]


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
    placements = _place(index, tokens, codes, limit=max_candidates + 4) if ceiling >= floor else []
    placements = _rank(index, placements, speaker)
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
        return Match(
            quote=quote,
            found=False,
            start=None,
            end=None,
            score=best_score,
            verdict=Verdict.NOT_FOUND,
            passage=None,
            diff=(),
            elided=(),
            speaker=None,
            speaker_mismatch=False,
            candidates=tuple(_candidate(index, p) for p in runners),
            reason=reason,
            elapsed_ms=(time.perf_counter() - began) * 1000,
        )

    best = _complete_edges(index, tokens, codes, best)
    start, end = _with_edge_marks(
        index.text, quote, index.starts[best.first], index.ends[best.last - 1]
    )
    report = _compare(index, tokens, codes, best)
    if not report.changes:
        # Same words once line-break hyphenation and word splits are undone: a full score.
        best = _Placement(best.spans, 100.0)
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
            and quote[tokens.ends[j] : tokens.starts[j + 1]] == "-"
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


def _candidate(index: SourceIndex, placement: _Placement) -> Candidate:
    return Candidate(index.starts[placement.first], index.ends[placement.last - 1], placement.score)


# --- Finding placements -------------------------------------------------------------------------


def _place(index: SourceIndex, tokens: QuoteTokens, codes: str, limit: int) -> list[_Placement]:
    if not index.word_count:
        return []
    pieces = tokens.pieces
    pivot = max(range(len(pieces)), key=lambda k: pieces[k][1] - pieces[k][0])
    pivot_codes = codes[slice(*pieces[pivot])]
    placements = []
    for lo, hi in _vote(index, pivot_codes, limit):
        spans: list[tuple[int, int]] = [(0, 0)] * len(pieces)
        spans[pivot], (turn_lo, turn_hi) = _align_in_turn(index, pivot_codes, lo, hi)
        for k in range(pivot + 1, len(pieces)):
            piece = codes[slice(*pieces[k])]
            after = spans[k - 1][1]
            window = min(turn_hi, after + GAP_LIMIT + 2 * len(piece))
            spans[k] = _align(index, piece, after, window)
        for k in range(pivot - 1, -1, -1):
            piece = codes[slice(*pieces[k])]
            before = spans[k + 1][0]
            window = max(turn_lo, before - GAP_LIMIT - 2 * len(piece))
            spans[k] = _align(index, piece, window, before, backwards=True)
        spans = [span for span in spans if span[1] > span[0]] or [spans[pivot]]
        placed = "".join(index.codes[s:e] for s, e in spans)
        placements.append(_Placement(tuple(spans), _similarity(codes, placed)))
    return placements


def _vote(index: SourceIndex, piece: str, limit: int) -> list[tuple[int, int]]:
    """Source word ranges where the piece's rarer words cluster, most promising first."""
    n, total = len(piece), index.word_count
    offsets: dict[str, list[int]] = {}
    for i, code in enumerate(piece):
        offsets.setdefault(code, []).append(i)
    anchors = _anchors(index, piece, offsets)
    if anchors is None:
        # Only very common words ("it is what it is"): one alignment over the whole source.
        found = fuzz.partial_ratio_alignment(piece, index.codes)
        return [(found.dest_start, found.dest_end)]
    if not anchors:
        return []

    events: list[tuple[int, str, float]] = []
    for gram, quote_offsets, positions in anchors:
        weight = math.log(1.0 + total / len(positions))
        for i in quote_offsets:
            events.extend((p - i, gram, weight) for p in positions)
    events.sort()

    # Slide a window of `width` diagonals; its score is the weight of distinct anchors inside.
    # The width is the quote's length, so a quote whose clauses are swapped still clusters.
    width = max(4, n)
    inside: Counter[str] = Counter()
    score = 0.0
    left = 0
    windows: list[tuple[float, int, int]] = []
    for diagonal, code, weight in events:
        if not inside[code]:
            score += weight
        inside[code] += 1
        while events[left][0] < diagonal - width:
            gone = events[left][1]
            inside[gone] -= 1
            if not inside[gone]:
                score -= events[left][2]
            left += 1
        windows.append((score, events[left][0], diagonal))
    windows.sort(key=lambda w: (-w[0], w[1]))

    chosen: list[tuple[int, int]] = []
    top = windows[0][0]
    slack = max(3, n // 4)
    for score, first, last in windows:
        if len(chosen) >= limit or score < top * 0.34:
            break
        lo, hi = max(0, first - slack), min(total, last + n + slack)
        if any(lo < c_hi and c_lo < hi for c_lo, c_hi in chosen):
            continue
        chosen.append((lo, hi))
    return chosen


def _anchors(
    index: SourceIndex, piece: str, offsets: dict[str, list[int]]
) -> list[tuple[str, list[int], list[int]]] | None:
    """The piece's anchors: (word or word pair, its offsets in the piece, its source positions).

    Rare words first; when the piece has too few, pairs of neighbouring words, which are far
    rarer than either word ("of the" aside). None when even that leaves only common words.
    """
    counts = index.counts
    present = sorted((counts[code], code) for code in offsets if code in counts)
    if not present:
        return []
    anchors = [
        (code, offsets[code], index.positions(code))
        for count, code in present[:_MAX_ANCHORS]
        if count <= _RARE
    ]
    events = sum(len(o) * len(p) for _, o, p in anchors)
    if len(anchors) < _ENOUGH_ANCHORS and len(piece) > 1:
        pairs: dict[str, list[int]] = {}
        for i in range(len(piece) - 1):
            pair = piece[i : i + 2]
            if pair[0] in counts and pair[1] in counts and counts[pair[0]] > _RARE:
                pairs.setdefault(pair, []).append(i)
        total = index.word_count
        ranked = sorted(pairs, key=lambda pair: counts[pair[0]] * counts[pair[1]] / total)
        for pair in ranked:
            if len(anchors) >= _ENOUGH_ANCHORS:
                break
            positions = index.pair_positions(pair)
            if positions and len(positions) <= _COMMON_PAIR:
                anchors.append((pair, pairs[pair], positions))
                events += len(pairs[pair]) * len(positions)
    for count, code in present:
        # Too few anchors still: take the commonest words too, within a budget.
        if len(anchors) >= _MIN_ANCHORS or count <= _RARE:
            continue
        events += count * len(offsets[code])
        if events > _EVENT_CEILING:
            return None
        anchors.append((code, offsets[code], index.positions(code)))
    return anchors


def _align_in_turn(
    index: SourceIndex, piece: str, lo: int, hi: int
) -> tuple[tuple[int, int], tuple[int, int]]:
    """Like _align, but the passage stays inside one speaker's turn of a transcript: a quote
    is one person's words. Returns the span and the turn."""
    start, end = _rough(index, piece, lo, hi)
    turn_lo, turn_hi = index.turn((start + end - 1) // 2)
    lo, hi = max(lo, turn_lo), min(hi, turn_hi)
    start, end = max(start, lo), min(end, hi)
    if end <= start:
        start, end = lo, min(hi, lo + len(piece))
    return _refine(index.codes, piece, start, end, lo, hi), (turn_lo, turn_hi)


def _align(
    index: SourceIndex, piece: str, lo: int, hi: int, *, backwards: bool = False
) -> tuple[int, int]:
    """The word range in [lo, hi) that best matches `piece` (nearest `hi` when backwards)."""
    if hi <= lo:
        return lo, lo
    start, end = _rough(index, piece, lo, hi, backwards=backwards)
    return _refine(index.codes, piece, start, end, lo, hi)


def _rough(
    index: SourceIndex, piece: str, lo: int, hi: int, *, backwards: bool = False
) -> tuple[int, int]:
    """rapidfuzz's best window of the piece's length in [lo, hi)."""
    region = index.codes[lo:hi]
    if len(region) <= len(piece):
        return lo, hi
    if backwards:
        found = fuzz.partial_ratio_alignment(piece[::-1], region[::-1])
        return hi - found.dest_end, hi - found.dest_start
    found = fuzz.partial_ratio_alignment(piece, region)
    return lo + found.dest_start, lo + found.dest_end


def _refine(codes: str, piece: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Sequence-wise best edges; if the words seem reordered, the span holding most of them."""
    start, end = _grow(codes, piece, start, end, lo, hi)
    if fuzz.ratio(piece, codes[start:end]) >= 90:
        return start, end
    available = Counter(codes[lo:hi]) & Counter(piece)
    if sum(available.values()) < 0.9 * len(piece):
        return start, end  # most words are not there in any order: not a reordering
    bag_start, bag_end = _grow_bag(codes, piece, start, end, lo, hi)
    if _similarity(piece, codes[bag_start:bag_end]) > _similarity(piece, codes[start:end]):
        return bag_start, bag_end
    return start, end


def _grow_bag(codes: str, piece: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Move each edge while the share of the piece's words (in any order) improves."""
    need = Counter(piece)
    size = len(piece)
    reach = max(4, size)

    def overlap(s: int, e: int) -> float:
        return 2.0 * sum((need & Counter(codes[s:e])).values()) / (size + e - s)

    best = overlap(start, end)
    for _ in range(4):
        moved = False
        for new_start in range(max(lo, start - reach), min(end - 1, start + reach) + 1):
            score = overlap(new_start, end)
            if score > best + 1e-9:
                best, start, moved = score, new_start, True
        for new_end in range(max(start + 1, end - reach), min(hi, end + reach) + 1):
            score = overlap(start, new_end)
            if score > best + 1e-9:
                best, end, moved = score, new_end, True
        if not moved:
            break
    return start, end


def _grow(codes: str, piece: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Move each edge while the word-level Indel ratio improves: take in omitted words, drop
    unmatched ones at the edges."""
    ratio = fuzz.ratio
    reach = max(4, len(piece) // 3)
    best = ratio(piece, codes[start:end])
    for _ in range(4):
        moved = False
        for new_start in range(max(lo, start - reach), min(end - 1, start + reach) + 1):
            score = ratio(piece, codes[new_start:end])
            if score > best + 1e-9:
                best, start, moved = score, new_start, True
        for new_end in range(max(start + 1, end - reach), min(hi, end + reach) + 1):
            score = ratio(piece, codes[start:new_end])
            if score > best + 1e-9:
                best, end, moved = score, new_end, True
        if not moved:
            break
    return start, end


def _similarity(quote: str, passage: str) -> float:
    """Word-level similarity 0–100; the same words in another order still score 90 × overlap."""
    sequence = fuzz.ratio(quote, passage)
    if sequence >= 100 or not passage:
        return sequence
    common = sum((Counter(quote) & Counter(passage)).values())
    bag = 200.0 * common / (len(quote) + len(passage))
    return max(sequence, 0.9 * bag) if bag >= 90 else sequence


def _rank(
    index: SourceIndex, placements: list[_Placement], speaker: str | None
) -> list[_Placement]:
    """Best first, overlapping duplicates dropped; on a tie the passage whose transcript label
    matches the article's speaker wins, then the earlier one."""

    def mismatched(placement: _Placement) -> bool:
        if not speaker or not index.layout.labelled:
            return False
        label = index.layout.speaker_at(index.starts[placement.first])
        return speaker_mismatch(speaker, label)

    ordered = sorted(placements, key=lambda p: (-round(p.score, 1), mismatched(p), p.first))
    kept: list[_Placement] = []
    for placement in ordered:
        if any(placement.first < k.last and k.first < placement.last for k in kept):
            continue
        kept.append(placement)
    return kept


def _complete_edges(
    index: SourceIndex, tokens: QuoteTokens, codes: str, placement: _Placement
) -> _Placement:
    """A changed first or last word leaves the edge word unmatched, so the passage stops short
    of it; take in that source word (not across a sentence end) so the diff shows a replace."""
    spans = list(placement.spans)
    first_lo, first_hi = tokens.pieces[0]
    start, end = spans[0]
    head = _opcodes(codes[first_lo:first_hi], index.codes[start:end])[0]
    missing = head[2] - head[1]
    if head[0] == "insert" and missing <= 2 and start - missing >= 0:
        gap = index.text[index.ends[start - missing] : index.starts[start]]
        if not _SENTENCE_END.search(gap):
            spans[0] = (start - missing, end)
    last_lo, last_hi = tokens.pieces[-1]
    start, end = spans[-1]
    tail = _opcodes(codes[last_lo:last_hi], index.codes[start:end])[-1]
    missing = tail[2] - tail[1]
    if tail[0] == "insert" and missing <= 2 and end + missing <= index.word_count:
        gap = index.text[index.ends[end - 1] : index.starts[end + missing - 1]]
        if not _SENTENCE_END.search(gap):
            spans[-1] = (start, end + missing)
    return _Placement(tuple(spans), placement.score)


# --- Comparing the quote with its passage -------------------------------------------------------


_CONTRACT_TAGS = {"equal": "equal", "replace": "replace", "delete": "insert", "insert": "delete"}


def _opcodes(quote: str, passage: str) -> list[tuple[str, int, int, int, int]]:
    """difflib's steps from quote to passage, named as in CONTRACT.md: `insert` is words only
    in the quote, `delete` words only in the source (difflib says it the other way round)."""
    return [
        (_CONTRACT_TAGS[tag], i1, i2, j1, j2)
        for tag, i1, i2, j1, j2 in SequenceMatcher(
            None, quote, passage, autojunk=False
        ).get_opcodes()
    ]


@dataclass
class _Report:
    diff: tuple[DiffOp, ...]
    elided: tuple[Elision, ...]
    changes: list[DiffOp]
    case_changes: list[tuple[str, str]]
    punctuation_changes: list[tuple[str, str]]
    reordered: bool

    @property
    def verdict(self) -> Verdict:
        if self.changes:
            return Verdict.ALTERED
        if self.elided or self.case_changes or self.punctuation_changes:
            return Verdict.NEAR_EXACT
        return Verdict.EXACT

    def reason(self, score: float) -> str:
        if self.changes:
            if self.reordered:
                return f"The same words in a different order (score {score:.1f})."
            described = [_describe(op) for op in self.changes[:3]]
            more = len(self.changes) - len(described)
            tail = f"; and {more} more change{'s' * (more > 1)}" if more > 0 else ""
            return f"A passage matches (score {score:.1f}) but words differ: " + (
                "; ".join(described) + tail + "."
            )
        notes = []
        if self.elided:
            words = sum(len(gap.text.split()) for gap in self.elided)
            notes.append(
                f"an ellipsis leaves out {words} word{'s' * (words != 1)} of the source"
                if len(self.elided) == 1
                else f"{len(self.elided)} ellipses leave out {words} words of the source"
            )
        if self.case_changes:
            quote_word, source_word = self.case_changes[0]
            notes.append(f"capitalisation differs ({quote_word!r} for {source_word!r})")
        if self.punctuation_changes:
            quote_mark, source_mark = self.punctuation_changes[0]
            notes.append(
                f"punctuation differs ({quote_mark or 'none'!r} for {source_mark or 'none'!r})"
            )
        if notes:
            return "The same words, but " + "; ".join(notes) + "."
        return "The same words as the source (quote marks, dashes, spacing and the ends aside)."


def _describe(op: DiffOp) -> str:
    if op.op == "replace":
        return f"the quote has {op.quote!r} where the source has {op.source!r}"
    if op.op == "insert":
        return f"the quote adds {op.quote!r}"
    return f"the quote leaves out {op.source!r}"


def _compare(index: SourceIndex, tokens: QuoteTokens, codes: str, placement: _Placement) -> _Report:
    text, starts, ends = index.text, index.starts, index.ends
    quote = tokens.text
    diff: list[DiffOp] = []
    changes: list[DiffOp] = []
    elided: list[Elision] = []
    # Aligned units (quote word range, source word range), in order; None where separators
    # cannot be compared (after a change, across an elision).
    units: list[tuple[int, int, int, int] | None] = []

    def quote_text(i1: int, i2: int) -> str:
        return quote[tokens.starts[i1] : tokens.ends[i2 - 1]] if i2 > i1 else ""

    def source_text(j1: int, j2: int) -> str:
        return text[starts[j1] : ends[j2 - 1]] if j2 > j1 else ""

    for number, ((q_lo, q_hi), (s_lo, s_hi)) in enumerate(
        zip(tokens.pieces, placement.spans, strict=False)
    ):
        if number:
            previous_end = placement.spans[number - 1][1]
            if s_lo > previous_end:
                gap_start, gap_end = ends[previous_end - 1], starts[s_lo]
                elided.append(Elision(gap_start, gap_end, text[gap_start:gap_end]))
                units.append(None)
        steps: list[list[Any]] = []
        for tag, i1, i2, j1, j2 in _opcodes(codes[q_lo:q_hi], index.codes[s_lo:s_hi]):
            i1, i2, j1, j2 = i1 + q_lo, i2 + q_lo, j1 + s_lo, j2 + s_lo
            if tag == "equal":
                units.extend((i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1))
            elif tag == "replace" and _same_letters(tokens, i1, i2, index, j1, j2):
                # "e-mail" / "email", "well-known" split over a line: same letters, other marks.
                units.append((i1, i2, j1, j2))
                tag = "equal"
            else:
                units.append(None)
            if steps and tag == "equal" and steps[-1][0] == "equal":
                steps[-1][2], steps[-1][4] = i2, j2
            else:
                steps.append([tag, i1, i2, j1, j2])
        for tag, i1, i2, j1, j2 in steps:
            op = DiffOp(tag, quote_text(i1, i2), source_text(j1, j2))
            diff.append(op)
            if tag != "equal":
                changes.append(op)

    case_changes: list[tuple[str, str]] = []
    punctuation_changes: list[tuple[str, str]] = []
    if not changes:
        _check_surfaces(index, tokens, units, case_changes, punctuation_changes)
    reordered = bool(changes) and Counter(codes) == Counter(
        "".join(index.codes[s:e] for s, e in placement.spans)
    )
    return _Report(
        tuple(diff), tuple(elided), changes, case_changes, punctuation_changes, reordered
    )


def _same_letters(
    tokens: QuoteTokens, i1: int, i2: int, index: SourceIndex, j1: int, j2: int
) -> bool:
    quote_letters = "".join(tokens.words[i1:i2]).replace("'", "")
    source_letters = "".join(
        normalize_word(index.text[index.starts[j] : index.ends[j]]) for j in range(j1, j2)
    ).replace("'", "")
    return quote_letters == source_letters


def _check_surfaces(
    index: SourceIndex,
    tokens: QuoteTokens,
    units: list[tuple[int, int, int, int] | None],
    case_changes: list[tuple[str, str]],
    punctuation_changes: list[tuple[str, str]],
) -> None:
    """Same words: does capitalisation or punctuation inside the quote differ from the source?
    The first letter of the quote (and of a piece after an ellipsis) may differ in case, and
    nothing before the first word or after the last is compared."""
    text, starts, ends = index.text, index.starts, index.ends
    quote = tokens.text
    piece_starts = {lo for lo, _ in tokens.pieces}
    previous: tuple[int, int, int, int] | None = None
    for unit in units:
        if unit is None:
            previous = None
            continue
        i1, i2, j1, j2 = unit
        quoted = quote[tokens.starts[i1] : tokens.ends[i2 - 1]]
        sourced = text[starts[j1] : ends[j2 - 1]]
        if i2 - i1 == 1 and j2 - j1 == 1:
            if surface_keep_hyphen(quoted) == surface_keep_hyphen(sourced):
                quoted = sourced = ""
            quoted, sourced = surface(quoted), surface(sourced)
            if i1 in piece_starts:
                quoted, sourced = (
                    quoted[:1].casefold() + quoted[1:],
                    sourced[:1].casefold() + sourced[1:],
                )
            if quoted != sourced:
                case_changes.append(
                    (quote[tokens.starts[i1] : tokens.ends[i1]], text[starts[j1] : ends[j1]])
                )
        else:
            quoted = "".join(surface_keep_hyphen(quoted).split()).casefold()
            sourced = "".join(surface_keep_hyphen(sourced).split()).casefold()
            if quoted != sourced:
                punctuation_changes.append(
                    (
                        quote[tokens.starts[i1] : tokens.ends[i2 - 1]],
                        text[starts[j1] : ends[j2 - 1]],
                    )
                )
        if previous is not None:
            quote_gap = quote[tokens.ends[previous[1] - 1] : tokens.starts[i1]]
            source_gap = index.spoken_text(ends[previous[3] - 1], starts[j1])
            if normalize_separator(quote_gap) != normalize_separator(source_gap):
                punctuation_changes.append((quote_gap.strip(), source_gap.strip()))
        previous = unit

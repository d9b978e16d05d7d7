"""Placing a quote in an indexed source: where its words cluster, aligned and ranked by score.

How: the quote's rarer words vote for where in the source it may start (a word at quote
position i found at source position p votes for p - i); the windows with the most distinct
votes are aligned word by word with rapidfuzz, their edges grown or trimmed to the best Indel
ratio, and scored. A quote with ellipses is cut into pieces: the longest is placed this way, the
others after or before it, in order, within GAP_LIMIT words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from workbench.matching.compare import opcodes
from workbench.matching.index import SourceIndex
from workbench.matching.normalize import QuoteTokens
from workbench.matching.transcript import speaker_mismatch

GAP_LIMIT = 400  # the most words one ellipsis may stand for
_RARE = 200  # a word this rare or rarer is an anchor by itself
_MAX_ANCHORS = 10
_ENOUGH_ANCHORS = 4  # fewer rare words than this: add word pairs
_COMMON_PAIR = 3000  # a word pair more frequent than this says little about where a quote is
_MIN_ANCHORS = 2
_EVENT_CEILING = 40_000  # past this, one whole-source alignment is cheaper than voting
_SENTENCE_END = re.compile(r"[.!?]")


@dataclass(frozen=True)
class Placement:
    spans: tuple[tuple[int, int], ...]  # [start, end) word ranges in the source, one per piece
    score: float

    @property
    def first(self) -> int:
        return self.spans[0][0]

    @property
    def last(self) -> int:
        return self.spans[-1][1]


def place(index: SourceIndex, tokens: QuoteTokens, codes: str, limit: int) -> list[Placement]:
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
        placements.append(Placement(tuple(spans), _similarity(codes, placed)))
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


def rank(index: SourceIndex, placements: list[Placement], speaker: str | None) -> list[Placement]:
    """Best first, overlapping duplicates dropped; on a tie the passage whose transcript label
    matches the article's speaker wins, then the earlier one."""

    def mismatched(placement: Placement) -> bool:
        if not speaker or not index.layout.labelled:
            return False
        label = index.layout.speaker_at(index.starts[placement.first])
        return speaker_mismatch(speaker, label)

    ordered = sorted(placements, key=lambda p: (-round(p.score, 1), mismatched(p), p.first))
    kept: list[Placement] = []
    for placement in ordered:
        if any(placement.first < k.last and k.first < placement.last for k in kept):
            continue
        kept.append(placement)
    return kept


def complete_edges(
    index: SourceIndex, tokens: QuoteTokens, codes: str, placement: Placement
) -> Placement:
    """A changed first or last word leaves the edge word unmatched, so the passage stops short
    of it; take in that source word (not across a sentence end) so the diff shows a replace."""
    spans = list(placement.spans)
    first_lo, first_hi = tokens.pieces[0]
    start, end = spans[0]
    head = opcodes(codes[first_lo:first_hi], index.codes[start:end])[0]
    missing = head[2] - head[1]
    if head[0] == "insert" and missing <= 2 and start - missing >= 0:
        gap = index.text[index.ends[start - missing] : index.starts[start]]
        if not _SENTENCE_END.search(gap):
            spans[0] = (start - missing, end)
    last_lo, last_hi = tokens.pieces[-1]
    start, end = spans[-1]
    tail = opcodes(codes[last_lo:last_hi], index.codes[start:end])[-1]
    missing = tail[2] - tail[1]
    if tail[0] == "insert" and missing <= 2 and end + missing <= index.word_count:
        gap = index.text[index.ends[end - 1] : index.starts[end + missing - 1]]
        if not _SENTENCE_END.search(gap):
            spans[-1] = (start, end + missing)
    return Placement(tuple(spans), placement.score)


# --- Comparing the quote with its passage -------------------------------------------------------

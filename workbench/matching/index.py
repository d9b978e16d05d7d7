"""The source index: a long text's words, normalised once, with their original spans.

Each distinct normalised word gets one code character, so the whole source becomes a string
with one character per word (`codes`). rapidfuzz then aligns quotes against it word by word at
C speed, and `str.find` locates a rare word's occurrences without a per-word Python index.
"""

from __future__ import annotations

import hashlib
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from itertools import accumulate

from workbench.matching.normalize import (
    SOFT_HYPHEN,
    TOKEN_PATTERN,
    TRANSLATION,
    normalize_words,
)
from workbench.matching.transcript import TranscriptLayout, blank_out, scan_transcript

# Code characters start above Latin-1 and skip the surrogate block; quote words the source
# never uses get codes counted down from the top of Unicode, so the two never collide.
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
_CHUNK = 1 << 20  # characters tokenised at a time: bounds the memory a 5 MB source needs

CACHE_SIZE = 8
# Position lists of words and word pairs are remembered per index, up to this many positions
# in all (some 35 MB), then forgotten together: common words cost memory, rare ones little.
_POSITIONS_KEPT = 1_000_000
_FEW = 300  # fewer occurrences than this: find them one by one
_FILTER_LIMIT = 2000  # a pair of words both commoner than this is searched for as a pair


def code_for_rank(rank: int) -> str:
    point = _FIRST_CODE + rank
    if point >= _SURROGATES.start:
        point += len(_SURROGATES)
    return chr(point)


class _Vocabulary(dict):
    def __missing__(self, word: str) -> str:
        code = code_for_rank(len(self))
        self[word] = code
        return code


@dataclass(frozen=True, eq=False)
class SourceIndex:
    """A source text prepared for locating quotes; build it with `index_source`."""

    text: str
    sha256: str
    codes: str  # one character per word
    starts: array  # original offsets of each word
    ends: array
    vocabulary: dict[str, str] = field(repr=False)  # normalised word -> code
    counts: Counter = field(repr=False)  # code -> occurrences
    layout: TranscriptLayout = field(repr=False)
    turn_starts: tuple[int, ...] = ()  # first word of each speaker's turn in a transcript
    _positions: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _positions_held: list[int] = field(default_factory=lambda: [0], repr=False)

    @property
    def word_count(self) -> int:
        return len(self.codes)

    def positions(self, code: str) -> list[int]:
        """Word positions of one code, found once and remembered."""
        found = self._positions.get(code)
        if found is None:
            found = self._remember(code, _occurrences(self.codes, code, self.counts[code]))
        return found

    def pair_positions(self, pair: str) -> list[int]:
        """Positions of two words in a row (a two-code string)."""
        found = self._positions.get(pair)
        if found is None:
            first, second = pair
            codes = self.codes
            if min(self.counts[first], self.counts[second]) > _FILTER_LIMIT:
                found = _occurrences(codes, pair, _FEW + 1)
            elif self.counts[first] <= self.counts[second]:
                last = len(codes) - 1
                found = [p for p in self.positions(first) if p < last and codes[p + 1] == second]
            else:
                found = [p - 1 for p in self.positions(second) if p and codes[p - 1] == first]
            found = self._remember(pair, found)
        return found

    def _remember(self, key: str, found: list[int]) -> list[int]:
        held = self._positions_held
        if held[0] + len(found) > _POSITIONS_KEPT:
            self._positions.clear()
            held[0] = 0
        self._positions[key] = found
        held[0] += len(found)
        return found

    @property
    def normalized_text(self) -> str:
        """The normalised words joined by spaces (for inspection; matching uses `codes`)."""
        words = {code: word for word, code in self.vocabulary.items()}
        return " ".join(words[code] for code in self.codes)

    def turn(self, word: int) -> tuple[int, int]:
        """The [first, last) words of the speaker turn holding `word` (the whole text if the
        source has no speaker labels)."""
        if not self.turn_starts:
            return 0, self.word_count
        k = bisect_right(self.turn_starts, word) - 1
        first = self.turn_starts[k] if k >= 0 else 0
        last = self.turn_starts[k + 1] if k + 1 < len(self.turn_starts) else self.word_count
        return first, last

    def spoken_text(self, start: int, end: int) -> str:
        """text[start:end] with labels, cue numbers and timings blanked (for separators)."""
        piece = self.text[start:end]
        blanked = self.layout.blanked
        if not blanked:
            return piece
        first = max(bisect_right(blanked, (start,)) - 1, 0)
        inside = []
        for low, high in blanked[first:]:
            if low >= end:
                break
            if high > start:
                inside.append((max(low, start) - start, min(high, end) - start))
        return blank_out(piece, tuple(inside))

    def span(self, first_word: int, last_word: int) -> tuple[int, int]:
        """Original offsets from the start of word `first_word` to the end of `last_word`."""
        return self.starts[first_word], self.ends[last_word]


def _occurrences(codes: str, needle: str, expected: int) -> list[int]:
    """Start of each (non-overlapping) occurrence of `needle`. A few: str.find in a loop. Many:
    in C, by accumulating the lengths of the pieces between occurrences."""
    step = len(needle)
    if expected <= _FEW:
        found = []
        position = codes.find(needle)
        while position >= 0:
            found.append(position)
            position = codes.find(needle, position + step)
        return found
    return list(accumulate(map(step.__add__, map(len, codes.split(needle))), initial=-step))[1:-1]


def _chunk_end(text: str, target: int) -> int:
    """A cut near `target` that no word crosses (not inside a hyphenated line break)."""
    length = len(text)
    position = target
    while position < length:
        position = min(
            (p for p in (text.find(" ", position), text.find("\n", position)) if p >= 0),
            default=length,
        )
        if position >= length:
            return length
        before = position - 1
        while before > 0 and text[before] in " \t\r\n":
            before -= 1
        if text[before] not in ("-", SOFT_HYPHEN):
            return position
        position += 1
    return length


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def build_index(text: str, *, sha256: str | None = None) -> SourceIndex:
    """Index `text` (uncached; prefer `index_source`)."""
    layout = scan_transcript(text)
    searchable = blank_out(text.translate(TRANSLATION), layout.blanked)
    vocabulary = _Vocabulary()
    lookup = vocabulary.__getitem__
    code_parts: list[str] = []
    starts = array("i")
    ends = array("i")
    base = 0
    while base < len(searchable):
        cut = _chunk_end(searchable, base + _CHUNK)
        parts = TOKEN_PATTERN.split(searchable[base:cut])
        offsets = list(accumulate(map(len, parts), initial=base))
        words = parts[1::2]
        starts.extend(offsets[1 : len(offsets) - 2 : 2])
        ends.extend(offsets[2 : len(offsets) - 1 : 2])
        code_parts.append("".join(map(lookup, normalize_words(words))))
        base = cut
    codes = "".join(code_parts)
    # A turn starts where the label changes: cue after cue by one voice is one turn.
    turn_starts: list[int] = []
    previous_label = None
    for offset, label in zip(layout.label_offsets, layout.labels, strict=True):
        if label != previous_label:
            turn_starts.append(bisect_left(starts, offset))
            previous_label = label
    return SourceIndex(
        text=text,
        sha256=sha256 or text_sha256(text),
        codes=codes,
        starts=starts,
        ends=ends,
        vocabulary=dict(vocabulary),
        counts=Counter(codes),
        layout=layout,
        turn_starts=tuple(turn_starts),
    )


_cache: OrderedDict[str, SourceIndex] = OrderedDict()
_cache_lock = threading.Lock()


def index_source(text: str) -> SourceIndex:
    """The index of `text`, built once and kept (a small LRU keyed by the text's SHA-256)."""
    key = text_sha256(text)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is not None:
            _cache.move_to_end(key)
            return cached
    index = build_index(text, sha256=key)
    with _cache_lock:
        _cache[key] = index
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return index

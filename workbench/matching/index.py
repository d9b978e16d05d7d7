"""The source index: a long text's words as one code character each, with their offsets.

Each distinct word key gets one code character, so the whole source becomes a string with one
character per word (`codes`). rapidfuzz then aligns quotes against it word by word at C speed,
and `str.find` locates a rare word's occurrences without a per-word Python index.

The text is read in chunks of about CHUNK characters and indexed in blocks of about BLOCK,
cut at spaces. Building keeps only each block's first character and first word; the offsets
of a block's words are worked out again from its text the first time a match needs them
(`starts`, `ends`), which keeps the build to a few C-speed passes over the text and a first
look at a passage to a fraction of a millisecond.
"""

from __future__ import annotations

import hashlib
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter, OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from operator import itemgetter

from workbench.matching.transcript import TranscriptLayout, blank_out, scan_transcript
from workbench.matching.words import HYPHENS, key_text, word_edges, word_keys

# Code characters are given in order of first use from U+0000, skipping the surrogate block;
# quote words the source never uses get codes counted down from the top of Unicode, so the
# two never collide. The commonest words come early, and codes below U+0100 are characters
# Python keeps ready-made, which makes counting the codes cheap.
_FIRST_CODE = 0
_SURROGATES = range(0xD800, 0xE000)
CHUNK = 1 << 15  # characters given to key_text at a time
BLOCK = 1 << 12  # characters a block holds: its words' offsets are found when first needed

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


def rank_of_code(code: str) -> int:
    point = ord(code)
    if point >= _SURROGATES.stop:
        point -= len(_SURROGATES)
    return point - _FIRST_CODE


class _Vocabulary(dict):
    def __missing__(self, word: str) -> str:
        point = _FIRST_CODE + len(self)
        code = chr(point if point < _SURROGATES.start else point + len(_SURROGATES))
        self[word] = code
        return code


@dataclass(frozen=True, eq=False)
class SourceIndex:
    """A source text prepared for locating quotes; build it with `index_source`."""

    text: str
    sha256: str
    codes: str  # one character per word
    vocabulary: dict[str, str] = field(repr=False)  # word key -> code
    counts: Counter = field(repr=False)  # code -> occurrences
    layout: TranscriptLayout = field(repr=False)
    block_starts: array = field(repr=False)  # first character of each block, then len(text)
    block_words: array = field(repr=False)  # first word of each block, then the word count
    _edges: dict[int, tuple[array, array]] = field(default_factory=dict, repr=False)
    _positions: dict[str, list[int]] = field(default_factory=dict, repr=False)
    _positions_held: list[int] = field(default_factory=lambda: [0], repr=False)

    def __post_init__(self) -> None:
        # A turn starts where the label changes: cue after cue by one voice is one turn.
        turns: list[int] = []
        previous_label = None
        for offset, label in zip(self.layout.label_offsets, self.layout.labels, strict=True):
            if label != previous_label:
                turns.append(offset)
                previous_label = label
        blanked = self.layout.blanked
        object.__setattr__(self, "turn_offsets", tuple(turns))
        object.__setattr__(self, "_blank_reach", blank_reach(blanked))
        object.__setattr__(self, "starts", WordEdges(self, 0))
        object.__setattr__(self, "ends", WordEdges(self, 1))

    turn_offsets: tuple[int, ...] = field(init=False, repr=False)  # where speaker turns start
    starts: WordEdges = field(init=False, repr=False)  # original offsets of each word's start
    ends: WordEdges = field(init=False, repr=False)  # ... and end
    _blank_reach: list[int] = field(init=False, repr=False)

    @property
    def word_count(self) -> int:
        return len(self.codes)

    @property
    def block_count(self) -> int:
        return len(self.block_starts) - 1

    def block_edges(self, block: int) -> tuple[array, array]:
        """The start and end offsets of one block's words (found once, then kept)."""
        found = self._edges.get(block)
        if found is None:
            low, high = self.block_starts[block], self.block_starts[block + 1]
            found = word_edges(
                block_keys(self.text, low, high, self.layout, self._blank_reach), low
            )
            expected = self.block_words[block + 1] - self.block_words[block]
            if len(found[0]) != expected:
                raise RuntimeError(
                    f"Block {block} of the index has {len(found[0])} words, not {expected}: "
                    "the index was not built from this text."
                )
            self._edges[block] = found
        return found

    def word_at(self, offset: int) -> int:
        """The first word that starts at or after character `offset`."""
        if not self.block_count:
            return 0
        block = min(max(bisect_right(self.block_starts, offset) - 1, 0), self.block_count - 1)
        return self.block_words[block] + bisect_left(self.block_edges(block)[0], offset)

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
        """The word keys joined by spaces (for inspection; matching uses `codes`)."""
        words = {code: word for word, code in self.vocabulary.items()}
        return " ".join(words[code] for code in self.codes)

    def turn(self, word: int) -> tuple[int, int]:
        """The [first, last) words of the speaker turn holding `word` (the whole text if the
        source has no speaker labels)."""
        turns = self.turn_offsets
        if not turns:
            return 0, self.word_count
        k = bisect_right(turns, self.starts[word]) - 1
        first = self.word_at(turns[k]) if k >= 0 else 0
        last = self.word_at(turns[k + 1]) if k + 1 < len(turns) else self.word_count
        return first, last

    def spoken_text(self, start: int, end: int) -> str:
        """text[start:end] with labels, cue numbers and timings blanked (for separators)."""
        piece = self.text[start:end]
        if not self.layout.blanked:
            return piece
        return blank_out(piece, blanked_within(self.layout, self._blank_reach, start, end))

    def span(self, first_word: int, last_word: int) -> tuple[int, int]:
        """Original offsets from the start of word `first_word` to the end of `last_word`."""
        return self.starts[first_word], self.ends[last_word]


class WordEdges(Sequence[int]):
    """The start (or end) offsets of an index's words, read a block at a time."""

    __slots__ = ("_index", "_side")

    def __init__(self, index: SourceIndex, side: int) -> None:
        self._index, self._side = index, side

    def __len__(self) -> int:
        return self._index.word_count

    def __getitem__(self, word):  # type: ignore[override]
        index = self._index
        if isinstance(word, slice):
            return [self[w] for w in range(*word.indices(index.word_count))]
        if word < 0:
            word += index.word_count
        if not 0 <= word < index.word_count:
            raise IndexError("word number out of range")
        block = bisect_right(index.block_words, word) - 1
        return index.block_edges(block)[self._side][word - index.block_words[block]]

    def __iter__(self) -> Iterator[int]:
        for block in range(self._index.block_count):
            yield from self._index.block_edges(block)[self._side]


def blank_reach(blanked: tuple[tuple[int, int], ...]) -> list[int]:
    """For each blanked range, the furthest end of it and the ranges before it."""
    return list(accumulate(map(itemgetter(1), blanked), max))


def blanked_within(
    layout: TranscriptLayout, reach: list[int], start: int, end: int
) -> tuple[tuple[int, int], ...]:
    """The layout's blanked ranges that fall in [start, end), relative to `start`. `reach[i]`
    is the furthest end of ranges 0..i (ranges are sorted by start and may overlap)."""
    ranges = layout.blanked
    inside = []
    for number in range(bisect_right(reach, start), len(ranges)):
        low, high = ranges[number]
        if low >= end:
            break
        if high > start:
            inside.append((max(low, start) - start, min(high, end) - start))
    return tuple(inside)


def block_keys(text: str, start: int, end: int, layout: TranscriptLayout, reach: list[int]) -> str:
    """The key text of one block: the same whether built whole or found again later."""
    return key_text(text[start:end], blanked_within(layout, reach, start, end))


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
    """A cut at or after `target` that no word crosses: a space or line break with no
    hyphen before it (a hyphen at a line end may join the words on either side)."""
    length = len(text)
    position = target
    while position < length:
        found = [p for p in (text.find(" ", position), text.find("\n", position)) if p >= 0]
        if not found:
            return length
        position = min(found)
        before = position - 1
        while before > 0 and text[before] in " \t\r\n":
            before -= 1
        if text[before] not in HYPHENS:
            return position
        position += 1
    return length


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def build_index(text: str, *, sha256: str | None = None) -> SourceIndex:
    """Index `text` (uncached; prefer `index_source`)."""
    layout = scan_transcript(text)
    reach = blank_reach(layout.blanked)
    vocabulary = _Vocabulary()
    lookup = vocabulary.__getitem__
    counts: Counter[str] = Counter()
    code_parts: list[str] = []
    block_starts = array("q", [0])
    block_words = array("q", [0])
    total = 0
    start = 0
    while start < len(text):
        end = _chunk_end(text, start + CHUNK)
        keys = block_keys(text, start, end, layout, reach)
        # The chunk's key text is cut into blocks at spaces; any space of a key text is a cut
        # that key_text of the two sides gives back unchanged (tests/matching checks it).
        low = 0
        while low < len(keys):
            high = keys.find(" ", low + BLOCK) if low + BLOCK < len(keys) else -1
            high = len(keys) if high < 0 else high
            codes = "".join(map(lookup, word_keys(keys[low:high])))
            counts.update(codes)
            code_parts.append(codes)
            total += len(codes)
            block_starts.append(start + high)
            block_words.append(total)
            low = high
        start = end
    return SourceIndex(
        text=text,
        sha256=sha256 or text_sha256(text),
        codes="".join(code_parts),
        vocabulary=dict(vocabulary),
        counts=counts,
        layout=layout,
        block_starts=block_starts,
        block_words=block_words,
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
    return remember(build_index(text, sha256=key))


def cached_index(text: str) -> SourceIndex | None:
    """The index of `text` if `index_source` has it ready, else None (nothing is built), so a
    caller with a stored index can load that instead of building."""
    with _cache_lock:
        return _cache.get(text_sha256(text))


def remember(index: SourceIndex) -> SourceIndex:
    """Keep `index` in the cache `index_source` reads (an index loaded from storage, say)."""
    with _cache_lock:
        _cache[index.sha256] = index
        _cache.move_to_end(index.sha256)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return index

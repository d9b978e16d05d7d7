"""Cut text into words at C speed: a same-length key text, each word's key and its offsets.

A *key text* is the text with every character that is not part of a word made a space and the
rest lower-cased, so that `str.split` finds the words and the offsets of a character are the
same in both. A word is letters and digits (rapidfuzz's `default_process` decides which, in
C); inside a word it keeps

- apostrophes of every style between two letters ("don’t" is one word, key "don't"),
- the separators of numbers between two digits ("3.5", "10,000", "12:30"),
- combining accents after a letter ("e" + U+0301 is "é"),
- line-end hyphenation ("infor-\\nmation") and invisible characters (soft hyphens, zero-width
  spaces and joiners, direction marks, variation selectors) as JOINER, which the key leaves out.

A word's key is then case-folded and NFKC-normalised ("ﬁnal" is "final", "Straße" "strasse"),
so words that look the same compare the same. The whole text is never translated character by
character: the few characters that need context are found with literal-prefix scans.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from itertools import accumulate, compress
from operator import add

from rapidfuzz.utils import default_process

from workbench.matching.transcript import blank_out

JOINER = "\x01"  # in a key text: a character inside a word that the word's key leaves out

APOSTROPHES = "'`‘’‚‛′´‹›＇"  # between two letters, all are the apostrophe of "don't"
MODIFIER_APOSTROPHE = "\u02bc"  # a letter to Unicode, an apostrophe to the reader
HYPHENS = "-\u2010\u2011\u00ad"  # followed by a line break inside a word: hyphenation
NUMBER_SEPARATORS = ".,:"
IGNORABLE = (
    "\u00ad\u034f\u061c\u17b4\u17b5\u180b\u180c\u180d\u180e\u180f"
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
)  # soft hyphen, zero-width characters, direction marks and variation selectors
LINE_SPACE = " \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"  # a regex class body

_SENTINEL = "a"  # default_process trims spaces at the ends; a letter there keeps the length
_IGNORABLE_SET = frozenset(IGNORABLE)
_NOT_BEFORE_MARKS = (" ", MODIFIER_APOSTROPHE)
_SOFT_HYPHENS = re.compile("\u00ad+")


@cache
def _marks_pattern() -> re.Pattern[str]:
    """Runs of combining marks and invisible characters. Built on first use (it reads the
    Unicode database, some 15 ms); the Basic Multilingual Plane only, as a class with ranges
    beyond it makes `re` test each character against every range."""
    points = {
        point for point in range(0x0300, 0x10000) if unicodedata.category(chr(point))[0] == "M"
    }
    points.update(map(ord, IGNORABLE))
    return re.compile(f"[{_ranges(sorted(points))}]+")


def _ranges(points: list[int]) -> str:
    """A regex character-class body for sorted code points, as ranges."""
    parts = []
    first = previous = points[0]
    for point in [*points[1:], -1]:
        if point == previous + 1:
            previous = point
            continue
        parts.append(re.escape(chr(first)))
        if previous > first:
            parts.append("-" + re.escape(chr(previous)))
        first = previous = point
    return "".join(parts)


@cache
def _literal_after_word(character: str, before: str, after: str) -> re.Pattern[str]:
    """`character` with `before` just before it and `after` just after it. The pattern starts
    with the literal, so `re` skips ahead to each occurrence at C speed."""
    return re.compile(f"{re.escape(character)}(?<={before}{re.escape(character)})(?={after})")


@cache
def _hyphenation_pattern(hyphen: str) -> re.Pattern[str]:
    return re.compile(f"{re.escape(hyphen)}[{LINE_SPACE}]*\\r?\\n[{LINE_SPACE}]*")


def key_text(text: str, blanked: Iterable[tuple[int, int]] = ()) -> str:
    """`text`, same length, with words lower-cased and everything else spaces (see above);
    the `blanked` ranges (speaker labels, cue timings) are spaces too."""
    if text.isascii():
        keys = blank_out(_lowered_words(text), tuple(blanked))
        patches = [*_apostrophes(text, keys), *_ascii_number_parts(text, keys)]
    else:
        # Apostrophes become MODIFIER_APOSTROPHE, a letter to default_process; those not
        # between two letters are made spaces again afterwards, with str.replace.
        marked = text
        for mark in APOSTROPHES:
            if mark in marked:
                marked = marked.replace(mark, MODIFIER_APOSTROPHE)
        keys = blank_out(_lowered_words(marked), tuple(blanked))
        western = _in_windows_1252(text)
        if not western:
            keys = _patched(keys, _inner_marks(text, keys, _marks_pattern()))
        elif "\u00ad" in text:
            keys = _patched(keys, _inner_marks(text, keys, _SOFT_HYPHENS))
        keys = _loose_apostrophes_dropped(keys)
        patches = list(_ascii_number_parts(text, keys) if western else _number_parts(text, keys))
    patches.extend(_hyphenations(text, keys))
    return _patched(keys, patches)


def _loose_apostrophes_dropped(keys: str) -> str:
    """Apostrophe letters that do not stand between two letters made spaces (quote marks),
    the others the ASCII apostrophe."""
    mark = MODIFIER_APOSTROPHE
    if mark not in keys:
        return keys
    double = mark + mark
    while double in keys:
        keys = keys.replace(double, "  ")
    keys = keys.replace(" " + mark, "  ").replace(mark + " ", "  ")
    if keys.startswith(mark):
        keys = " " + keys[1:]
    if keys.endswith(mark):
        keys = keys[:-1] + " "
    return keys.replace(mark, "'")  # the key text's apostrophe, as for ASCII text


def _lowered_words(text: str) -> str:
    processed = default_process(_SENTINEL + text + _SENTINEL)
    if len(processed) == len(text) + 2:
        return processed[1:-1]
    # Not expected: rapidfuzz changed how it processes. The same thing, character by character.
    return "".join(
        (ch.lower() if len(ch.lower()) == 1 else ch) if ch.isalnum() else " " for ch in text
    )


def _in_windows_1252(text: str) -> bool:
    """Whether `text` is all Latin-1 and Windows typography (’ “ — …), as most Western
    text is. Such text holds no combining marks, invisible characters other than the soft
    hyphen, or digits other than 0–9, so it needs no scan for them; one C-speed encode (that
    stops at the first other character) tells."""
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _inner_marks(text: str, keys: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, int, str]]:
    """Accents and invisible characters after a letter belong to its word: the accents stay
    (NFKC composes them with the letter), the invisible ones become JOINER. Not after an
    apostrophe: one at a word's end is a closing quote mark, not part of the word."""
    for run in pattern.finditer(text):
        start, end = run.span()
        if start and keys[start - 1] not in _NOT_BEFORE_MARKS:
            marks = run.group()
            yield start, end, "".join(JOINER if ch in _IGNORABLE_SET else ch for ch in marks)


def _hyphenations(text: str, keys: str) -> Iterator[tuple[int, int, str]]:
    last = len(text)
    for hyphen in HYPHENS:
        if hyphen not in text:
            continue
        for found in _hyphenation_pattern(hyphen).finditer(text):
            start, end = found.span()
            if start and end < last and keys[start - 1] != " " and keys[end] != " ":
                yield start, end, JOINER * (end - start)


def _apostrophes(text: str, keys: str) -> Iterator[tuple[int, int, str]]:
    last = len(text) - 1
    for mark in APOSTROPHES:
        if mark not in text:
            continue
        for found in _literal_after_word(mark, r"[^\W_]", r"[^\W_]").finditer(text):
            at = found.start()
            if 0 < at < last and keys[at - 1] != " " and keys[at + 1] != " ":
                yield at, at + 1, "'"


_NUMBER_CLASSES = bytes(
    ord("0") if chr(b).isdigit() else ord(".") if chr(b) in NUMBER_SEPARATORS else ord(" ")
    for b in range(256)
)


def _ascii_number_parts(text: str, keys: str) -> Iterator[tuple[int, int, str]]:
    """_number_parts for text whose only digits are 0–9, from a one-byte class per character
    (anything else is "?" to the ASCII encoder): digits are rare, so is "0.0"."""
    classes = text.encode("ascii", "replace").translate(_NUMBER_CLASSES)
    found = classes.find(b"0.0")
    while found >= 0:
        at = found + 1
        if keys[at - 1] != " " and keys[at + 1] != " ":  # not inside a blanked timing
            yield at, at + 1, text[at]
        found = classes.find(b"0.0", at)


def _number_parts(text: str, keys: str) -> Iterator[tuple[int, int, str]]:
    for separator in NUMBER_SEPARATORS:
        if separator not in text:
            continue
        for found in _literal_after_word(separator, r"\d", r"\d").finditer(text):
            at = found.start()
            if keys[at - 1] != " " and keys[at + 1] != " ":  # not inside a blanked timing
                yield at, at + 1, separator


def _patched(keys: str, patches: Iterable[tuple[int, int, str]]) -> str:
    pieces: list[str] = []
    position = 0
    for start, end, replacement in sorted(patches):
        if start < position:
            continue  # overlapping (an apostrophe inside a hyphenation): the first one stands
        pieces.append(keys[position:start])
        pieces.append(replacement)
        position = end
    if not pieces:
        return keys
    pieces.append(keys[position:])
    return "".join(pieces)


def word_keys(keys: str) -> list[str]:
    """The keys of the words of a key text, in order: case-folded, NFKC, JOINERs left out."""
    if JOINER in keys:
        keys = keys.replace(JOINER, "")
    if keys.isascii():
        return keys.split()
    folded = keys.casefold()
    if unicodedata.is_normalized("NFKC", folded):
        return folded.split()
    # Word by word: a few compatibility characters (Arabic ligatures) expand to several words.
    return unicodedata.normalize("NFKC", "\x00".join(folded.split())).split("\x00")


def word_key(word: str) -> str:
    """The key of one word as written ("Infor-\\nmation" → "information")."""
    return "".join(word_keys(key_text(word)))


def word_edges(keys: str, base: int = 0) -> tuple[array, array]:
    """Start and end offsets (plus `base`) of every word of a key text, in C-speed passes."""
    items = keys.split(" ")  # words, and an empty item for each further space in a row
    lengths = list(map(len, items))
    positions = accumulate(map((1).__add__, lengths), initial=base)  # where each item starts
    starts = array("i", compress(positions, items))
    ends = array("i", map(add, starts, filter(None, lengths)))
    return starts, ends


def word_spans(keys: str) -> Sequence[tuple[int, int]]:
    """(start, end) of each word of a short key text."""
    starts, ends = word_edges(keys)
    return list(zip(starts, ends, strict=True))

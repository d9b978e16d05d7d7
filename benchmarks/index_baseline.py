"""The source-index builder as it was before issue 16, kept only to be measured beside today's.

benchmarks/index_build.py times both in the same run. Not part of the product: nothing under
workbench/ imports it. Its tokenizer is the old one (a regex split over a translated copy of the
whole text), so its words can differ from today's on Unicode subtleties (issue 13).
"""

from __future__ import annotations

import hashlib
import re
import sys
from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.matching import transcript
from workbench.matching.transcript import (
    _ANY_TAG,
    _CUE_TIMING,
    _LABEL_COLON,
    _LABEL_LENGTH,
    _LINE_TIME,
    _VOICE_TAG,
    Cue,
    TranscriptLayout,
    _is_label_span,
    _is_labelled_transcript,
    blank_out,
)

# Today's label check remembers its answers; the old one did not.
_clean_label = getattr(transcript._clean_label, "__wrapped__", transcript._clean_label)

SOFT_HYPHEN = "\ua78f"
_SINGLE_QUOTES = "‘’‚‛′`´‹›"
_DOUBLE_QUOTES = "“”„‟«»″〝〞＂"
_HYPHENS = "\u2010\u2011"
_DASHES = "\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t\f\v"
)
TRANSLATION = str.maketrans(
    {
        **dict.fromkeys(map(ord, _SINGLE_QUOTES), "'"),
        **dict.fromkeys(map(ord, _DOUBLE_QUOTES), '"'),
        **dict.fromkeys(map(ord, _HYPHENS), "-"),
        **dict.fromkeys(map(ord, _DASHES), "—"),
        **dict.fromkeys(map(ord, _SPACES), " "),
        0xAD: SOFT_HYPHEN,
    }
)
_WORD = r"[^\W_]+(?:(?:'|(?<=\d)[.,:](?=\d))[^\W_]+)*"
TOKEN_PATTERN = re.compile(rf"({_WORD}(?:[-{SOFT_HYPHEN}][ \t]*\r?\n[ \t]*{_WORD})*)")
_HYPHENATION = re.compile(rf"[-{SOFT_HYPHEN}][ \t]*\r?\n[ \t]*|{SOFT_HYPHEN}")
_FIRST_CODE = 0x100
_SURROGATES = range(0xD800, 0xE000)
_CHUNK = 1 << 20


@dataclass(frozen=True, eq=False)
class OldIndex:
    text: str
    sha256: str
    codes: str
    starts: array
    ends: array
    vocabulary: dict[str, str] = field(repr=False)
    counts: Counter = field(repr=False)
    layout: TranscriptLayout = field(repr=False)
    turn_starts: tuple[int, ...] = ()


def normalize_words(words: list[str]) -> list[str]:
    if not words:
        return []
    joined = "\x00".join(words)
    if "\n" in joined or SOFT_HYPHEN in joined:
        joined = _HYPHENATION.sub("", joined)
    return joined.casefold().split("\x00")


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


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


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


def build_index(text: str) -> OldIndex:
    """Index `text` as the builder before issue 16 did."""
    layout = old_scan_transcript(text)
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
    return OldIndex(
        text=text,
        sha256=text_sha256(text),
        codes=codes,
        starts=starts,
        ends=ends,
        vocabulary=dict(vocabulary),
        counts=Counter(codes),
        layout=layout,
        turn_starts=tuple(turn_starts),
    )


def old_scan_transcript(text: str) -> TranscriptLayout:
    blanked: list[tuple[int, int]] = []
    cues: list[Cue] = []

    timings = list(_CUE_TIMING.finditer(text))
    if timings:
        if text.lstrip("\ufeff").startswith("WEBVTT"):
            header_end = text.find("\n\n")
            blanked.append((0, len(text) if header_end < 0 else header_end))
        for note in re.finditer(r"^(?:NOTE|STYLE|REGION)\b.*?(?=\n[ \t]*\n|\Z)", text, re.M | re.S):
            blanked.append(note.span())
        for number, timing in enumerate(timings):
            line_start = timing.start()
            # The line before a timing line (if any, and not blank) is the cue's identifier.
            previous_end = line_start - 1
            if previous_end > 0 and text[previous_end] == "\n":
                previous_start = text.rfind("\n", 0, previous_end) + 1
                if text[previous_start:previous_end].strip():
                    blanked.append((previous_start, previous_end))
            blanked.append(timing.span())
            body_start = timing.end() + 1
            limit = timings[number + 1].start() if number + 1 < len(timings) else len(text)
            gap = re.compile(r"\n[ \t]*\r?\n").search(text, body_start, limit)
            body_end = gap.start() if gap else limit
            if body_end > body_start:
                cues.append(Cue(body_start, body_end, timing.group(1), timing.group(2)))

    line_times: dict[int, int] = {}  # line start -> end of its leading time
    if not cues:
        stamps = list(_LINE_TIME.finditer(text))
        if len(stamps) >= 2:
            for number, stamp in enumerate(stamps):
                following = stamps[number + 1] if number + 1 < len(stamps) else None
                end_time = following.group(2) if following else stamp.group(2)
                cue_end = following.start() if following else len(text)
                cues.append(Cue(stamp.end(), cue_end, stamp.group(2), end_time))
                blanked.append(stamp.span())
                line_times[stamp.start()] = stamp.end()

    label_offsets: list[int] = []
    labels: list[str] = []
    if cues:
        for cue in cues:
            body = text[cue.start : cue.end]
            for tag in _ANY_TAG.finditer(body):
                voice = _VOICE_TAG.match(tag.group())
                if voice:
                    label_offsets.append(cue.start + tag.start())
                    labels.append(voice.group(1).strip())
                blanked.append((cue.start + tag.start(), cue.start + tag.end()))
    # A label is the text before the first colon of a line ("MS ADEYEMI: ..."). Looking at
    # each colon is much cheaper than trying a pattern at each of a long source's lines.
    previous_line = -1
    for colon in _LABEL_COLON.finditer(text):
        position = colon.start()
        line_start = text.rfind("\n", max(0, position - _LABEL_LENGTH - 1), position) + 1
        if line_start == 0 and position > _LABEL_LENGTH:
            continue
        if line_start == previous_line:
            continue  # only the first colon of a line
        previous_line = line_start
        head = text[line_times.get(line_start, line_start) : position]
        stripped = head.lstrip(" \t")
        if stripped.startswith("-"):
            stripped = stripped[1:].lstrip(" \t")
        if ":" in stripped:
            continue
        label = _clean_label(stripped.rstrip(" \t"))
        if label is not None:
            label_start = position - len(stripped)
            label_offsets.append(label_start)
            labels.append(label)
            blanked.append((label_start, position + 1))
    if not _is_labelled_transcript(labels):
        blanked = [span for span in blanked if not _is_label_span(span, label_offsets)]
        label_offsets, labels = [], []
    else:
        order = sorted(range(len(labels)), key=label_offsets.__getitem__)
        label_offsets = [label_offsets[i] for i in order]
        labels = [labels[i] for i in order]
    return TranscriptLayout(
        label_offsets=tuple(label_offsets),
        labels=tuple(labels),
        cues=tuple(cues),
        blanked=tuple(sorted(blanked)),
        _cue_starts=tuple(cue.start for cue in cues),
    )

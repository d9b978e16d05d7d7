"""Paragraphs and sentence boundaries of an article, as offsets into its text."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from workbench.extraction.lexicon import ABBREVIATIONS

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int


def split_paragraphs(text: str) -> list[Paragraph]:
    """Paragraphs without surrounding whitespace.

    Most articles put one paragraph on a line. Archive text and e-mail are hard-wrapped at
    a column, with blank lines between paragraphs; there a single newline is only a wrap.
    """
    if _looks_hard_wrapped(text):
        bounds = []
        position = 0
        for blank in _BLANK_LINE.finditer(text):
            bounds.append((position, blank.start()))
            position = blank.end()
        bounds.append((position, len(text)))
    else:
        bounds = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    paragraphs = []
    for start, end in bounds:
        chunk = text[start:end]
        stripped_start = start + (len(chunk) - len(chunk.lstrip()))
        stripped_end = start + len(chunk.rstrip())
        if stripped_end > stripped_start:
            paragraphs.append(Paragraph(stripped_start, stripped_end))
    return paragraphs


def _looks_hard_wrapped(text: str) -> bool:
    lines = [line.rstrip("\r") for line in text.split("\n")]
    long_lines = [line for line in lines if len(line.strip()) >= 20]
    if len(long_lines) < 4 or not _BLANK_LINE.search(text):
        return False
    longest = max(len(line) for line in long_lines)
    if longest > 110:
        return False
    # Wrapped text has several lines in a row inside one paragraph, all near the wrap column.
    continued = sum(
        1 for before, after in itertools.pairwise(lines) if before.strip() and after.strip()
    )
    return continued >= len(long_lines) // 3


_SENTENCE_END = re.compile(
    r"[.?!…]+(?:[”\"’'»›」』)\]]|'')*(?=\s+(?:[“\"‘'«‹„‚(\[「『]|``|'')?\s?[A-Z0-9])"
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")


def is_abbreviation_end(text: str, period: int) -> bool:
    """True when the period at `period` ends an abbreviation or an initial (Sen., U.S., J.)."""
    match = _WORD_BEFORE.search(text, max(0, period - 12), period + 1)
    if not match:
        return False
    word = match.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "John F. Kennedy"
    return word.lower() in ABBREVIATIONS or bool(re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word))


def sentence_ends(text: str, start: int, end: int) -> list[int]:
    """Offsets just past each sentence-ending punctuation run between start and end."""
    ends = []
    for match in _SENTENCE_END.finditer(text, start, end):
        punctuation_end = match.start() + len(match.group(0).rstrip("”\"’'»」)]"))
        if text[punctuation_end - 1] == "." and is_abbreviation_end(text, punctuation_end - 1):
            continue
        ends.append(match.end())
    return ends

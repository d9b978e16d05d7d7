"""Tell hard-wrapped text (wire or e-mail copy wrapped at ~72 columns) and read its wraps as spaces.

The stored text stays exactly as the file has it. ``unwrapped_view`` gives a second string of the
same length in which each newline that only wraps a line is a space, so the extraction engine
sees whole paragraphs while every offset it reports still points into the stored text.
"""

from __future__ import annotations

import itertools
import re

# Wrapped copy has lines this long at most (a paragraph per line is longer) and at least this
# long (shorter lines are verse, lists or a table of contents, not wrapped prose).
WIDEST_WRAP = 100
NARROWEST_WRAP = 30
# A line counts as wrapped when the next line's first word would not have fitted after it,
# allowing for this much slack (wrappers differ on whether the space counts).
FIT_SLACK = 2
# Share of lines followed by another line that must be wrapped for the text to be wrap-aligned.
WRAPPED_SHARE = 0.5
MIN_WRAPPED_LINES = 3
# Lines that open a new paragraph even right after a full line: a list item, a dateline dash,
# an indented first line, a quoted reply.
PARAGRAPH_OPENING = re.compile(r"[ \t]|[-*•–—>]\s|\d{1,3}[.)]\s")
FIRST_WORD = re.compile(r"\S+")


def unwrapped_view(text: str) -> str | None:
    """``text`` with its wrap newlines as spaces (same length), or None when it is not hard-wrapped."""
    lines = _lines(text)
    width = _wrap_width(lines)
    if width is None:
        return None
    wraps = [end for end, line, following in _pairs(text, lines) if _wraps(line, following, width)]
    candidates = sum(1 for _ in _pairs(text, lines))
    if len(wraps) < MIN_WRAPPED_LINES or len(wraps) < WRAPPED_SHARE * candidates:
        return None
    # Joined from slices: a list of characters would cost 8 bytes a character on a 19 MB file.
    pieces = []
    position = 0
    for newline in wraps:
        cut = newline - 1 if newline and text[newline - 1] == "\r" else newline  # CRLF: both go
        pieces.append(text[position:cut])
        pieces.append(" " * (newline + 1 - cut))
        position = newline + 1
    pieces.append(text[position:])
    return "".join(pieces)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line without its line break; end is the offset of the "\\n"."""
    bounds = []
    start = 0
    while True:
        end = text.find("\n", start)
        if end == -1:
            bounds.append((start, len(text)))
            return bounds
        bounds.append((start, end))
        start = end + 1


def _wrap_width(lines: list[tuple[int, int]]) -> int | None:
    lengths = sorted(end - start for start, end in lines if end > start)
    if len(lengths) < MIN_WRAPPED_LINES + 1:
        return None
    # The 90th percentile, so that one long URL or table row does not set the width.
    width = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    if not NARROWEST_WRAP <= width <= WIDEST_WRAP:
        return None
    return width


def _pairs(text: str, lines: list[tuple[int, int]]):
    """(newline offset, line, next line) for each line followed by a non-blank line."""
    for (start, end), (next_start, next_end) in itertools.pairwise(lines):
        line = text[start:end].rstrip("\r")
        following = text[next_start:next_end].rstrip("\r")
        if line.strip() and following.strip():
            yield end, line, following


def _wraps(line: str, following: str, width: int) -> bool:
    if PARAGRAPH_OPENING.match(following):
        return False
    first_word = FIRST_WORD.match(following)
    if first_word is None:
        return False
    return len(line.rstrip()) + 1 + len(first_word.group()) > width - FIT_SLACK

"""Find quotations: pair the quotation marks of every common convention, never apostrophes."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.extraction.text import Paragraph

# Two-character marks come first so that `` and '' are not read as two single marks.
_MARK = re.compile(r"``|''|[“”\"„«»‹›「」『』‘’‚']")

OPEN, CLOSE, EITHER = "open", "close", "either"
DOUBLE, SINGLE = "double", "single"

_ROLES = {
    "“": (DOUBLE, OPEN),
    "”": (DOUBLE, CLOSE),
    "„": (DOUBLE, OPEN),
    "«": (DOUBLE, OPEN),
    "»": (DOUBLE, CLOSE),
    "「": (DOUBLE, OPEN),
    "」": (DOUBLE, CLOSE),
    "『": (DOUBLE, OPEN),
    "』": (DOUBLE, CLOSE),
    "``": (DOUBLE, OPEN),
    "''": (DOUBLE, EITHER),
    '"': (DOUBLE, EITHER),
    "‘": (SINGLE, OPEN),
    "’": (SINGLE, CLOSE),
    "‚": (SINGLE, OPEN),
    "‹": (SINGLE, OPEN),
    "›": (SINGLE, CLOSE),
    "'": (SINGLE, EITHER),
}

# A German „ is closed by “; every other opener by its own partner or a neutral mark.
_CLOSERS_OF = {"„": '“”"', "‚": "‘’'", "«": "»", "‹": "›'’", "「": "」", "『": "』"}

# Conventions of the double family. A quotation of one convention holds quotations of another:
# « … “…” … » in French, "… “…” …" in a straight-quoted excerpt of curly-quoted text.
_STYLE = {"“": "curly", "”": "curly", '"': "straight", "«": "angle", "»": "angle", "„": "low"}
_STYLE |= {"``": "tex", "''": "tex", "「": "corner", "」": "corner", "『": "corner", "』": "corner"}

_OPENING_CONTEXT = set(" \t\n\r([{—–-/") | {"“", "‘", "«", "‹", "„", "‚", "「", "『"}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    char: str
    family: str
    role: str
    left_flanking: bool  # looks like an opener: space before, a word after
    right_flanking: bool  # looks like a closer: a word before, space or punctuation after


@dataclass(frozen=True)
class RawQuote:
    """Text inside a pair of quotation marks (marks excluded, whitespace trimmed)."""

    start: int
    end: int
    open_mark: int  # offset of the opening mark
    close_mark: int | None  # offset of the closing mark; None when it was never closed
    close_mark_end: int  # just past the closing mark, or the end of the text taken
    family: str
    paragraph: int  # index of the paragraph the quote opens in


def _flanking(text: str, start: int, end: int) -> tuple[bool, bool]:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    left = (before.isspace() or before in _OPENING_CONTEXT) and not after.isspace()
    right = not before.isspace() and (after.isspace() or not after.isalnum())
    return left, right


def _is_apostrophe(text: str, start: int, char: str) -> bool:
    """don’t, O’Neill, Smith’s, the ’90s, rock ’n’ roll: letters around, or a decade."""
    before = text[start - 1] if start > 0 else " "
    after = text[start + 1] if start + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    # '90s: a decade, not a quotation
    return char in "’'" and after.isdigit() and (before.isspace() or before in "(-—")


# Markup left in web text: <tweet author="@harbourgazette">, <a href="…">. Its marks quote nothing.
_ATTRIBUTE = re.compile(r"""[\w:-]+=(?:"[^"\n]*"|'[^'\n]*')""")


def find_marks(text: str, start: int, end: int) -> list[Mark]:
    marks = []
    markup = set()
    if text.find("=", start, end) != -1:
        for attribute in _ATTRIBUTE.finditer(text, start, end):
            markup.update((attribute.end() - 1, text.index("=", attribute.start()) + 1))
    for match in _MARK.finditer(text, start, end):
        if match.start() in markup:
            continue
        char = match.group(0)
        if char in "’'‘" and _is_apostrophe(text, match.start(), char):
            continue
        family, role = _ROLES[char]
        left, right = _flanking(text, match.start(), match.end())
        marks.append(Mark(match.start(), match.end(), char, family, role, left, right))
    return marks


def _can_close(mark: Mark, opener: Mark) -> bool:
    allowed = _CLOSERS_OF.get(opener.char)
    if allowed is not None:
        return mark.char in allowed or (mark.role == EITHER and mark.right_flanking)
    if mark.role == CLOSE:
        return True
    if mark.role == EITHER:
        return mark.right_flanking or not mark.left_flanking
    # An opening mark used where a closer belongs: “Hello,“ he said.
    return mark.right_flanking and not mark.left_flanking


def _nests(mark: Mark, opener: Mark) -> bool:
    """An opening mark of another convention inside a quotation opens a quotation within it."""
    if family_style(mark.char) == family_style(opener.char) or opener.char == "„":
        return False
    if mark.role == CLOSE or _can_close(mark, opener):
        return False
    return mark.left_flanking and not mark.right_flanking


def family_style(char: str) -> str:
    return _STYLE.get(char, char)


def _can_open(mark: Mark) -> bool:
    if mark.role == OPEN:
        return True
    if mark.role == EITHER:
        return mark.left_flanking or not mark.right_flanking
    # A closing mark used as an opener (”Hello”), as some styles do.
    return mark.left_flanking and not mark.right_flanking


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quotes(text: str, paragraphs: list[Paragraph]) -> list[RawQuote]:
    """Pair double-family marks across the article, then single ones outside them."""
    doubles = _pair_family(text, paragraphs, DOUBLE, blocked=[])
    singles = _pair_family(
        text, paragraphs, SINGLE, blocked=[(q.open_mark, q.close_mark_end) for q in doubles]
    )
    quotes = [q for q in doubles + singles if q.end > q.start and _has_words(text, q)]
    return sorted(quotes, key=lambda q: q.start)


def _has_words(text: str, quote: RawQuote) -> bool:
    return any(ch.isalnum() for ch in text[quote.start : quote.end])


def _pair_family(
    text: str, paragraphs: list[Paragraph], family: str, blocked: list[tuple[int, int]]
) -> list[RawQuote]:
    quotes: list[RawQuote] = []
    opener: Mark | None = None
    opened_in = 0
    blocked_iter = iter(blocked)
    block = next(blocked_iter, None)

    def inside_block(position: int) -> bool:
        nonlocal block
        while block is not None and block[1] <= position:
            block = next(blocked_iter, None)
        return block is not None and block[0] <= position < block[1]

    for index, paragraph in enumerate(paragraphs):
        marks = [
            m
            for m in find_marks(text, paragraph.start, paragraph.end)
            if m.family == family and not inside_block(m.start)
        ]
        if family == SINGLE:
            marks = _plausible_single_marks(text, marks)
        position_in_paragraph = 0
        nested: Mark | None = None
        if opener is not None:
            # A quotation continued from the last paragraph re-opens it with a repeated mark.
            if marks and marks[0].start == paragraph.start and _can_open(marks[0]):
                position_in_paragraph = 1
            else:
                quotes.append(_unclosed(text, opener, paragraphs[index - 1], opened_in))
                opener = None
        for mark in marks[position_in_paragraph:]:
            if opener is None:
                if _can_open(mark):
                    opener, opened_in = mark, index
                continue
            if nested is not None:
                if _can_close(mark, nested):
                    nested = None  # the inner quotation closed; the outer one goes on
                continue
            if _nests(mark, opener):
                nested = mark
                continue
            if _can_close(mark, opener):
                start, end = _trimmed(text, opener.end, mark.start)
                quotes.append(
                    RawQuote(start, end, opener.start, mark.start, mark.end, family, opened_in)
                )
                opener = None
            elif _can_open(mark):
                # The last quotation was never closed: it ends where the next one opens.
                start, end = _trimmed(text, opener.end, mark.start)
                quotes.append(
                    RawQuote(start, end, opener.start, None, mark.start, family, opened_in)
                )
                opener, opened_in = mark, index
        if opener is not None and not _continues(text, paragraphs, index, family):
            quotes.append(_unclosed(text, opener, paragraph, opened_in))
            opener = None
    return quotes


def _continues(text: str, paragraphs: list[Paragraph], index: int, family: str) -> bool:
    if index + 1 >= len(paragraphs):
        return False
    following = paragraphs[index + 1]
    marks = find_marks(text, following.start, min(following.end, following.start + 2))
    return bool(marks) and marks[0].start == following.start and marks[0].family == family


def _unclosed(text: str, opener: Mark, paragraph: Paragraph, opened_in: int) -> RawQuote:
    start, end = _trimmed(text, opener.end, paragraph.end)
    return RawQuote(start, end, opener.start, None, paragraph.end, opener.family, opened_in)


def _plausible_single_marks(text: str, marks: list[Mark]) -> list[Mark]:
    """Single marks outside double quotes quote only in headlines and British style.

    Keep an opener only when a closer follows in the same paragraph, so a stray
    possessive (the players’ union) never opens a quotation that runs to the end.
    """
    kept: list[Mark] = []
    pending: Mark | None = None
    for mark in marks:
        if pending is None:
            if mark.role != CLOSE and mark.left_flanking and not mark.right_flanking:
                pending = mark
            continue
        closes_pending = mark.char in _CLOSERS_OF.get(pending.char, "")  # ‚…‘ in German
        if mark.right_flanking and not mark.left_flanking and (mark.role != OPEN or closes_pending):
            kept.extend((pending, mark))
            pending = None
        elif mark.role != CLOSE and mark.left_flanking:
            pending = mark
    return kept

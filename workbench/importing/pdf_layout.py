"""Rebuild a typeset page's text from positioned words: columns, reading order and paragraphs.

The PDF reader gives words with their boxes; this module drops the running headers, footers,
page numbers and printer slugs that repeat from page to page, finds the columns, reads them in
order, and joins lines into paragraphs (line-end hyphenation undone), keeping each page's start.
Coordinates are PDF points with y growing upwards, as the PDF itself has them.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from workbench.importing.hyphenation import (
    Vocabulary,
    fold_ligatures,
    join_broken_line,
    joins_without_space,
)

# The strips at the top and bottom of a page where running heads, folios and slugs live (the
# page's first and last lines count too, wherever they are).
MARGIN_BAND = 0.12
# A strip of the page this wide (points) that no line crosses separates two columns.
MIN_GUTTER = 7.0
# A line this much further below the previous one than the usual leading starts a paragraph.
PARAGRAPH_GAP = 1.35
SENTENCE_END = re.compile(r"""[.!?:"”’')\]»]$""")
PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|página|pagina)\s*)?[-–—(\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,7})\s*[-–—)\]]?"
    r"(?:\s*(?:of|/|von|de|sur)\s*\d{1,4})?$",
    re.I,
)
PRINTER_SLUG = re.compile(
    r"\.(?:indd|qxd|qxp|pm\d|fm)\b|\b\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}", re.I
)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    baseline: float
    size: float


@dataclass
class Line:
    words: list[Word]
    column: int = 0  # -1: spans the columns (a headline over both)

    @property
    def text(self) -> str:
        pieces: list[str] = []
        for word in self.words:
            if pieces and not joins_without_space(pieces[-1], word.text):
                pieces.append(" ")
            pieces.append(word.text)
        return "".join(pieces)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def baseline(self) -> float:
        return statistics.median(word.baseline for word in self.words)

    @property
    def size(self) -> float:
        return statistics.median(word.size for word in self.words)


@dataclass
class Page:
    width: float
    height: float
    words: list[Word] = field(default_factory=list)


@dataclass(frozen=True)
class PagedText:
    text: str
    page_starts: tuple[int, ...]


def rebuild_text(pages: list[Page]) -> PagedText:
    """The document's text as paragraphs separated by a blank line, and where each page starts."""
    furniture = _repeated_furniture(pages)
    ordered = [_reading_order(page, furniture) for page in pages]
    vocabulary = Vocabulary.of_lines(line.text for lines in ordered for line, _ in lines)
    paragraphs: list[list[tuple[str, int]]] = []  # each: (line text, page index) pairs
    previous: tuple[Line, tuple[float, float], int] | None = None
    for page_index, lines in enumerate(ordered):
        leading = _typical_leading(lines)
        for line, bounds in lines:
            if previous is None or _starts_paragraph(previous, (line, bounds, page_index), leading):
                paragraphs.append([])
            paragraphs[-1].append((fold_ligatures(line.text), page_index))
            previous = (line, bounds, page_index)
    return _assemble(paragraphs, len(pages), vocabulary)


def _assemble(paragraphs, page_count: int, vocabulary: Vocabulary) -> PagedText:
    text = ""
    starts: list[int | None] = [None] * page_count
    for paragraph in paragraphs:
        if text:
            text += "\n\n"
        body = ""
        for line, page_index in paragraph:
            joined = join_broken_line(body, line, vocabulary)
            if starts[page_index] is None:
                # Where this line's own text begins inside the joined paragraph.
                starts[page_index] = len(text) + len(joined) - len(line)
            body = joined
        text += body
    filled: list[int] = []
    following = len(text)
    for start in reversed(starts):
        following = start if start is not None else following
        filled.append(following)
    filled.reverse()
    if filled:
        filled[0] = 0
    return PagedText(text, tuple(filled))


def _band(page: Page, baseline: float) -> str | None:
    if baseline > page.height * (1 - MARGIN_BAND):
        return "top"
    if baseline < page.height * MARGIN_BAND:
        return "bottom"
    return None


def _margin_pieces(page: Page) -> list[tuple[str, str, list[Word]]]:
    """Lines in the top and bottom strips, cut where a wide gap separates left, centre and right."""
    pieces = []
    lines = _group_lines(page.words)
    edges = {id(lines[0]): "top", id(lines[-1]): "bottom"} if len(lines) > 2 else {}
    for line in lines:
        band = _band(page, line.baseline) or edges.get(id(line))
        if band is None:
            continue
        current: list[Word] = []
        for word in line.words:
            if current and word.x0 - current[-1].x1 > 3 * max(word.size, 1.0):
                pieces.append((band, _shape(current), current))
                current = []
            current.append(word)
        if current:
            pieces.append((band, _shape(current), current))
    return pieces


def _shape(words: list[Word]) -> str:
    # Page numbers and dates change from page to page; the rest of a running head does not.
    return re.sub(r"\d+", "#", " ".join(word.text for word in words).lower())


def _repeated_furniture(pages: list[Page]) -> set[int]:
    """ids of the words that are running heads, folios or slugs."""
    per_page = [_margin_pieces(page) for page in pages]
    seen: Counter[tuple[str, str]] = Counter()
    for pieces in per_page:
        seen.update({(band, shape) for band, shape, _ in pieces})
    repeats = max(2, round(0.4 * len(pages)))
    furniture: set[int] = set()
    for pieces in per_page:
        for band, shape, words in pieces:
            text = " ".join(word.text for word in words)
            if (
                (len(pages) > 1 and seen[(band, shape)] >= repeats)
                or PAGE_NUMBER.match(text.strip())
                or PRINTER_SLUG.search(text)
            ):
                furniture.update(id(word) for word in words)
    return furniture


def _group_lines(words: list[Word]) -> list[Line]:
    """Words on one baseline as one line, top to bottom, each line left to right."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (-w.baseline, w.x0)):
        if lines and abs(lines[-1].words[-1].baseline - word.baseline) <= 0.35 * max(word.size, 1):
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def _columns(page: Page, lines: list[Line]) -> list[tuple[float, float]]:
    """The page's columns as (left, right), found from the vertical gutters no line crosses."""
    if not lines:
        return []
    left = min(line.x0 for line in lines)
    right = max(line.x1 for line in lines)
    bins = max(1, int(right - left) + 1)
    cover = [0] * bins
    for line in lines:
        for word in line.words:
            for x in range(int(word.x0 - left), min(bins, int(word.x1 - left) + 1)):
                cover[x] += 1
    allowed = max(1, len(lines) // 6)  # a title block, a headline or a wide table may cross it
    gutters = []
    x = 0
    while x < bins:
        if cover[x] <= allowed:
            start = x
            while x < bins and cover[x] <= allowed:
                x += 1
            if x - start >= MIN_GUTTER and start > 0 and x < bins:
                gutters.append((left + start, left + x))
        x += 1
    columns = []
    edge = left
    for gutter_start, gutter_end in gutters:
        columns.append((edge, gutter_start))
        edge = gutter_end
    columns.append((edge, right))
    # A "column" holding hardly any text is a stray label, not a column.
    wide = [c for c in columns if c[1] - c[0] > 0.12 * (right - left)]
    return wide if len(wide) == len(columns) else [(left, right)]


def _reading_order(page: Page, furniture: set[int]) -> list[tuple[Line, tuple[float, float]]]:
    """The page's body lines in reading order, each with the bounds of its column."""
    body = [word for word in page.words if id(word) not in furniture]
    whole = _group_lines(body)
    columns = _columns(page, whole)
    if len(columns) <= 1:
        bounds = _text_bounds(whole)
        return [(line, bounds) for line in whole]
    spanning: list[Line] = []
    per_column: list[list[Word]] = [[] for _ in columns]
    for line in whole:
        if _crosses(line, columns):
            spanning.append(line)
            continue
        for word in line.words:
            per_column[_column_of(word, columns)].append(word)
    column_lines = [_group_lines(words) for words in per_column]
    columns = [
        _text_bounds(lines) if lines else column
        for lines, column in zip(column_lines, columns, strict=True)
    ]
    full = (columns[0][0], columns[-1][1])
    ordered: list[tuple[Line, tuple[float, float]]] = []
    # Lines that span the columns (a headline, a table) cut the page into bands read one by one.
    limits = [line.baseline for line in spanning]
    upper = float("inf")
    for cut_index in range(len(spanning) + 1):
        lower = limits[cut_index] if cut_index < len(spanning) else float("-inf")
        for index, lines in enumerate(column_lines):
            ordered.extend(
                (line, columns[index]) for line in lines if lower < line.baseline < upper
            )
        if cut_index < len(spanning):
            ordered.append((spanning[cut_index], full))
        upper = lower
    return ordered


def _text_bounds(lines: list[Line]) -> tuple[float, float]:
    """Where a column's lines usually start and end: a headline or a wide table row sticking out
    does not move the right edge that tells a paragraph's short last line."""
    if not lines:
        return (0.0, 0.0)
    lefts = sorted(line.x0 for line in lines)
    rights = sorted(line.x1 for line in lines)
    if len(lines) < 5:
        return (lefts[0], rights[-1])
    return (lefts[len(lefts) // 10], rights[(len(rights) * 9) // 10])


def _crosses(line: Line, columns: list[tuple[float, float]]) -> bool:
    for (_, right), (next_left, _) in itertools.pairwise(columns):
        middle = (right + next_left) / 2
        if any(word.x0 < middle < word.x1 for word in line.words):
            return True
        before = [w for w in line.words if w.x1 <= middle]
        after = [w for w in line.words if w.x0 >= middle]
        # A word space that happens to fall in the gutter is much narrower than the gutter.
        if before and after and after[0].x0 - before[-1].x1 < 0.6 * (next_left - right):
            return True  # one run of words across the gutter
    return False


def _column_of(word: Word, columns: list[tuple[float, float]]) -> int:
    centre = (word.x0 + word.x1) / 2
    for index, (_, right) in enumerate(columns[:-1]):
        if centre < (right + columns[index + 1][0]) / 2:
            return index
    return len(columns) - 1


def _typical_leading(lines: list[tuple[Line, tuple[float, float]]]) -> float | None:
    gaps = []
    for (before, bounds), (after, after_bounds) in itertools.pairwise(lines):
        gap = before.baseline - after.baseline
        if bounds == after_bounds and 0 < gap < 2.5 * max(after.size, 1):
            gaps.append(gap)
    return statistics.median(gaps) if gaps else None


def _starts_paragraph(previous, current, leading: float | None) -> bool:
    before, before_bounds, before_page = previous
    line, bounds, page_index = current
    size = max(line.size, 1.0)
    if abs(before.size - line.size) > 0.15 * size:
        return True  # a heading, a caption or a footnote in another size
    indent = line.x0 - bounds[0]
    if indent > 0.8 * size and before.x0 - before_bounds[0] < 0.5 * size:
        return True  # an indented first line
    short = before.x1 < before_bounds[1] - max(
        3 * size, 0.15 * (before_bounds[1] - before_bounds[0])
    )
    if short and SENTENCE_END.search(before.text):
        return True
    if before.x1 < before_bounds[0] + 0.6 * (before_bounds[1] - before_bounds[0]) and not (
        before.text.endswith((",", "-"))
    ):
        return True  # a headline or a dateline on a line of its own
    if before_page != page_index or before_bounds != bounds:
        return False  # the paragraph runs on into the next column or page
    gap = before.baseline - line.baseline
    expected = leading if leading is not None else 1.2 * size
    return gap > PARAGRAPH_GAP * expected or gap < 0

"""The text and metadata one format reader pulls out of a document, before it becomes an Article."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ExtractedText:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None
    page_starts: tuple[int, ...] = ()  # a paged document: where each page begins in text
    notes: tuple[str, ...] = ()  # how the text was read, for the reviewer (tracked changes …)
    tracked_changes: int = 0


def clean_field(value: object) -> str | None:
    """A metadata value as one trimmed line, or None when the format left it blank."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


PARAGRAPH_BREAK = "\n\n"


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs separated by one blank line: the layout every extracted format shares."""
    return PARAGRAPH_BREAK.join(paragraph for paragraph in paragraphs if paragraph.strip())


def join_pages(pages: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    """Each page's paragraphs joined as one text, with the offset where each page begins.

    A page without text still gets its start (the offset of the next page's text), so page
    numbers keep counting the way the document prints them.
    """
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for paragraphs in pages:
        kept = [paragraph for paragraph in paragraphs if paragraph.strip()]
        if kept and parts:
            length += len(PARAGRAPH_BREAK)
        starts.append(length)
        if kept:
            page_text = PARAGRAPH_BREAK.join(kept)
            parts.append(page_text)
            length += len(page_text)
    return PARAGRAPH_BREAK.join(parts), tuple(starts)

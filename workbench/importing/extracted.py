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


def clean_field(value: object) -> str | None:
    """A metadata value as one trimmed line, or None when the format left it blank."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs separated by one blank line: the layout every extracted format shares."""
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph.strip())

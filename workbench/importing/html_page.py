"""Extract the article from a saved or fetched news page with trafilatura, dropping the boilerplate."""

from __future__ import annotations

import logging
import re

from workbench.errors import UserError
from workbench.importing.encodings import decode_text
from workbench.importing.extracted import ExtractedText, clean_field, join_paragraphs

# trafilatura and its helpers log their complaints about damaged input; with no logging configured Python would print
# them on stderr beside our one-sentence error. The app's own logging set-up still receives them.
for _library in ("trafilatura", "htmldate", "courlan"):
    logging.getLogger(_library).addHandler(logging.NullHandler())

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)

# trafilatura's output tree: these elements are paragraphs of their own.
LIST_TAGS = {"list"}
TABLE_TAGS = {"table"}


def extract_html(
    data: bytes, *, label: str, charset: str | None = None, url: str | None = None
) -> ExtractedText:
    """The page's main text, one paragraph per block separated by a blank line, and its metadata."""
    import trafilatura

    declared = charset or _meta_charset(data)
    markup = decode_text(data, label=label, declared_charset=declared)
    try:
        document = trafilatura.bare_extraction(
            markup,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
        )
    except (ValueError, TypeError, AttributeError) as error:  # lxml rejects some broken markup
        raise _no_article(label) from error
    body = getattr(document, "body", None)
    paragraphs = block_paragraphs(body) if body is not None else []
    if not any(paragraph.strip() for paragraph in paragraphs):
        raise _no_article(label)
    return ExtractedText(
        text=join_paragraphs(paragraphs),
        title=clean_field(document.title),
        author=clean_field(document.author),
        published=clean_field(document.date),
        outlet=clean_field(document.sitename),
    )


def block_paragraphs(body) -> list[str]:
    """Each block of trafilatura's tree as one paragraph: list items and table rows each their own."""
    paragraphs: list[str] = []
    for block in body:
        if block.tag in LIST_TAGS:
            paragraphs.extend(_inline_text(item) for item in block.iter("item"))
        elif block.tag in TABLE_TAGS:
            for row in block.iter("row"):
                cells = [_inline_text(cell) for cell in row.iter("cell")]
                paragraphs.append(" | ".join(cell for cell in cells if cell))
        else:
            paragraphs.append(_inline_text(block))
    return paragraphs


def _inline_text(element) -> str:
    """Text of an element with source line wraps collapsed; only an explicit <br> breaks a line."""
    pieces: list[str] = []

    def walk(node) -> None:
        if node.tag == "lb":
            pieces.append("\n")
        elif node.text:
            pieces.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _meta_charset(data: bytes) -> str | None:
    found = META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def _no_article(label: str) -> UserError:
    return UserError(
        f"{label} has no article text the workbench could find; "
        "save the article itself (or its print view) as HTML or text and import that."
    )

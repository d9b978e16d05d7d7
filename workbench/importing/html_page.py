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

# Elements of trafilatura's output tree that stand as paragraphs of their own.
# Stands for <br> while whitespace is collapsed; cannot occur in decoded page text.
LINE_BREAK = "\x00"
BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "table", "code", "div", "section"})


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


def block_paragraphs(container) -> list[str]:
    """Each block of trafilatura's tree as one paragraph: list items and table rows each their own."""
    paragraphs: list[str] = []
    for block in container:
        if block.tag == "table":
            paragraphs.extend(_table_rows(block))
        elif any(child.tag in BLOCK_TAGS for child in block):
            paragraphs.extend(_mixed_paragraphs(block))
        else:
            paragraphs.append(_inline_text(block))
    return paragraphs


def _mixed_paragraphs(block) -> list[str]:
    """A block holding blocks (a blockquote of paragraphs, a nested list): loose text between them
    forms paragraphs of its own."""
    paragraphs: list[str] = []
    loose = [block.text or ""]
    for child in block:
        if child.tag in BLOCK_TAGS:
            paragraphs.append(" ".join("".join(loose).split()))
            paragraphs.extend(block_paragraphs([child]))
            loose = []
        else:
            loose.append("".join(child.itertext()))
        loose.append(child.tail or "")
    paragraphs.append(" ".join("".join(loose).split()))
    return [paragraph for paragraph in paragraphs if paragraph]


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.iter("row"):
        cells = [" ".join(_mixed_paragraphs(cell)) for cell in row.iter("cell")]
        rows.append(" | ".join(cell for cell in cells if cell))
    return rows


def _inline_text(element) -> str:
    """Text of an element with source line wraps collapsed: only <br> breaks a line, and two of
    them in a row (pages that use them instead of paragraphs) start a new paragraph."""
    pieces: list[str] = []

    def walk(node) -> None:
        if node.tag == "lb":
            pieces.append(LINE_BREAK)
        elif node.text:
            pieces.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                pieces.append(child.tail)

    walk(element)
    lines = [" ".join(line.split()) for line in "".join(pieces).split(LINE_BREAK)]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _meta_charset(data: bytes) -> str | None:
    found = META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def _no_article(label: str) -> UserError:
    return UserError(
        f"{label} has no article text the workbench could find; "
        "save the article itself (or its print view) as HTML or text and import that."
    )

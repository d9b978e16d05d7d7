"""Read the text layer and document information of a PDF with pypdf, page by page."""

from __future__ import annotations

import io
import logging
import re

from workbench.errors import UserError
from workbench.importing.extracted import ExtractedText, clean_field, join_paragraphs

# pypdf logs its complaints about damaged input; with no logging configured Python would print
# them on stderr beside our one-sentence error. The app's own logging set-up still receives them.
logging.getLogger("pypdf").addHandler(logging.NullHandler())

SENTENCE_END = re.compile(r"""[.!?:;"”’')\]»]$""")

# A line this much shorter than the page's longest line ends its paragraph when it ends a
# sentence; a line shorter still (a headline, a dateline) ends its paragraph regardless.
SHORT_LINE = 0.85
VERY_SHORT_LINE = 0.6


def extract_pdf(data: bytes, *, label: str) -> ExtractedText:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise UserError(
                f"{label} is a password-protected PDF; "
                "save an unprotected copy (for example with Print to PDF) and import that."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        title = info.title if info else None
        author = info.author if info else None
        published = _creation_date(info)
    except UserError:
        raise
    except Exception as error:
        # pypdf reports damage with many exception types; to the user they mean the same thing.
        raise UserError(
            f"{label} is a damaged PDF that cannot be read; "
            "open it in a PDF viewer, save or print it to a new PDF and retry."
        ) from error
    paragraphs = [paragraph for page in pages for paragraph in page_paragraphs(page)]
    if not paragraphs:
        raise UserError(
            f"{label} has no text layer (it looks like a scan); "
            "run it through OCR first or import the article as text."
        )
    return ExtractedText(
        text=join_paragraphs(paragraphs),
        title=clean_field(title),
        author=clean_field(author),
        published=published,
    )


def page_paragraphs(page_text: str) -> list[str]:
    """Rejoin a page's lines into paragraphs; words and hyphens stay exactly as extracted."""
    lines = [" ".join(line.split()) for line in page_text.splitlines()]
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        # A line ending in a hyphen continues straight on: de-hyphenating is not ours to guess.
        current = current + line if current.endswith("-") or not current else f"{current} {line}"
        if _ends_paragraph(line, longest):
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return [paragraph for paragraph in paragraphs if paragraph]


def _ends_paragraph(line: str, longest: int) -> bool:
    if len(line) < VERY_SHORT_LINE * longest:
        return True
    return len(line) < SHORT_LINE * longest and bool(SENTENCE_END.search(line))


def _opens_without_password(reader) -> bool:
    # Many PDFs carry only an owner password (against editing) and open with an empty one.
    try:
        return bool(reader.decrypt(""))
    except Exception:  # pypdf raises when the cipher needs a library that is not installed
        return False


def _creation_date(info) -> str | None:
    if not info:
        return None
    try:
        created = info.creation_date
    except (ValueError, TypeError):  # a malformed date string in the document information
        return None
    return created.date().isoformat() if created else None

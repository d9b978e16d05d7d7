"""Turn a file, a URL, some bytes or pasted text into an Article whose text the offsets refer to."""

from __future__ import annotations

import os
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from workbench.domain import Article
from workbench.errors import UserError
from workbench.importing.encodings import decode_text
from workbench.importing.extracted import ExtractedText
from workbench.importing.formats import Format, detect_format
from workbench.importing.sizes import describe_size
from workbench.importing.streams import read_capped, require_regular_file
from workbench.importing.wrapping import unwrapped_view

MAX_ARTICLE_BYTES = 20 * 1024 * 1024

URL_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def load_article(source: str | os.PathLike[str], *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Import the article at a file path or an http(s) URL."""
    source = os.fspath(source)
    if URL_PREFIX.match(source):
        return _load_url(source, max_bytes=max_bytes)
    return article_from_bytes(_read_file(source, max_bytes=max_bytes), filename=source)


def article_from_text(text: str, *, title: str | None = None) -> Article:
    """An article from pasted text, stored exactly as pasted (less a stray leading BOM)."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise UserError("The pasted text is empty; paste the article text and try again.")
    return Article(
        text=text, title=title, media_type=Format.TEXT.value, unwrapped_text=unwrapped_view(text)
    )


def article_from_bytes(
    data: bytes,
    *,
    filename: str,
    media_type: str | None = None,
    origin: str | None = None,
    final_url: str | None = None,
) -> Article:
    """An article from a document's bytes; the format is told by content first, then by name.

    ``media_type`` may carry a charset parameter ("text/html; charset=iso-8859-1"), as an HTTP
    Content-Type does. ``origin`` (default: filename) names the document in messages and in the
    Article.
    """
    label = origin or filename
    if not data.strip():
        raise UserError(f"{label} is empty; choose a file that contains the article text.")
    document_format = detect_format(data, filename=filename, media_type=media_type)
    extracted = _extract(
        document_format, data, label=label, charset=_charset(media_type), url=origin
    )
    if not extracted.text.strip():
        raise UserError(f"{label} is empty; choose a file that contains the article text.")
    return Article(
        text=extracted.text,
        title=extracted.title,
        author=extracted.author,
        published=extracted.published,
        outlet=extracted.outlet,
        origin=label,
        media_type=document_format.value,
        raw=data,
        page_starts=extracted.page_starts,
        notes=extracted.notes,
        tracked_changes=extracted.tracked_changes,
        final_url=final_url,
        unwrapped_text=unwrapped_view(extracted.text) if document_format is Format.TEXT else None,
    )


def _extract(
    document_format: Format, data: bytes, *, label: str, charset: str | None, url: str | None
) -> ExtractedText:
    # Readers are imported on demand: trafilatura and PDFium cost time the CLI should not pay up front.
    if document_format is Format.PDF:
        from workbench.importing.pdf_document import extract_pdf

        return extract_pdf(data, label=label)
    if document_format is Format.DOCX:
        from workbench.importing.word_document import extract_docx

        return extract_docx(data, label=label)
    if document_format is Format.MHTML:
        from workbench.importing.html_page import extract_mhtml

        return extract_mhtml(data, label=label, url=url if url and URL_PREFIX.match(url) else None)
    if document_format is Format.HTML:
        from workbench.importing.html_page import extract_html

        web_url = url if url and URL_PREFIX.match(url) else None
        return extract_html(data, label=label, charset=charset, url=web_url)
    text = decode_text(data, label=label, declared_charset=charset)
    if document_format is Format.MARKDOWN:
        from workbench.importing.markdown_text import render_markdown

        return render_markdown(text)
    return ExtractedText(text=text, title=headline_of(text))


def headline_of(text: str) -> str | None:
    """A plain-text article's first line, when it reads as a headline rather than a sentence."""
    # Only the head is split: a 19 MB file need not become a million-line list for six lines.
    lines = [line.strip() for line in text[:4000].splitlines()[:6] if line.strip()]
    headlines = [line for line in lines[:2] if len(line) <= 160 and line[-1] not in ".,;:"]
    if not headlines or headlines[0] != lines[0]:
        return None
    # A one- or two-word kicker ("Diplomacy") above the headline is a section label.
    if len(headlines) == 2 and len(headlines[0].split()) <= 2 < len(headlines[1].split()):
        return headlines[1]
    return headlines[0]


def _read_file(path_text: str, *, max_bytes: int) -> bytes:
    path = Path(path_text)
    try:
        size = require_regular_file(path_text).st_size
        if path.is_dir():
            raise UserError(
                f"{path_text} is a folder, not a file; give the path of an article file."
            )
        if size > max_bytes:
            raise _too_large(path_text, size, max_bytes)
        with path.open("rb") as handle:
            # The file may grow between stat and read (a log still being written).
            data = read_capped(handle, max_bytes=max_bytes, label=path_text)
    except FileNotFoundError:
        raise UserError(f"Cannot find the file {path_text}; {_not_found_hint(path_text)}") from None
    except PermissionError:
        raise UserError(
            f"Permission denied reading {path_text}; check the file's permissions or copy it somewhere readable."
        ) from None
    except IsADirectoryError:
        raise UserError(
            f"{path_text} is a folder, not a file; give the path of an article file."
        ) from None
    except OSError as error:
        raise UserError(
            f"Cannot read {path_text}: {error.strerror or error}; check the file and retry."
        ) from None
    return data


def _not_found_hint(path_text: str) -> str:
    if re.match(r"^(www\.)?[\w-]+(\.[\w-]+)+(/|$)", path_text):
        return "if it is a web address, start it with https://."
    return "check the path and try again."


def _too_large(label: str, size: int, max_bytes: int) -> UserError:
    return UserError(
        f"{label} is {describe_size(size)}, over the {describe_size(max_bytes)} limit for an article; "
        "import only the article itself."
    )


def _load_url(url: str, *, max_bytes: int) -> Article:
    from workbench.importing.fetch import fetch_url

    resource = fetch_url(url, max_bytes=max_bytes)
    media_type = resource.content_type or None
    if media_type and resource.charset:
        media_type = f"{media_type}; charset={resource.charset}"
    name = PurePosixPath(urlsplit(resource.final_url).path).name or "download"
    return article_from_bytes(
        resource.data,
        filename=name,
        media_type=media_type,
        origin=resource.url,
        final_url=resource.final_url,
    )


def _charset(media_type: str | None) -> str | None:
    for parameter in (media_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None

"""Tell which kind of document some bytes are: content first (magic bytes), file name second."""

from __future__ import annotations

import io
import re
import zipfile
from enum import StrEnum
from pathlib import PurePosixPath

from workbench.errors import UserError
from workbench.importing.encodings import strip_bom
from workbench.importing.word_document import looks_like_word_package


class Format(StrEnum):
    TEXT = "text/plain"
    MARKDOWN = "text/markdown"
    HTML = "text/html"
    PDF = "application/pdf"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    MHTML = "multipart/related"  # a browser's "single file" web page (.mhtml)


EXTENSIONS = {
    ".txt": Format.TEXT,
    ".text": Format.TEXT,
    ".md": Format.MARKDOWN,
    ".markdown": Format.MARKDOWN,
    ".html": Format.HTML,
    ".htm": Format.HTML,
    ".xhtml": Format.HTML,
    ".pdf": Format.PDF,
    ".docx": Format.DOCX,
    ".mhtml": Format.MHTML,
    ".mht": Format.MHTML,
}

MEDIA_TYPES = {
    "text/plain": Format.TEXT,
    "text/markdown": Format.MARKDOWN,
    "text/x-markdown": Format.MARKDOWN,
    "text/html": Format.HTML,
    "application/xhtml+xml": Format.HTML,
    "application/pdf": Format.PDF,
    Format.DOCX.value: Format.DOCX,
    "multipart/related": Format.MHTML,
    "message/rfc822": Format.MHTML,
}

# Formats people try to import that are certainly not articles, known by their first bytes
# (only signatures that no plain text could start with).
NOT_ARTICLES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"OggS", "an audio or video file"),
    (b"fLaC", "an audio file"),
    (b"\x1aE\xdf\xa3", "a video file"),
    (b"SQLite format 3\x00", "a database file"),
)

OLD_WORD_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# A comment may not contain "-->", so the comment loop cannot backtrack exponentially.
HTML_START = re.compile(
    rb"\s*(<\?xml[^>]*>\s*)?(<!--(?:[^-]|-(?!->))*-->\s*)*<(!doctype\s+html|html|head|body)\b",
    re.I | re.S,
)


# A saved "single file" page starts with mail headers and declares multipart/related.
MIME_HEADERS = re.compile(rb"\A(?:[A-Za-z][A-Za-z0-9-]*:[^\r\n]*\r?\n(?:[ \t][^\r\n]*\r?\n)*)+")
MULTIPART_RELATED = re.compile(rb"^content-type:\s*multipart/related", re.I | re.M)


def detect_format(data: bytes, *, filename: str, media_type: str | None = None) -> Format:
    """The document's format, or a UserError naming what it is when it is no article at all."""
    extension = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    declared = MEDIA_TYPES.get((media_type or "").split(";")[0].strip().lower())
    by_extension = EXTENSIONS.get(extension)
    # Servers send Markdown as text/plain; the .md name is the better witness then.
    if declared is Format.TEXT and by_extension is Format.MARKDOWN:
        declared = Format.MARKDOWN
    claimed = declared or by_extension
    if b"%PDF-" in data[:1024]:
        return Format.PDF
    if data.startswith(ZIP_MAGIC):
        return _zip_format(data, filename=filename, claimed=claimed)
    if data.startswith(OLD_WORD_MAGIC):
        raise UserError(
            f"{filename} is an old-style Word (.doc) or Office file; "
            "save it as .docx or PDF in your word processor and import that."
        )
    if data.startswith(b"{\\rtf"):
        raise UserError(
            f"{filename} is an RTF document; save it as .docx or plain text and import that."
        )
    if (data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"AVI ", b"WAVE")) or data[
        4:8
    ] == b"ftyp":
        raise _not_an_article(filename, "an image, audio or video file")
    for magic, description in NOT_ARTICLES:
        if data.startswith(magic):
            raise _not_an_article(filename, description)
    if claimed in (Format.PDF, Format.DOCX):
        kind = "PDF" if claimed is Format.PDF else "Word document"
        raise UserError(
            f"{filename} is not a valid {kind} (it may be damaged or only renamed); "
            "open it in its application and save it again."
        )
    body, _ = strip_bom(data)
    if MIME_HEADERS.match(body[:4096]) and MULTIPART_RELATED.search(body[:4096]):
        return Format.MHTML
    if HTML_START.match(_ascii_view(body[:4096])):
        return Format.HTML
    return claimed if claimed in (Format.MARKDOWN, Format.HTML) else Format.TEXT


def _ascii_view(head: bytes) -> bytes:
    # UTF-16 markup has a NUL beside every ASCII byte; dropping NULs lets one pattern match both.
    return head.replace(b"\x00", b"")


def _zip_format(data: bytes, *, filename: str, claimed: Format | None) -> Format:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            content_types = _small_member(archive, "[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, zipfile.LargeZipFile):
        if claimed is Format.DOCX:
            raise UserError(
                f"{filename} is a damaged Word document; "
                "open it in your word processor, save it again and retry."
            ) from None
        raise _not_an_article(filename, "a damaged ZIP archive") from None
    # Word finds its main part through the package's relationships, so a renamed one (and
    # Strict Open XML) is a Word document too; its content types say so.
    if "word/document.xml" in names or looks_like_word_package(content_types):
        return Format.DOCX
    if "mimetype" in names and "content.xml" in names:
        raise UserError(
            f"{filename} is an OpenDocument file; save it as .docx or PDF and import that."
        )
    raise _not_an_article(filename, "a ZIP archive")


def _small_member(archive: zipfile.ZipFile, name: str, limit: int = 1 << 20) -> bytes:
    """A small package member's first bytes (never more than ``limit``, however it inflates)."""
    if name not in archive.namelist():
        return b""
    with archive.open(name) as member:
        return member.read(limit)


def _not_an_article(filename: str, description: str) -> UserError:
    return UserError(
        f"{filename} is {description}, not an article; "
        "import the article as text, HTML, Markdown, DOCX or PDF."
    )

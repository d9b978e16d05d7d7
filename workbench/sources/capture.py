"""Capture a primary source as evidence: its original bytes, extracted text, SHA-256 and origin.

A file (txt, md, html, pdf, docx, or an .srt/.vtt transcript kept as written, timestamps and
all), a web address fetched with the importing fetcher (timeouts, size cap, limited redirects,
content type checked), or pasted text (an email, interview notes). Every failure is one
``UserError`` sentence raised before anything reaches the database.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from workbench.defaults import FETCH_TIMEOUT
from workbench.errors import UserError
from workbench.importing.fetch import ARTICLE_MEDIA_TYPES
from workbench.importing.sizes import describe_size
from workbench.vocabulary import utc_now

MAX_SOURCE_BYTES = 20 * 1024 * 1024
DEFAULT_TIMEOUT = FETCH_TIMEOUT  # seconds without an answer before a fetch gives up
PASTED = "pasted text"

URL_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
SUBTITLE_SUFFIXES = (".srt", ".vtt")
SUBTITLE_MEDIA_TYPES = {
    "text/vtt": ".vtt",
    "application/x-subrip": ".srt",
    "application/srt": ".srt",
    "text/srt": ".srt",
}
SOURCE_MEDIA_TYPES = (*ARTICLE_MEDIA_TYPES, *SUBTITLE_MEDIA_TYPES)


@dataclass(frozen=True)
class EvidenceSnapshot:
    """A primary source exactly as captured, ready to be stored (or compared with a stored one)."""

    origin: str  # an absolute file path, the URL as given, or "pasted text"
    kind: str  # "file", "url" or "paste"
    raw: bytes = field(repr=False)
    text: str = field(repr=False)
    media_type: str  # the format the text was extracted from (text/plain, text/vtt, …)
    captured_at: str  # UTC, ISO 8601
    title: str | None = None
    final_url: str | None = None
    http_status: int | None = None
    page_starts: tuple[int, ...] = ()  # where each page begins in text (a PDF); () if unpaged
    # The text's index for locating quotes (matching.stored), kept beside the snapshot when it
    # is stored; None: built when it is attached (``with_index`` builds it ahead, off the GUI).
    index_data: bytes | None = field(default=None, repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def with_index(snapshot: EvidenceSnapshot) -> EvidenceSnapshot:
    """The snapshot with its text's index built, ready to be stored beside it (slow for a long
    source: the window runs it on its work pool with the capture)."""
    if snapshot.index_data is not None:
        return snapshot
    from workbench.matching import index_source, index_to_bytes

    return replace(snapshot, index_data=index_to_bytes(index_source(snapshot.text)))


def is_web_address(location: str) -> bool:
    return bool(URL_PREFIX.match(location))


def capture(
    location: str | os.PathLike[str],
    *,
    stdin: bytes | None = None,
    title: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_SOURCE_BYTES,
) -> EvidenceSnapshot:
    """Capture a file path, an http(s) URL, or (``location`` "-") the given pasted bytes."""
    location = os.fspath(location)
    if location == "-":
        if stdin is None:
            raise UserError("Nothing was pasted: pipe the source text into standard input.")
        return capture_pasted(stdin, title=title, max_bytes=max_bytes)
    if is_web_address(location):
        return capture_url(location, title=title, timeout=timeout, max_bytes=max_bytes)
    return capture_file(location, title=title, max_bytes=max_bytes)


def capture_file(
    path_text: str, *, title: str | None = None, max_bytes: int = MAX_SOURCE_BYTES
) -> EvidenceSnapshot:
    path = Path(path_text).expanduser()
    data = _read_file(path_text, path, max_bytes=max_bytes)
    document = extract(data, filename=path_text, label=path_text)
    return EvidenceSnapshot(
        origin=str(path.resolve()),
        kind="file",
        raw=data,
        text=document.text,
        media_type=document.media_type,
        captured_at=utc_now(),
        title=title or document.title or path.name,
        page_starts=document.page_starts,
    )


def capture_url(
    url: str,
    *,
    title: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = MAX_SOURCE_BYTES,
) -> EvidenceSnapshot:
    from workbench.importing.fetch import fetch_url

    try:
        resource = fetch_url(
            url, max_bytes=max_bytes, timeout=timeout, accept_types=SOURCE_MEDIA_TYPES
        )
    except UserError as error:
        raise source_error(error) from error
    url = resource.url  # as given, less any user name and password: it is stored and exported
    name = PurePosixPath(urlsplit(resource.final_url).path).name or "download"
    subtitle_suffix = SUBTITLE_MEDIA_TYPES.get(resource.content_type)
    if subtitle_suffix and not name.lower().endswith(SUBTITLE_SUFFIXES):
        name += subtitle_suffix
    media_type = resource.content_type or None
    if media_type and resource.charset:
        media_type = f"{media_type}; charset={resource.charset}"
    document = extract(
        resource.data, filename=name, label=url, declared_type=media_type, url=resource.final_url
    )
    return EvidenceSnapshot(
        origin=url,
        kind="url",
        raw=resource.data,
        text=document.text,
        media_type=document.media_type,
        captured_at=utc_now(),
        title=title or document.title,
        final_url=resource.final_url,
        http_status=resource.status,
        page_starts=document.page_starts,
    )


def capture_pasted(
    data: bytes | str, *, title: str | None = None, max_bytes: int = MAX_SOURCE_BYTES
) -> EvidenceSnapshot:
    """Pasted text (an email, interview notes) is kept as plain text, exactly as pasted."""
    from workbench.importing.encodings import decode_text

    raw = data.encode("utf-8") if isinstance(data, str) else data
    if len(raw) > max_bytes:
        raise UserError(
            f"The pasted text is {describe_size(len(raw))}, over the "
            f"{describe_size(max_bytes)} limit for a source; save it to a file and trim it."
        )
    if not raw.strip():
        raise UserError("The pasted text is empty; paste the source's text and try again.")
    try:
        text = decode_text(raw, label="The pasted text")
    except UserError as error:
        raise source_error(error) from error
    if not text.strip():
        raise UserError("The pasted text is empty; paste the source's text and try again.")
    return EvidenceSnapshot(
        origin=PASTED,
        kind="paste",
        raw=raw,
        text=text,
        media_type="text/plain",
        captured_at=utc_now(),
        title=title or _first_line(text),
    )


# The importing package words its sentences for articles; a primary source is attached, not
# imported, so its failures say so.
_SOURCE_WORDING = (
    ("import the article as text", "attach the source as text"),
    ("not an article or document", "not a document"),
    ("not an article", "not a document with text"),
    ("the article text", "the source's text"),
    ("save the article itself (or its print view) as HTML or text and import that",
     "save the page (or its print view) as HTML or text and attach that"),
    ("and import that instead", "and attach that instead"),
    ("and import that", "and attach that"),
)  # fmt: skip


def source_error(error: UserError) -> UserError:
    message = str(error)
    for article_words, source_words in _SOURCE_WORDING:
        message = message.replace(article_words, source_words)
    return UserError(message)


@dataclass(frozen=True)
class ExtractedSource:
    """A source document's text as stored, with what the format told about it."""

    text: str
    media_type: str
    title: str | None = None
    page_starts: tuple[int, ...] = ()  # a PDF: where each page begins in text


def extract(
    data: bytes,
    *,
    filename: str,
    label: str,
    declared_type: str | None = None,
    url: str | None = None,
) -> ExtractedSource:
    """A document's text, media type, title and page starts; subtitles stay as written."""
    try:
        return _extract(data, filename=filename, label=label, declared_type=declared_type, url=url)
    except UserError as error:
        raise source_error(error) from error


def _extract(
    data: bytes, *, filename: str, label: str, declared_type: str | None, url: str | None
) -> ExtractedSource:
    if not data.strip():
        raise UserError(f"{label} is empty; choose a file that contains the source's text.")
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower()
    if suffix in SUBTITLE_SUFFIXES:
        text = _decode_subtitles(data, label=label, declared_type=declared_type)
        media_type = "text/vtt" if suffix == ".vtt" else "application/x-subrip"
        return ExtractedSource(text, media_type)
    from workbench.importing import article_from_bytes

    article = article_from_bytes(
        data, filename=filename, media_type=declared_type, origin=url or label
    )
    if article.text.strip() and _no_words(article.text):
        raise UserError(
            f"{label} has no words in it to match quotes against; "
            f"choose the document that holds the source's text."
        )
    return ExtractedSource(article.text, article.media_type, article.title, article.page_starts)


def _decode_subtitles(data: bytes, *, label: str, declared_type: str | None) -> str:
    from workbench.importing.encodings import decode_text
    from workbench.importing.formats import NOT_ARTICLES

    for magic, description in NOT_ARTICLES:
        if data.startswith(magic):
            raise UserError(
                f"{label} is {description}, not a transcript; "
                "give the .srt or .vtt subtitle file itself."
            )
    charset = None
    for parameter in (declared_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    text = decode_text(data, label=label, declared_charset=charset)
    if not text.strip():
        raise UserError(f"{label} is empty; choose a file that contains the source's text.")
    return text


def _no_words(text: str) -> bool:
    return re.search(r"[^\W\d_]", text) is None


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            return line if len(line) <= 80 else line[:79] + "…"
    return None


def _read_file(path_text: str, path: Path, *, max_bytes: int) -> bytes:
    from workbench.importing.streams import require_regular_file

    try:
        require_regular_file(str(path))  # a FIFO or device would block or never end
        if path.is_dir():
            raise UserError(f"{path_text} is a folder, not a file; give the path of the source.")
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(path_text, size, max_bytes)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        hint = (
            "if it is a web address, start it with https://."
            if re.match(r"^(www\.)?[\w-]+(\.[\w-]+)+(/|$)", path_text)
            else "check the path and try again."
        )
        raise UserError(f"Cannot find the file {path_text}; {hint}") from None
    except PermissionError:
        raise UserError(
            f"Permission denied reading {path_text}; check the file's permissions."
        ) from None
    except OSError as error:
        raise UserError(f"Cannot read {path_text}: {error.strerror or error}.") from None
    if len(data) > max_bytes:
        raise _too_large(path_text, len(data), max_bytes)
    return data


def _too_large(label: str, size: int, max_bytes: int) -> UserError:
    return UserError(
        f"{label} is {describe_size(size)}, over the {describe_size(max_bytes)} limit for a "
        f"primary source; split it or keep only the part the article quotes."
    )

"""Read a PDF's text layer as the page reads: PDFium's words, rebuilt into columns and paragraphs.

PDFium (pypdfium2) was chosen by measurement (benchmarks/documents.py): it keeps the words of
justified and letter-spaced lines whole where pypdf splits them, and it is the fastest of the
candidates. pdf_layout turns its positioned words into paragraphs with page boundaries.
"""

from __future__ import annotations

import ctypes
import datetime
import logging
import re
import time
import unicodedata

from workbench.errors import UserError
from workbench.importing.extracted import ExtractedText, clean_field
from workbench.importing.pdf_layout import Page, Word, rebuild_text

# PDFium reports through return codes, but pypdfium2 logs a few warnings of its own; with no
# logging configured Python would print them beside our one-sentence error.
logging.getLogger("pypdfium2").addHandler(logging.NullHandler())

SENTENCE_END = re.compile(r"""[.!?:;"”’')\]»]$""")
# A line this much shorter than the page's longest line ends its paragraph when it ends a
# sentence; a line shorter still (a headline, a dateline) ends its paragraph regardless.
SHORT_LINE = 0.85
VERY_SHORT_LINE = 0.6

# Limits that keep one hostile PDF from taking the machine: pages, characters and time.
MAX_PAGES = 3000
MAX_CHARACTERS = 5_000_000
MAX_SECONDS = 120.0

# A text layer with less than this many letters a page is a scan with a stray label or two.
MIN_LETTERS_PER_PAGE = 40
# Shares of characters that tell a broken font map: symbols, private-use codes, controls.
MAX_JUNK_SHARE = 0.05
MIN_LETTER_SHARE = 0.55
MIN_VOWEL_WORD_SHARE = 0.6
VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœ")

PDFIUM_HYPHENS = frozenset("\x02\ufffe")
PDFIUM_PASSWORD_ERROR = 4
PDFIUM_SECURITY_ERROR = 6


def extract_pdf(
    data: bytes, *, label: str, max_seconds: float = MAX_SECONDS, max_pages: int = MAX_PAGES
) -> ExtractedText:
    import pypdfium2 as pdfium

    deadline = time.monotonic() + max_seconds
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        raise _open_error(label, error) from error
    try:
        page_count = len(document)
        if page_count > max_pages:
            raise UserError(
                f"{label} has {page_count} pages, over the {max_pages}-page limit for a document; "
                "import only the pages the article or source needs."
            )
        pages = [_read_page(document, index, label=label) for index in range(page_count)]
        _check_size_and_time(pages, label=label, deadline=deadline, max_seconds=max_seconds)
        metadata = document.get_metadata_dict(skip_empty=True)
    except UserError:
        raise
    except Exception as error:
        # PDFium reports damage in many ways; to the user they all mean the same thing.
        raise _damaged(label) from error
    finally:
        document.close()
    _check_text_layer(pages, label=label)
    rebuilt = rebuild_text(pages)
    if time.monotonic() > deadline:
        raise _too_slow(label, max_seconds)
    if not rebuilt.text.strip():
        raise _scan(label)
    return ExtractedText(
        text=rebuilt.text,
        title=clean_field(metadata.get("Title")),
        author=clean_field(metadata.get("Author")),
        published=_creation_date(metadata.get("CreationDate")),
        page_starts=rebuilt.page_starts,
    )


def _read_page(document, index: int, *, label: str) -> Page:
    import pypdfium2.raw as raw

    page = document[index]
    try:
        width, height = page.get_size()
        textpage = page.get_textpage()
        try:
            words = _page_words(raw, textpage.raw, label=label)
        finally:
            textpage.close()
    finally:
        page.close()
    return Page(width=width, height=height, words=words)


def _page_words(raw, textpage, *, label: str) -> list[Word]:
    """PDFium's characters grouped into words at its spaces and line breaks, with their boxes."""
    count = raw.FPDFText_CountChars(textpage)
    if count > MAX_CHARACTERS:
        raise _too_much_text(label)
    box = raw.FS_RECTF()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    words: list[Word] = []
    chars: list[str] = []
    x0 = x1 = baseline = size = 0.0

    def flush() -> None:
        if chars:
            words.append(Word("".join(chars), x0, x1, baseline, size))
            chars.clear()

    for index in range(count):
        char = chr(raw.FPDFText_GetUnicode(textpage, index))
        if char.isspace() or char == "\x00":
            flush()
            continue
        if raw.FPDFText_IsGenerated(textpage, index):
            continue
        raw.FPDFText_GetLooseCharBox(textpage, index, box)
        raw.FPDFText_GetCharOrigin(textpage, index, origin_x, origin_y)
        if char in PDFIUM_HYPHENS:
            # PDFium's mark for a hyphen it takes for a line-end one; its box can be empty.
            char = "-"
            if chars and box.right <= box.left:
                chars.append(char)
                continue
        char_size = raw.FPDFText_GetFontSize(textpage, index) or (box.top - box.bottom)
        if chars and (
            abs(origin_y.value - baseline) > 0.5 * max(char_size, 1.0)
            # A ligature's letters share one box; only a jump back of more than a glyph or two
            # (the next column drawn on the same baseline) starts a new word.
            or box.left < x1 - 2.0 * max(char_size, 1.0)
            or box.left - x1 > 1.0 * max(char_size, 1.0)  # a column gutter, never a letter gap
        ):
            flush()
        if not chars:
            x0, baseline, size = box.left, origin_y.value, char_size
        x1 = max(box.right, box.left)
        chars.append(char)
    flush()
    return words


def _check_size_and_time(pages, *, label: str, deadline: float, max_seconds: float) -> None:
    characters = sum(len(word.text) + 1 for page in pages for word in page.words)
    if characters > MAX_CHARACTERS:
        raise _too_much_text(label)
    if time.monotonic() > deadline:
        raise _too_slow(label, max_seconds)


def _check_text_layer(pages: list[Page], *, label: str) -> None:
    text = "".join(word.text for page in pages for word in page.words)
    letters = sum(1 for char in text if char.isalpha())
    if letters < MIN_LETTERS_PER_PAGE * max(len(pages), 1) and letters < 400:
        raise _scan(label)
    junk = sum(1 for char in text if _is_junk(char))
    words = [word.text for page in pages for word in page.words]
    latin_words = [
        word.lower() for word in words if len(word) >= 3 and word.isalpha() and word.isascii()
    ]
    with_vowels = sum(1 for word in latin_words if VOWELS.intersection(word))
    garbled = (
        junk > MAX_JUNK_SHARE * len(text)
        or letters < MIN_LETTER_SHARE * len(text)
        or (len(latin_words) > 50 and with_vowels < MIN_VOWEL_WORD_SHARE * len(latin_words))
    )
    if garbled:
        raise UserError(
            f"{label} has a broken text layer (its fonts map to the wrong characters, so the text "
            "comes out as gibberish); run it through OCR, or ask for a copy saved with embedded "
            "fonts, or import the article as text."
        )


def _is_junk(char: str) -> bool:
    category = unicodedata.category(char)
    return (
        category in ("Co", "Cs", "Cn", "So", "Sm", "Sk")
        or (category == "Cc" and char not in "\x02")
        or char in "\ufffd\ufffe\uffff"
    ) and char not in "°±×÷©®™€£$¥§¶"


def page_paragraphs(page_text: str) -> list[str]:
    """Rejoin a page's lines (plain extracted text, no positions) into paragraphs.

    Used where only text is at hand (the benchmark's text-only extractors): a line ending in a
    hyphen continues straight on, the hyphen kept or undone as hyphenation.py decides.
    """
    from workbench.importing.hyphenation import Vocabulary, join_broken_line

    lines = [" ".join(line.split()) for line in page_text.splitlines()]
    vocabulary = Vocabulary.of_lines(lines)
    longest = max((len(line) for line in lines), default=0)
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        current = join_broken_line(current, line, vocabulary)
        if _ends_paragraph(line, longest):
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return [paragraph for paragraph in paragraphs if paragraph]


def _ends_paragraph(line: str, longest: int) -> bool:
    if len(line) < VERY_SHORT_LINE * longest:
        return True
    return len(line) < SHORT_LINE * longest and bool(SENTENCE_END.search(line))


def _open_error(label: str, error) -> UserError:
    code = getattr(error, "err_code", None)
    if code == PDFIUM_PASSWORD_ERROR:
        return UserError(
            f"{label} is a password-protected PDF that needs a password to open; open it with the "
            "password, save an unprotected copy (for example with Print to PDF) and import that."
        )
    if code == PDFIUM_SECURITY_ERROR:
        return UserError(
            f"{label} is protected with an encryption the workbench cannot open; "
            "save an unprotected copy (for example with Print to PDF) and import that."
        )
    return _damaged(label)


def _damaged(label: str) -> UserError:
    return UserError(
        f"{label} is a damaged PDF that cannot be read; "
        "open it in a PDF viewer, save or print it to a new PDF and retry."
    )


def _scan(label: str) -> UserError:
    return UserError(
        f"{label} has no text layer (it looks like a scan or a picture of pages); "
        "run it through OCR first, or import the article as text."
    )


def _too_much_text(label: str) -> UserError:
    return UserError(
        f"{label} holds more than {MAX_CHARACTERS:,} characters of text, over the limit for a "
        "document; import only the part the article or source needs."
    )


def _too_slow(label: str, max_seconds: float) -> UserError:
    return UserError(
        f"Reading {label} took longer than the {max_seconds:g}-second limit for a document; "
        "import only the pages you need (print them to a new PDF)."
    )


def _creation_date(value: str | None) -> str | None:
    """The date part of a PDF date ("D:20240314090000+00'00'"), ISO formatted."""
    found = re.match(r"^(?:D:)?(\d{4})(\d{2})?(\d{2})?", value or "")
    if not found:
        return None
    year, month, day = found.group(1), found.group(2), found.group(3)
    if not (month and day):
        return None
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None

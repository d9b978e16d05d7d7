"""Decode the bytes of a text file into str, guessing the encoding the way a careful reader would."""

from __future__ import annotations

import codecs
import re
import unicodedata

from workbench.errors import UserError

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do we: pages that
# declare latin-1 routinely contain cp1252 curly quotes in the 0x80-0x9F range.
CP1252_ALIASES = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii"}

# cp1252 leaves these five bytes undefined; a file containing them is not cp1252.
CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")

ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")

# Real text has hardly any control characters; binary data decoded as latin-1 has many.
MAX_CONTROL_SHARE = 0.01


def strip_bom(data: bytes) -> tuple[bytes, str | None]:
    """The data without its byte order mark, and the encoding that mark announces."""
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return data[len(mark) :], encoding
    return data, None


def decode_text(
    data: bytes, *, label: str, declared_charset: str | None = None, drop_nul: bool = False
) -> str:
    """Decode a text document; a leading BOM is removed, newlines are left exactly as they are.

    A body that is valid UTF-8 is read as UTF-8 whatever a charset declares (a wrong declaration
    is common; valid UTF-8 by accident is not). A declared charset that fails to decode yields
    to detection. A UTF-8 file with a few stray bytes from another code page keeps its UTF-8 and
    only those bytes are read as Windows-1252. ``drop_nul``: NUL bytes (which some web pages
    carry) are dropped rather than making the document binary.
    """
    body, bom_encoding = strip_bom(data)
    text = None
    if bom_encoding:
        text = _decode_or_none(body, bom_encoding)
        if text is None and bom_encoding == "utf-8":
            text = _mostly_utf8(body)
        # Should the mark lie about the encoding, the rest is judged without it.
        data = body
    utf16 = None if text is not None else _utf16_without_bom(data)
    if text is None and utf16:
        text = _decode_or_none(data, utf16)
    if text is None and drop_nul and b"\x00" in data:
        data = data.replace(b"\x00", b"")
    if text is None and b"\x00" not in data:
        text = _decode_or_none(data, "utf-8")
    if text is None and declared_charset:
        declared = _normalise_charset(declared_charset)
        if declared not in ("utf-8", "utf8"):  # strict UTF-8 has failed already
            text = _decode_or_none(data, declared)
    if text is None:
        if b"\x00" in data:
            raise _binary_error(label)
        text = _mostly_utf8(data)
    if text is None and declared_charset:
        text = _mostly_declared(data, _normalise_charset(declared_charset))
    if text is None:
        text = _decode_legacy(data)
    if _looks_binary(text):
        raise _binary_error(label)
    return text.removeprefix("\ufeff")


# A file is UTF-8 with stray bytes when its valid multi-byte characters outnumber the bytes that
# fail: Windows-1252 text forms a valid UTF-8 sequence only by rare accident ("Ã©").
STRAY_BYTE = re.compile("[\udc80-\udcff]")


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few bytes from another code page: those bytes read as Windows-1252."""
    text = data.decode("utf-8", errors="surrogateescape")
    strays = len(STRAY_BYTE.findall(text))
    if not strays:
        return text
    valid = sum(1 for char in text if ord(char) > 0x7F) - strays
    if valid < 1 or strays > valid:
        return None
    return STRAY_BYTE.sub(lambda m: _cp1252_byte(ord(m.group()) - 0xDC00), text)


# A declared code page is kept, its bad bytes replaced, while they are this rare.
MAX_BAD_SHARE = 0.002


def _mostly_declared(data: bytes, encoding: str) -> str | None:
    """The text in its declared code page with only the few bytes it cannot decode replaced."""
    try:
        text = data.decode(encoding, errors="replace")
    except LookupError:
        return None
    return text if text.count("\ufffd") <= MAX_BAD_SHARE * len(data) else None


def _cp1252_byte(byte: int) -> str:
    return "\ufffd" if byte in CP1252_UNDEFINED else bytes([byte]).decode("cp1252")


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _normalise_charset(charset: str) -> str:
    name = charset.strip().strip("\"'").lower()
    return "cp1252" if name in CP1252_ALIASES else name


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM shows itself in mostly-Latin text: every other byte is NUL."""
    sample = data[:8192]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    nuls_at_even = sample[0::2].count(0)
    nuls_at_odd = sample[1::2].count(0)
    if nuls_at_odd > 0.3 * half and nuls_at_even < 0.05 * half:
        return "utf-16-le"
    if nuls_at_even > 0.3 * half and nuls_at_odd < 0.05 * half:
        return "utf-16-be"
    return None


def _decode_legacy(data: bytes) -> str:
    """A non-UTF-8 file: a non-Latin code page when charset-normalizer is sure, else cp1252/latin-1."""
    non_latin_text = _decode_non_latin(data)
    if non_latin_text is not None:
        return non_latin_text
    # charset-normalizer cannot tell cp1252 from cp1250 or latin-1 in short English text, so
    # decide on the bytes: 0x80-0x9F are printable only in cp1252 (curly quotes, dashes).
    if CP1252_UNDEFINED.isdisjoint(data):
        return data.decode("cp1252")
    return data.decode("latin-1")


def _decode_non_latin(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    guess = _decode_or_none(data, best.encoding)
    if guess is None:
        return None
    letters = [char for char in guess if char.isalpha()]
    non_latin = sum(1 for char in letters if ord(char) > 0x24F)
    return guess if letters and non_latin / len(letters) > 0.5 else None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:100_000]
    controls = sum(
        1 for char in sample if char not in ALLOWED_CONTROLS and unicodedata.category(char) == "Cc"
    )
    return controls > MAX_CONTROL_SHARE * max(len(sample), 1)


def _binary_error(label: str) -> UserError:
    return UserError(
        f"{label} looks like a binary file, not text; "
        "import the article as text, HTML, Markdown, DOCX or PDF."
    )

"""How quotes and source words compare: the quote's words, their surfaces, the separators.

Matching compares words, not characters (`words` cuts text into them, for the source and the
quote alike). A word keeps its span in the original text; its key folds case, quote-mark and
apostrophe styles, Unicode forms (NFKC: ligatures, decomposed accents, full-width letters),
line-break hyphenation and invisible characters, so two words that look alike are the same
word. Everything between two words (punctuation, spacing, dashes) is a *separator*, compared
separately to tell an exact quotation from one whose punctuation differs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from workbench.matching.words import (
    APOSTROPHES,
    IGNORABLE,
    LINE_SPACE,
    MODIFIER_APOSTROPHE,
    key_text,
    word_key,
    word_keys,
    word_spans,
)

# Length-preserving, so offsets in the translated text are offsets in the original.
_DOUBLE_QUOTES = "“”„‟«»″〝〞＂"
_HYPHENS = "\u2010\u2011"
_DASHES = "\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
TRANSLATION = str.maketrans(
    {
        **dict.fromkeys(map(ord, APOSTROPHES + MODIFIER_APOSTROPHE), "'"),
        **dict.fromkeys(map(ord, _DOUBLE_QUOTES), '"'),
        **dict.fromkeys(map(ord, _HYPHENS), "-"),
        **dict.fromkeys(map(ord, _DASHES), "—"),
        **dict.fromkeys(map(ord, _SPACES), " "),
    }
)
_INVISIBLE = str.maketrans(dict.fromkeys(map(ord, IGNORABLE)))

# A hyphen (or soft hyphen) at a line end inside a word, and soft hyphens anywhere.
_HYPHENATION = re.compile(f"[-\u00ad][{LINE_SPACE}]*\\r?\\n[{LINE_SPACE}]*")
_KEPT_HYPHEN = re.compile(f"-[{LINE_SPACE}]*\\r?\\n[{LINE_SPACE}]*")
_SOFT_BREAK = re.compile(f"\u00ad[{LINE_SPACE}]*\\r?\\n[{LINE_SPACE}]*")

# "...", "…", ". . .", "[...]", "[…]", "(...)" — the quote is cut into pieces there.
ELLIPSIS_PATTERN = re.compile(r"[\[(]\s*(?:\.\s*\.\s*\.|…)\s*[\])]|\.\s?\.\s?\.|…")

_SEPARATOR_QUOTES = str.maketrans({"'": '"'})
_WHITESPACE = re.compile(r"\s+")
_DASH_RUN = re.compile(r"-{2,}")


def _plain(text: str) -> str:
    """Typographic variants unified, invisible characters dropped, NFKC."""
    text = text.translate(TRANSLATION).translate(_INVISIBLE)
    return text if text.isascii() else unicodedata.normalize("NFKC", text)


def normalize_word(word: str) -> str:
    """The key of a word as written in the text (its letters, case-folded)."""
    return word_key(word)


def surface(word: str) -> str:
    """A word as it reads: typographic variants, Unicode forms, invisible characters and
    line-break hyphenation undone, case kept."""
    return _plain(_HYPHENATION.sub("", word.translate(TRANSLATION)))


def surface_keep_hyphen(word: str) -> str:
    """Like surface(), but a hyphen broken over a line stays a hyphen ("well-\\nknown")."""
    kept = _KEPT_HYPHEN.sub("-", word.translate(TRANSLATION))
    return _plain(_SOFT_BREAK.sub("", kept))


def normalize_separator(separator: str) -> str:
    """Punctuation between two words, with quote-mark style, dashes and spacing made uniform."""
    text = _plain(separator).translate(TRANSLATION).translate(_SEPARATOR_QUOTES)
    text = _WHITESPACE.sub("", text.replace("…", "...").replace("—", "-"))
    return _DASH_RUN.sub("-", text)  # "--" typed for a dash


@dataclass(frozen=True)
class QuoteTokens:
    """A quote cut into words (with offsets into the quote) and into pieces at its ellipses."""

    text: str
    words: tuple[str, ...]  # normalised
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    pieces: tuple[tuple[int, int], ...]  # [lo, hi) word ranges between ellipses, none empty


def tokenize_quote(quote: str) -> QuoteTokens:
    keys = key_text(quote)
    spans = word_spans(keys)
    words = word_keys(keys)
    starts = [start for start, _ in spans]
    ends = [end for _, end in spans]
    cuts = [m.start() for m in ELLIPSIS_PATTERN.finditer(quote.translate(TRANSLATION))]
    pieces: list[tuple[int, int]] = []
    lo = 0
    for cut in cuts:
        hi = lo
        while hi < len(starts) and starts[hi] < cut:
            hi += 1
        if hi > lo:
            pieces.append((lo, hi))
        lo = hi
    if lo < len(starts):
        pieces.append((lo, len(starts)))
    return QuoteTokens(quote, tuple(words), tuple(starts), tuple(ends), tuple(pieces))

"""One tokenizer for sources and quotes: normalised words that keep their original offsets.

Matching compares words, not characters. A word is found in the original text and keeps its
span there; its normalised form has quote marks and apostrophes unified, line-break
hyphenation ("infor-\\nmation") and soft hyphens removed, and case folded. Everything between
two words (punctuation, spacing, dashes) is a *separator*, compared separately to tell an
exact quotation from one whose punctuation differs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A soft hyphen (U+00AD) is not a word character for `re`; it is translated to an obscure
# letter (U+A78F) so that "pro\u00adgramme" stays one word, then dropped when normalised.
SOFT_HYPHEN = "\ua78f"

# Length-preserving, so offsets in the translated text are offsets in the original.
_SINGLE_QUOTES = "‘’‚‛′`´‹›"
_DOUBLE_QUOTES = "“”„‟«»″〝〞＂"
_HYPHENS = "\u2010\u2011"
_DASHES = "\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"
TRANSLATION = str.maketrans(
    {
        **dict.fromkeys(map(ord, _SINGLE_QUOTES), "'"),
        **dict.fromkeys(map(ord, _DOUBLE_QUOTES), '"'),
        **dict.fromkeys(map(ord, _HYPHENS), "-"),
        **dict.fromkeys(map(ord, _DASHES), "—"),
        **dict.fromkeys(map(ord, _SPACES), " "),
        0xAD: SOFT_HYPHEN,
    }
)

_WORD = r"[^\W_]+(?:(?:'|(?<=\d)[.,:](?=\d))[^\W_]+)*"
# A word is letters and digits, with inner apostrophes ("don't") and, between digits, the
# separators of numbers ("3.5", "10,000": "3.5" and "35" are different words). It may go on
# after a hyphen at a line end: PDF hyphenation, joined when normalised.
TOKEN_PATTERN = re.compile(rf"({_WORD}(?:[-{SOFT_HYPHEN}][ \t]*\r?\n[ \t]*{_WORD})*)")
_HYPHENATION = re.compile(rf"[-{SOFT_HYPHEN}][ \t]*\r?\n[ \t]*|{SOFT_HYPHEN}")

# "...", "…", ". . .", "[...]", "[…]", "(...)" — the quote is cut into pieces there.
ELLIPSIS_PATTERN = re.compile(r"[\[(]\s*(?:\.\s*\.\s*\.|…)\s*[\])]|\.\s?\.\s?\.|…")

_SEPARATOR_QUOTES = str.maketrans({"'": '"'})
_WHITESPACE = re.compile(r"\s+")
_DASH_RUN = re.compile(r"-{2,}")


def normalize_words(words: list[str]) -> list[str]:
    """Normalised forms of translated word strings, in one pass over all of them."""
    if not words:
        return []
    joined = "\x00".join(words)
    if "\n" in joined or SOFT_HYPHEN in joined:
        joined = _HYPHENATION.sub("", joined)
    return joined.casefold().split("\x00")


def normalize_word(word: str) -> str:
    return normalize_words([word.translate(TRANSLATION)])[0]


def surface(word: str) -> str:
    """A word as written, with typographic variants and line-break hyphenation undone."""
    return _HYPHENATION.sub("", word.translate(TRANSLATION))


def surface_keep_hyphen(word: str) -> str:
    """Like surface(), but a hyphen broken over a line stays a hyphen ("well-\\nknown")."""
    return re.sub(r"-[ \t]*\r?\n[ \t]*", "-", word.translate(TRANSLATION)).replace(SOFT_HYPHEN, "")


def normalize_separator(separator: str) -> str:
    """Punctuation between two words, with quote-mark style, dashes and spacing made uniform."""
    text = separator.translate(TRANSLATION).translate(_SEPARATOR_QUOTES)
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
    translated = quote.translate(TRANSLATION)
    raw: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in TOKEN_PATTERN.finditer(translated):
        raw.append(match.group())
        starts.append(match.start())
        ends.append(match.end())
    words = normalize_words(raw)
    cuts = [m.start() for m in ELLIPSIS_PATTERN.finditer(translated)]
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

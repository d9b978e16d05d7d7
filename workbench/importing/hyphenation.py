"""Undo line-end hyphenation in typeset text ("investi-" + "gation") while keeping real hyphens.

A typesetter breaks a word between syllables and a compound at its own hyphen; both end the
line with "-". The joined form wins when it is a word (the document's own words, then a spelling
dictionary of the document's language); the hyphen stays when the document writes the word with
it, or when the joined form is no word and the first part is one ("coastal-" + "defence").
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

LINE_END_HYPHENS = "-\u00ad\u2010\ufffe\x02"
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
TRAILING_FRAGMENT = re.compile(r"([^\W\d_]+(?:['’-][^\W\d_]+)*)[" + LINE_END_HYPHENS + r"]$")
LEADING_FRAGMENT = re.compile(r"^([^\W\d_]+)")

# The most frequent words of each language pyspellchecker knows, to pick its dictionary.
STOPWORDS = {
    "en": {"the", "and", "of", "to", "in", "is", "that", "was", "for", "with"},
    "de": {"der", "die", "und", "das", "nicht", "ist", "mit", "sich", "auf", "den"},
    "fr": {"le", "la", "les", "et", "des", "est", "une", "que", "dans", "pour"},
    "es": {"el", "la", "los", "las", "que", "del", "una", "por", "con", "para"},
    "it": {"il", "che", "della", "per", "una", "non", "sono", "nel", "gli", "alla"},
    "nl": {"de", "het", "een", "van", "en", "niet", "dat", "zijn", "voor", "met"},
    "pt": {"que", "os", "uma", "para", "com", "não", "dos", "das", "como", "mais"},
}


class Vocabulary:
    """The words a document uses (outside its line-end breaks) and its language's dictionary."""

    def __init__(self, words: Counter[str], language: str | None) -> None:
        self.words = words
        self.language = language

    @classmethod
    def of_lines(cls, lines: Iterable[str]) -> Vocabulary:
        lines = list(lines)
        words: Counter[str] = Counter()
        for index, line in enumerate(lines):
            tokens = WORD.findall(line)
            if tokens and line.rstrip().endswith(tuple(LINE_END_HYPHENS)):
                tokens = tokens[:-1]  # the head of a broken word is not a word of its own
            if tokens and index and lines[index - 1].rstrip().endswith(tuple(LINE_END_HYPHENS)):
                tokens = tokens[1:]
            words.update(token.lower() for token in tokens)
        return cls(words, _language(words))

    def knows(self, word: str) -> bool:
        word = word.lower()
        if self.words[word] > 0:
            return True
        return _in_dictionary(self.language, word)


def ends_with_hyphen(line: str) -> bool:
    return bool(line) and line[-1] in LINE_END_HYPHENS


# Chinese and Japanese are written without spaces between words, so lines join without one.
UNSPACED_SCRIPT = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def joins_without_space(before: str, after: str) -> bool:
    return bool(
        before and after and UNSPACED_SCRIPT.match(before[-1]) and UNSPACED_SCRIPT.match(after[0])
    )


def join_broken_line(previous: str, line: str, vocabulary: Vocabulary) -> str:
    """``previous`` and the next ``line`` of one paragraph as one text, hyphenation undone."""
    if joins_without_space(previous, line):
        return previous + line
    if not ends_with_hyphen(previous):
        return f"{previous} {line}" if previous else line
    head_match = TRAILING_FRAGMENT.search(previous)
    tail_match = LEADING_FRAGMENT.match(line)
    body = previous[:-1]
    if head_match is None or tail_match is None:
        return f"{body}-{line}"
    head = head_match.group(1).split("-")[-1]
    tail = tail_match.group(1)
    if keeps_hyphen(head, tail, vocabulary, whole_head=head_match.group(1)):
        return f"{body}-{line}"
    return body + line


def keeps_hyphen(head: str, tail: str, vocabulary: Vocabulary, *, whole_head: str = "") -> bool:
    """True when "head-" at a line end and "tail" on the next line form a hyphenated compound."""
    if not tail[:1].islower() or "-" in whole_head:
        return True  # "Abernathy-" + "Lowe", "cross-border-" + "style": the hyphen is written
    if vocabulary.knows(head + tail):
        return False
    if vocabulary.words[f"{head}-{tail}".lower()] > 0:
        return True
    # The joined form is no word: a word before the hyphen makes it a compound ("coastal-defence").
    return len(head) > 2 and vocabulary.knows(head)


def fold_ligatures(text: str) -> str:
    """Typographic ligatures (ﬁ, ﬂ, ﬀ …) as the letters they stand for; nothing else changes."""
    return re.sub(r"[\ufb00-\ufb06]", lambda m: unicodedata.normalize("NFKC", m.group()), text)


def _language(words: Counter[str]) -> str | None:
    hits = {code: sum(words[word] for word in common) for code, common in STOPWORDS.items()}
    best = max(hits, key=hits.__getitem__)
    return best if hits[best] >= 3 else None


@lru_cache(maxsize=4)
def _dictionary(language: str):
    try:
        from spellchecker import WordFrequency
    except (
        ImportError
    ):  # pragma: no cover - a dependency; without it only the document's words count
        return None
    frequencies = WordFrequency()
    try:
        frequencies.load_dictionary(_dictionary_path(language))
    except (OSError, ValueError):
        return None
    return frequencies


def _dictionary_path(language: str) -> str:
    from importlib.resources import files

    return str(files("spellchecker") / "resources" / f"{language}.json.gz")


def _in_dictionary(language: str | None, word: str) -> bool:
    if language is None:
        return False
    dictionary = _dictionary(language)
    return dictionary is not None and word in dictionary

"""Does a predicted speaker or source name the gold one? Surnames, head nouns, content words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from evaluation.gold import GoldQuote, GoldSource


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})
_TITLES = _wordset(
    "mr mrs ms miss mx dr prof professor sen senator rep representative gen general col "
    "colonel lt capt captain maj major sgt gov governor pres president rev fr sir dame lord "
    "lady judge justice mayor minister chancellor ambassador secretary adm admiral cmdr"
)
_SUFFIXES = _wordset("jr sr ii iii iv phd md esq")
_STOPWORDS = _wordset(
    "a an the some several many few this that these those who whom whose which what to of on "
    "in for with and or by at from about as into over under than then is was were are be been "
    "has have had his her their its our my your it they he she we i one"
)
# Words after which a description stops naming the speaker and starts describing them.
_DESCRIPTION_BREAKS = _wordset(
    "who whom whose which that with for of from at in on to by inside within outside across "
    "among around near under about after before during including representing based working "
    "familiar close briefed speaking knowledgeable involved granted given authorized authorised"
)
_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")


def _words(name: str) -> list[str]:
    """Lower-case words of a name, possessives and trailing dots dropped."""
    words = []
    for word in _WORD.findall(name.translate(_APOSTROPHES).casefold()):
        word = word.removesuffix("'s").rstrip(".'")
        if word:
            words.append(word)
    return words


def _first_clause(name: str) -> str:
    return re.split(r"[,;:(\[—–]", name, maxsplit=1)[0]


def surname(name: str) -> str | None:
    """The last word of a person's (or organisation's) name, ignoring titles and suffixes."""
    words = [w for w in _words(_first_clause(name)) if w.replace(".", "") not in _TITLES]
    while words and words[-1].replace(".", "") in _SUFFIXES:
        words.pop()
    return words[-1] if words else None


_QUANTIFIERS = _wordset(
    "one two three four five six seven eight nine ten dozen some many several most all none "
    "each either neither few both any another"
)


def head_noun(description: str) -> str | None:
    """The noun a description is about: "an unnamed former NATO official" -> "official",
    "one of the aides who asked not to be named" -> "aides"."""
    words = _words(_first_clause(description))
    if len(words) > 2 and (words[0] in _QUANTIFIERS or words[0].isdigit()) and words[1] == "of":
        words = words[2:]
    kept: list[str] = []
    for word in words:
        if word in _DESCRIPTION_BREAKS and kept:
            break
        kept.append(word)
    content = [w for w in kept if w not in _STOPWORDS]
    return (content or kept or [None])[-1]


def _singular(word: str | None) -> str | None:
    if word is None:
        return None
    if word in {"people", "persons"}:
        return "person"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def content_words(name: str) -> frozenset[str]:
    return frozenset(w for w in _words(name) if w not in _STOPWORDS)


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if union else 0.0


_SURNAME_PARTICLES = _wordset("al el ad ar as ash at az ben bin ibn abu bint")


def _surname_forms(name_surname: str) -> set[str]:
    """ "al-assad" also answers to "assad"."""
    forms = {name_surname}
    prefix, dash, rest = name_surname.partition("-")
    if dash and rest and prefix in _SURNAME_PARTICLES:
        forms.add(rest)
    return forms


def speaker_name_matches(
    gold_name: str, gold_anonymous: bool | None, predicted: str, *, gold_type: str = "person"
) -> bool:
    """Does a predicted speaker name refer to the gold speaker? Surname for people, head noun
    for anonymous descriptions ("the official" and "an unnamed former NATO official"), either
    for organisations and publications ("the department", "the Department of Water")."""
    if not predicted or not gold_name:
        return False
    # "the aide" may speak for "one of the aides": number is not what the rule is about.
    gold_head = _singular(head_noun(gold_name))
    same_head = gold_head is not None and gold_head == _singular(head_noun(predicted))
    if gold_anonymous:
        return same_head
    if gold_type in {"organization", "publication"}:
        # Organisations have no surname; their short forms drop words, not add them
        # ("Tsubame" for Tsubame Rail Systems, "the ministry" for the transport ministry).
        gold_words, predicted_words = content_words(gold_name), content_words(predicted)
        if same_head or (predicted_words and predicted_words <= gold_words):
            return True
    gold_surname = surname(gold_name)
    if gold_surname is None:
        return False
    predicted_words = set(_words(_first_clause(predicted)))
    forms = _surname_forms(gold_surname)
    if not forms & predicted_words:
        return False
    # "Bill Clinton" is not "Hillary Clinton": a shared surname with different given names
    # names another member of the family. Either side without a given name can't tell.
    gold_given = _given_names(gold_name, forms)
    predicted_given = _given_names(predicted, forms)
    return not (gold_given and predicted_given and not gold_given & predicted_given)


_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def _given_names(name: str, surname_forms: set[str]) -> set[str]:
    """The capitalised words right before the surname, back to a title ("U.S. President
    Barack Obama" -> {"barack"}; "Hillary Rodham Clinton" -> {"hillary", "rodham"}); initials
    are left out, and so is everything before a title ("Ohio Gov. Kasich" -> set())."""
    words = _NAME_WORD.findall(_first_clause(name).translate(_APOSTROPHES))
    keys = [w.casefold().removesuffix("'s").rstrip(".'") for w in words]
    places = [i for i, key in enumerate(keys) if key in surname_forms]
    if not places:
        return set()
    given = set()
    for index in range(places[-1] - 1, -1, -1):
        word, key = words[index], keys[index]
        if not word[:1].isupper() or key in _TITLES:
            break
        if len(key) > 1:
            given.add(key)
    return given


def speaker_is_right(
    gold: GoldQuote, speaker: Mapping[str, Any] | None, *, gold_type: str = "person"
) -> bool:
    """CONTRACT.md: right when the predicted mention overlaps the annotated one, or the
    predicted name shares the annotated person's surname (head noun for anonymous speakers)."""
    if not speaker or gold.speaker is None:
        return False
    start, end = speaker.get("start"), speaker.get("end")
    if (
        gold.mention_start is not None
        and gold.mention_end is not None
        and isinstance(start, int)
        and isinstance(end, int)
        and _overlaps(start, end, gold.mention_start, gold.mention_end)
    ):
        return True
    return speaker_name_matches(
        gold.speaker, gold.speaker_anonymous, speaker.get("name") or "", gold_type=gold_type
    )


def named_source_score(gold: GoldSource, predicted_name: str) -> float:
    """0 when the predicted source is not the gold one, else a preference score."""
    gold_words, predicted_words = content_words(gold.name), content_words(predicted_name)
    if gold_words and gold_words == predicted_words:
        return 1.0
    if gold.type == "person":
        return (
            0.5 + 0.5 * _jaccard(gold_words, predicted_words)
            if speaker_name_matches(gold.name, False, predicted_name, gold_type=gold.type)
            else 0.0
        )
    overlap = _jaccard(gold_words, predicted_words)
    return overlap if overlap >= 0.5 else 0.0


def anonymous_source_score(gold_name: str, predicted_name: str) -> float:
    overlap = _jaccard(content_words(gold_name), content_words(predicted_name))
    same_head = head_noun(gold_name) is not None and head_noun(gold_name) == head_noun(
        predicted_name
    )
    if same_head:
        return 0.5 + 0.5 * overlap
    return overlap if overlap >= 0.5 else 0.0


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return max(a_start, b_start) < min(a_end, b_end)

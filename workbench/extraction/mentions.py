"""Recognise who a phrase names: a person's name, a pronoun, an organisation or a description."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from workbench.extraction.lexicon import (
    ABBREVIATIONS,
    ANONYMOUS_HEADS,
    ANONYMOUS_MARKERS,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    MEDIA_WORDS,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NOT_NAMES,
    ORGANIZATION_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    TITLE_MODIFIERS,
    TITLES,
)

# A number keeps its inner separators ("1,500", "3.5") but not a comma or full stop after it.
WORD = re.compile(r"[^\W\d_][\w’'\-]*\.?|\d(?:[\w\-]|[.,](?=\d))*|[^\w\s]")

PRONOUN, NAME, ORGANIZATION, PUBLICATION, DESCRIPTION = (
    "pronoun",
    "name",
    "organization",
    "publication",
    "description",
)

_DETERMINERS = frozenset(
    """the a an one two three four five six seven eight nine ten dozen several some many
    few other another both more most multiple numerous his her their its our this that
    these those various at least two-dozen half""".split()
)

# Words that end a speaker phrase written after the cue verb ("said Smith in a statement").
_PHRASE_STOPS = frozenset(
    """in on at during after before when while as adding noting saying explaining because
    since until last this today tonight yesterday tomorrow earlier later recently told
    and but via through from monday tuesday wednesday thursday friday saturday sunday""".split()
)

# Nouns that name words, not speakers: "a term the court has read narrowly".
_NON_HEADS = frozenset("term word phrase line label slogan result reference name".split())

_TITLE_PREMODIFIERS = frozenset(
    "state former then then- u.s. federal county city district assistant acting deputy retired "
    "longtime top interim".split()
)

_ORG_CAPITAL_CONNECTORS = frozenset("of for and & the de".split())
_NOT_ORGANIZATION_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    kind: str  # PRONOUN, NAME, ORGANIZATION, PUBLICATION, DESCRIPTION
    text: str
    name: str  # the name without titles, or the description as written
    title: str | None = None
    role: str | None = None
    head: str | None = None  # head noun of a description ("official", "report")
    full: str | None = None  # the description with its relative clause, when that says more

    @property
    def anonymous(self) -> bool:
        return self.kind == DESCRIPTION and is_anonymous_description(self.full or self.text)


def _scan(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text, start, end)]


class _Tokenized:
    """The whole article's words, scanned once: the passes ask for the words of many
    overlapping stretches, and slicing a list is cheaper than scanning the text again."""

    __slots__ = ("starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = _scan(text, 0, len(text))
        self.starts = [w[0] for w in self.words]


_LAST: list[_Tokenized] = []
_WHOLE_TEXT_AT_LEAST = 2000  # short texts (a test sentence, a headline) just scan


def tokens(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words and punctuation marks between start and end, as (start, end, word).

    Equal to scanning text[start:end] with WORD: a scan that starts at a word's start finds
    the same words as one that started earlier, so only words cut by start or end differ,
    and those two are scanned again.
    """
    if len(text) < _WHOLE_TEXT_AT_LEAST or end - start < 8:
        return _scan(text, start, end)
    cached = _LAST[0] if _LAST and _LAST[0].text is text else None
    if cached is None:
        cached = _Tokenized(text)
        _LAST[:] = [cached]
    first = bisect.bisect_left(cached.starts, start)
    last = bisect.bisect_left(cached.starts, end)
    found = cached.words[first:last]
    if first and cached.words[first - 1][1] > start:  # a word cut by start: scan until the
        head = []  # scan meets a word of the whole text again
        for match in WORD.finditer(text, start, end):
            at = bisect.bisect_left(cached.starts, match.start())
            if at < len(cached.starts) and cached.starts[at] == match.start():
                found = head + cached.words[at:last]
                break
            head.append((match.start(), match.end(), match.group(0)))
        else:
            found = head
    if found and found[-1][1] > end:  # a word cut by end
        cut = found.pop()
        found += _scan(text, cut[0], end)
    return found


def bare(word: str) -> str:
    return word.rstrip(".").lower()


_HONORIFICS = frozenset("mr mrs ms miss mx dr messrs".split())

_PARTY_TAG = re.compile(r"[RDI]-[A-Z][\w.\-]*")


def is_name_word(word: str) -> bool:
    if not word[:1].isupper() or bare(word) in NOT_NAMES or _PARTY_TAG.fullmatch(word):
        return False
    if len(word) == 1:
        return False  # "Gov. Phil Bryant (R)": a party letter; initials carry their full stop
    return any(ch.isalpha() for ch in word)


def _is_initial(word: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]\.(?:[A-Z]\.)?", word))


def _is_particle(words: list[tuple[int, int, str]], index: int) -> bool:
    word = words[index][2]
    if word.lower() in NAME_PARTICLES and index + 1 < len(words):
        following = words[index + 1][2]
        if following.lower() in NAME_PARTICLES:
            return _is_particle(words, index + 1)
        return is_name_word(following) or following[:1].isupper()
    # al-Assad, bin-Salman, d’Alembert
    return bool(re.fullmatch(r"(?:al|el|bin|ibn|d|de|da)[-’'][A-Z][\w’'\-]*\.?", word))


def is_title(word: str) -> bool:
    return bare(word) in TITLES


def parse_name(text: str, words: list[tuple[int, int, str]], index: int) -> Mention | None:
    """A person's or organisation's proper name starting at words[index], titles included."""
    position = index
    title_words: list[str] = []
    while position < len(words) and (
        is_title(words[position][2])
        or (bare(words[position][2]) in TITLE_MODIFIERS and words[position][2][:1].isupper())
    ):
        if (
            title_words
            and bare(title_words[-1]) in _HONORIFICS
            and is_name_word(words[position][2])
        ):
            break  # "Mr. Judge", "Ms. Bishop": after an honorific a title word is the surname
        title_words.append(words[position][2])
        position += 1
        # "Secretary of State Ann Ruiz", "Minister for Finance Ola Berg"
        if (
            position + 1 < len(words)
            and words[position][2] in ("of", "for")
            and words[position + 1][2][:1].isupper()
        ):
            title_words.append(words[position][2])
            position += 1
    name_start = position
    while position < len(words):
        word = words[position][2]
        if (
            is_name_word(word)
            or _is_initial(word)
            or _is_particle(words, position)
            or (position > name_start and bare(word) in NAME_SUFFIXES)
        ):
            position += 1
            if (
                word.endswith(".")
                and len(word) > 3
                and not _is_initial(word)
                and bare(word) not in NAME_SUFFIXES | TITLES | ABBREVIATIONS
            ):
                break  # "the Federal Reserve. Trump says": the full stop ends the name
        elif (
            word == "&"
            and position > name_start
            and position + 1 < len(words)
            and is_name_word(words[position + 1][2])
        ):
            position += 1  # "Brightwater & Coombs", a firm
        else:
            break
    if position == name_start:
        if not _title_as_surname(title_words, words, position):
            return None
        # "King says Ali “talked the talk”": a surname that is also a title, standing alone.
        name_start = position - 1
        title_words = title_words[:-1]
    # "U.S. District Judge Harriet Szymanski-Pell", "Senate Majority Leader Colleen Ward":
    # a title inside the capitalised run; the name proper is what follows the last title word.
    run = [w[2] for w in words[name_start:position]]
    last_title = max((i for i, w in enumerate(run[:-1]) if is_title(w)), default=None)
    if last_title is not None and not any(
        bare(w) in ORGANIZATION_NOUNS for w in run[last_title + 1 :]
    ):
        title_words.extend(run[: last_title + 1])
        name_start += last_title + 1
    name_words = [w[2] for w in words[name_start:position]]
    start = words[index][0]
    end = words[position - 1][1]
    if (
        text[end - 1] == "."
        and not _is_initial(words[position - 1][2])
        and bare(words[position - 1][2]) not in NAME_SUFFIXES | {"jr", "sr"}
    ):
        end -= 1  # a sentence-ending period is not part of the name
    if name_words and name_words[-1].endswith(("’s", "'s")) and len(name_words[-1]) > 2:
        # "Okafor’s response": the person, without the possessive.
        name_words[-1] = name_words[-1][:-2]
        end = words[position - 1][1] - 2
    name = " ".join(name_words).rstrip(".")
    if name_words and bare(name_words[-1]) in ("jr", "sr"):
        name = name if name.endswith(".") else name + "."
    title = " ".join(title_words) or None
    kind = classify_proper_name(name)
    return Mention(start, end, kind, text[start:end], name, title=title)


# Titles that are also common surnames; alone before a verb, they are the surname.
_SURNAME_TITLES = frozenset("king judge bishop dean major marshal prince".split())


def _title_as_surname(title_words: list[str], words, position: int) -> bool:
    if len(title_words) != 1 or not title_words[0][:1].isupper():
        return False
    if title_words[0].lower() not in _SURNAME_TITLES:
        return False
    following = words[position][2] if position < len(words) else ""
    return not following[:1].isupper()


def classify_proper_name(name: str) -> str:
    words = [w.lower().strip(".,") for w in name.split()]
    if any(w in MEDIA_WORDS for w in words) and len(words) <= 4:
        return PUBLICATION
    if any(w in ORGANIZATION_NOUNS for w in words):
        return ORGANIZATION
    if len(words) == 1 and name.isupper() and len(name) >= 2:
        return ORGANIZATION  # an acronym: NATO, CSIS
    return NAME


def parse_org_with_article(
    text: str, words: list[tuple[int, int, str]], index: int
) -> Mention | None:
    """'the White House', 'the Justice Department', 'the Ministry of Finance'."""
    if bare(words[index][2]) != "the" or index + 1 >= len(words):
        return None
    position = index + 1
    last_capital = None
    while position < len(words):
        word = words[position][2]
        if bare(word) in _NOT_ORGANIZATION_WORDS:
            break
        if bare(word) in _NOT_ORGANIZATION_WORDS:
            break
        if word[:1].isupper() and any(ch.isalpha() for ch in word):
            last_capital = position
        elif word.lower() not in _ORG_CAPITAL_CONNECTORS or last_capital is None:
            break
        position += 1
    if last_capital is None:
        return None
    start, end = words[index][0], words[last_capital][1]
    name_text = text[words[index + 1][0] : end].rstrip(".")
    if bare(words[last_capital][2]) in PERSON_NOUNS:
        return None  # "the Kansas Republican", "the Democrat": a person described
    kind = classify_proper_name(name_text)
    if kind == NAME:
        kind = ORGANIZATION  # "the Hallorans" aside, "the X" is rarely a person
    return Mention(
        start,
        end if text[end - 1] != "." else end - 1,
        kind,
        text[start:end],
        text[start:end].rstrip("."),
    )


def parse_description(
    text: str,
    words: list[tuple[int, int, str]],
    index: int,
    stop: int,
    *,
    require_determiner: bool = True,
) -> Mention | None:
    """'a senior official', 'two people familiar with the matter', 'the report', 'officials'."""
    position = index
    first = bare(words[index][2])
    if (
        require_determiner
        and first not in _DETERMINERS
        and not _is_plural_head(first)
        and first not in PERSON_NOUNS
    ):
        return None
    if index + 1 < stop and bare(words[index + 1][2]) in _NON_HEADS:
        return None  # "a term the Supreme Court has read": a word, not a speaker
    if first in _STANDALONE_DETERMINERS and (
        stop == index + 1 or bare(words[index + 1][2]) in _PHRASE_STOPS
    ):
        # "…,” said another.  "Others disagreed": a determiner standing for a person
        mention_text = text[words[index][0] : words[index][1]].rstrip(".")
        end = words[index][0] + len(mention_text)
        return Mention(
            words[index][0],
            end,
            DESCRIPTION,
            mention_text,
            mention_text,
            head=first,
            full=mention_text,
        )
    head = None
    head_end = None
    stopped_early = False
    while position < stop:
        word = words[position][2]
        lowered = bare(word)
        if not re.match(r"[\w’'\-]", word):
            break
        if (
            lowered in ("and", "or")
            and head is not None
            and _coordinated_head(words, position, stop)
        ):
            position += 1  # "member states and security officials": one group of sources
            continue
        if lowered in _PHRASE_STOPS and head is not None:
            stopped_early = True
            break
        if position > index and (
            lowered in _VERBISH or (lowered in CUE_VERBS and lowered not in _NOUN_LIKE_CUES)
        ):
            # A verb ends the noun phrase: "Two officials described …", "… began last week".
            if head is None:
                return None
            stopped_early = True
            break
        if head is not None and is_name_word(word) and head_end == position - 1:
            stopped_early = True  # "press secretary Tobias Renwick": a role, then the name
            break
        noun = lowered.rstrip("’'s") if lowered.endswith(("’s", "'s")) else lowered
        if noun in PERSON_NOUNS or noun in DOCUMENT_NOUNS or noun in ORGANIZATION_NOUNS:
            if not lowered.endswith(("’s", "'s")):
                head, head_end = noun, position
        elif head is not None and lowered in (
            "who",
            "which",
            "that",
            "familiar",
            "close",
            "briefed",
        ):
            break
        position += 1
    if head is None:
        head_end = _unknown_head(words, index, stop) if first in _DETERMINERS else None
        if head_end is None:
            return None
        head = bare(words[head_end][2])
    end = words[head_end][1]
    if text[end - 1] == ".":
        end -= 1
    # The fullest description runs on to the end of the phrase (its relative clause too).
    last_word = (position if stopped_early else stop) - 1
    full_end = words[last_word][1] if last_word >= index else end
    full = text[words[index][0] : full_end].rstrip(" .,;")
    mention_text = text[words[index][0] : end]
    return Mention(
        words[index][0], end, DESCRIPTION, mention_text, mention_text, head=head, full=full
    )


def _coordinated_head(words, conjunction: int, stop: int) -> bool:
    """True when a plural person noun follows the conjunction within three words."""
    for word in words[conjunction + 1 : min(stop, conjunction + 4)]:
        lowered = bare(word[2])
        if lowered in _PHRASE_STOPS or not re.match(r"[\w’'\-]", word[2]):
            return False
        if lowered in PERSON_NOUNS and lowered.endswith("s"):
            return True
    return False


def _unknown_head(words: list[tuple[int, int, str]], index: int, stop: int) -> int | None:
    """'the consortium', 'one of them': a short noun phrase whose head we do not know."""
    phrase = [w for w in words[index:stop] if re.match(r"[\w’'\-]", w[2])]
    if not 2 <= len(phrase) <= 5 or any(bare(w[2]) in _PHRASE_STOPS for w in phrase):
        return None
    if any(bare(w[2]) in PRONOUNS or bare(w[2]) in _NON_HEADS for w in phrase[1:]):
        return None  # "a line she repeated", "a word he said": not a speaker
    if bare(phrase[-1][2]) in _VERBISH:
        return None  # "The offer was", "The deliberations were"
    last = phrase[-1][2]
    if last[:1].isupper() and len(phrase) > 2:
        return None
    return index + len(phrase) - 1


# Cue words that are nouns as often as verbs: "NATO member states", "two reports".
_NOUN_LIKE_CUES = frozenset(
    """states reports claims posts notes charges tweets remarks answers replies reads offers
    protests cries shots laughs demands promises pledges vows estimates records""".split()
)

_STANDALONE_DETERMINERS = frozenset("another others one both several some many".split())

_PREPOSITION_WORDS = frozenset("to for of with by from about into".split())

_VERBISH = frozenset(
    "that was were is are has had have will would could should did does said says noted told "
    "wrote added argued".split()
)


def _has_verb_between(words, start: int, end: int) -> bool:
    """'Achterberg noted that the opinion': a clause, not one noun phrase."""
    return any(start <= w[0] < end and bare(w[2]) in _VERBISH for w in words)


def _is_plural_head(word: str) -> bool:
    return word in PERSON_NOUNS and word.endswith("s")


def is_anonymous_description(phrase: str) -> bool:
    lowered = phrase.lower()
    if any(marker in lowered for marker in ANONYMOUS_MARKERS):
        return True
    words = re.findall(r"[a-z’'\-]+", lowered)
    if not words:
        return False
    if any(w in ("spokesman", "spokeswoman", "spokesperson") for w in words):
        return False
    if any(w in ANONYMOUS_HEADS for w in words):
        return True
    # "a Republican strategist", "one reporter", "a man near the pie case": unnamed people.
    if (
        words[0] in ("her", "his", "their", "its")
        and words[-1] in PERSON_NOUNS
        and words[-1].endswith("s")
    ):
        return True  # "her critics", "his aides"
    if (
        words[0] in ("her", "his", "their", "its")
        and words[-1] in PERSON_NOUNS
        and words[-1].endswith("s")
    ):
        return True  # "her critics", "his aides"
    indefinite = words[0] in (
        "a",
        "an",
        "one",
        "two",
        "three",
        "four",
        "five",
        "several",
        "some",
        "many",
        "another",
        "other",
        "few",
    )
    return (
        indefinite and any(w in PERSON_NOUNS for w in words) and not _has_capitalised_name(phrase)
    )


def _has_capitalised_name(phrase: str) -> bool:
    """A description that contains a person's name ("a lawyer for Sam Price") still names."""
    capitalised = re.findall(r"\b[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+)+", phrase)
    return bool(capitalised)


_OPENERS = (
    frozenset(PRONOUNS)
    | _DETERMINERS
    | PERSON_NOUNS
    | TITLES
    | _TITLE_PREMODIFIERS
    | NAME_PARTICLES
    | frozenset("and but so , — – - :".split())
)


def could_open_subject(word: str) -> bool:
    """Whether a phrase starting with this word can name a speaker (parse_speaker_phrase
    before the verb gives nothing otherwise): a capital, a pronoun, a determiner, a title, a
    person noun, a name particle ("van", "al-Assad")."""
    return word[:1].isupper() or bare(word) in _OPENERS or any(c in word for c in "-’'")


def parse_speaker_phrase(text: str, start: int, end: int, *, after_verb: bool) -> Mention | None:
    """Who a phrase at a cue names. `after_verb`: the phrase follows the verb ("said Smith, …")."""
    words = tokens(text, start, end)
    while words and (
        words[0][2] in (",", "—", "–", "-", ":") or bare(words[0][2]) in ("and", "but", "so")
    ):
        words = words[1:]
    if not words:
        return None
    # "state Rep. Alicia Barnes", "former Sen. Ray Cole": a lower-case word before a title.
    if (
        len(words) > 1
        and bare(words[0][2]) in _TITLE_PREMODIFIERS
        and (
            is_title(words[1][2])
            or bare(words[1][2]) in TITLE_MODIFIERS
            or (is_name_word(words[1][2]) and _title_follows(words, 1))
        )
    ):
        premodifier_start = words[0][0]
        words = words[1:]
    else:
        premodifier_start = None
    first = words[0][2]
    lowered = bare(first)
    if lowered in PRONOUNS and lowered not in ("i", "we"):
        return Mention(words[0][0], words[0][1], PRONOUN, first, first.lower())
    if lowered in ("i", "we") and len(words) == 1:
        # "“I am not shy,” I said": the writer speaks, at the cue and nowhere else.
        return Mention(words[0][0], words[0][1], PRONOUN, first, first)
    # The phrase proper ends at a comma (an appositive follows) or a stop word.
    stop = len(words)
    for position, (_, _, word) in enumerate(words):
        if word in (",", ";", "(", "—", "–") or (position > 0 and word == "."):
            stop = position
            break
    mention = parse_org_with_article(text, words, 0) if lowered == "the" else None
    if mention is None and (is_name_word(first) or is_title(first) or _is_particle(words, 0)):
        mention = parse_name(text, words, 0)
        # "NATO member states", "White House officials": a name modifying a description.
        if mention is not None and not mention.title:
            described = parse_description(text, words, 0, stop, require_determiner=False)
            following = next((w[2] for w in words if w[0] >= mention.end), "")
            if (
                described is not None
                and described.end > mention.end
                and not _has_verb_between(words, mention.end, described.end)
                and following.islower()
                and bare(following) not in _PHRASE_STOPS | _PREPOSITION_WORDS
            ):
                mention = described
    if mention is None:
        mention = parse_description(text, words, 0, stop)
    if mention is None and after_verb:
        # "says defiant mayor", "said longtime aide": headline style, no article.
        described = parse_description(text, words, 0, min(stop, 4), require_determiner=False)
        if described is not None and described.head in PERSON_NOUNS:
            mention = described
    if mention is None:
        return None
    if mention.kind == DESCRIPTION:
        # "White House press secretary Tobias Renwick": the description is the role.
        following = next((i for i, w in enumerate(words) if w[0] >= mention.end), None)
        if following is not None and following < stop and is_name_word(words[following][2]):
            named = parse_name(text, words, following)
            if named is not None and named.kind == NAME:
                return _with(
                    named,
                    start=mention.start,
                    text=text[mention.start : named.end],
                    title=mention.text,
                )
    if premodifier_start is not None and mention.kind == NAME:
        mention = _with(
            mention, start=premodifier_start, text=text[premodifier_start : mention.end]
        )
    role = None
    if stop < len(words):
        role_text = text[words[stop][1] if words[stop][2] in ",(" else words[stop][0] : end]
        role = role_text.strip(" ,.;()—–") or None
    if mention.kind == DESCRIPTION and mention.full and role and is_anonymous_description(role):
        mention = _with(
            mention,
            full=f"{mention.full}, {role}"
            if stop < len(words) and words[stop][2] == ","
            else mention.full,
        )
    return _with(mention, role=role)


def _title_follows(words, index: int) -> bool:
    """'former Wisconsin Gov. Jim Doyle': a title inside the capitalised run that follows."""
    for word in words[index : index + 4]:
        if not word[2][:1].isupper():
            return False
        if is_title(word[2]):
            return True
    return False


def _with(mention: Mention, **changes) -> Mention:
    from dataclasses import replace

    return replace(mention, **changes)

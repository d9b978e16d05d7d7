"""Who a gold speaker mention such as "he", "who" or "der" stands for, from the corpus's own data.

The two news corpora annotate a speaker at the words where it is attributed, and often those
words are a pronoun. CONTRACT.md counts a speaker right when its mention overlaps the annotated
one or its name shares the annotated *person's* surname, so the scorer needs the person: an
engine that names "Glenn Beck" at "Glenn Beck, who said …" is right, though its mention is not
the annotated "who". Two conservative readings supply the person, and nothing else does:

- **Relative pronouns** (who, whom, which, that; German der, die, das, welcher …) stand for the
  phrase right before them: "Glenn Beck, who" is Glenn Beck. That is grammar, not a guess.
- **Personal pronouns** (he, she, they, …) are resolved only through the coreference chains that
  PolNeAR ships with each article (`data/SPLIT/corenlp/*.txt.xml`, made by Stanford CoreNLP),
  and only when the chain holding the pronoun names exactly one person: every proper-noun
  mention in it has the same head word. A chain that mixes two names ("Beck … Drudge … his")
  resolves nothing, so a wrong chain can only make a right answer look wrong, never the reverse
  by merging people. The German corpus has no such chains; its personal pronouns stay as they
  are, judged by the mention span alone.

A mention that neither reading resolves keeps its own text, exactly as before.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

RELATIVE_PRONOUNS = frozenset(
    "who whom which that der die das welcher welche welches dem denen".split()
)
PERSONAL_PRONOUNS = frozenset("he she him his her hers they them their theirs".split())

# The phrase a relative pronoun refers to ends right before it and starts after punctuation.
_CLAUSE_BREAK = re.compile(r"[.;:!?,()\[\]\n—–“”„\"«»]")
_MOST_WORDS = 8


def relative_antecedent(text: str, start: int) -> str | None:
    """'… said Glenn Beck, who' -> 'Glenn Beck'; None when no phrase stands right before."""
    before = text[:start].rstrip()
    if before.endswith(","):
        before = before[:-1].rstrip()
    pieces = _CLAUSE_BREAK.split(before[-200:])
    words = pieces[-1].split() if pieces else []
    if not words:
        return None
    return " ".join(words[-_MOST_WORDS:])


@dataclass(frozen=True)
class ChainMention:
    start: int
    end: int
    text: str
    head: str
    proper: bool  # the head is a proper noun (NNP, NNPS)
    entity: str  # CoreNLP's named-entity class of the head: PERSON, ORGANIZATION, O, …


_SENTENCE = re.compile(r'<sentence id="(\d+)"')
_TOKEN = re.compile(
    r'<token id="(\d+)">\s*<word>(.*?)</word>.*?<CharacterOffsetBegin>(\d+)'
    r"</CharacterOffsetBegin>\s*<CharacterOffsetEnd>(\d+)</CharacterOffsetEnd>\s*<POS>(.*?)</POS>"
    r"\s*(?:<NER>(.*?)</NER>)?",
    re.DOTALL,
)
_CHAIN = re.compile(r"<coreference>\s*(<mention.*?)</coreference>", re.DOTALL)
_MENTION = re.compile(
    r"<mention[^>]*>\s*<sentence>(\d+)</sentence>\s*<start>(\d+)</start>\s*<end>(\d+)</end>"
    r"\s*<head>(\d+)</head>",
    re.DOTALL,
)


def corenlp_chains(xml: str, text: str) -> list[list[ChainMention]]:
    """The coreference chains of a CoreNLP xml file, as character spans into `text`.

    Tokens whose offsets do not land on their word in `text` (CoreNLP counts UTF-16 units, so
    an emoji shifts what follows) are dropped, and with them any mention that needs them.
    """
    body_end = xml.find("<coreference>")
    body = xml if body_end == -1 else xml[:body_end]
    sentence_starts = [(m.start(), int(m.group(1))) for m in _SENTENCE.finditer(body)]
    positions = [p for p, _ in sentence_starts]
    tokens: dict[tuple[int, int], tuple[int, int, str, str, str]] = {}
    for match in _TOKEN.finditer(body):
        index = bisect.bisect_right(positions, match.start()) - 1
        if index < 0:
            continue
        sentence = sentence_starts[index][1]
        word = html.unescape(match.group(2))
        begin, end = int(match.group(3)), int(match.group(4))
        if text[begin:end] != word:
            continue
        tokens[(sentence, int(match.group(1)))] = (
            begin,
            end,
            word,
            match.group(5),
            match.group(6) or "O",
        )
    chains = []
    for chain_match in _CHAIN.finditer(xml, max(body_end, 0)):
        chain = []
        for m in _MENTION.finditer(chain_match.group(1)):
            sentence, first, last, head = (int(g) for g in m.groups())
            first_token = tokens.get((sentence, first))
            last_token = tokens.get((sentence, last - 1))
            head_token = tokens.get((sentence, head))
            if first_token is None or last_token is None or head_token is None:
                continue
            start, end = first_token[0], last_token[1]
            chain.append(
                ChainMention(
                    start,
                    end,
                    text[start:end],
                    head_token[2],
                    head_token[3].startswith("NNP"),
                    head_token[4],
                )
            )
        if chain:
            chains.append(chain)
    return chains


def _head_key(word: str) -> str:
    return word.casefold().removesuffix("’s").removesuffix("'s")


_SINGULAR = frozenset("he she him his her hers".split())


def chain_person(
    chains: list[list[ChainMention]], start: int, end: int, pronoun: str = "he"
) -> str | None:
    """The one person (or, for "they", group) a chain holding the mention at start:end names.

    Only proper nouns that CoreNLP itself tags as a person (or an organisation, for a plural
    pronoun) count as names, so "her" chained to "Tex." resolves to nothing.
    """
    kinds = {"PERSON"} if pronoun in _SINGULAR else {"PERSON", "ORGANIZATION"}
    for chain in chains:
        if not any(m.start == start and m.end == end for m in chain):
            continue
        proper = [m for m in chain if m.proper and m.entity in kinds]
        if not proper or len({_head_key(m.head) for m in proper}) != 1:
            return None
        # The fullest way the article names them, within reason ("Glenn Beck", not a headline).
        named = [m for m in proper if len(m.text.split()) <= 4] or proper
        return max(named, key=lambda m: len(m.text)).text
    return None


def resolve_speaker(
    text: str,
    mention: str | None,
    start: int | None,
    end: int | None,
    chains: list[list[ChainMention]] | None = None,
) -> str | None:
    """The person a gold speaker mention stands for, when a reading above says; else None."""
    if mention is None or start is None or end is None:
        return None
    word = mention.strip().casefold()
    if word in RELATIVE_PRONOUNS:
        return relative_antecedent(text, start)
    if word in PERSONAL_PRONOUNS and chains:
        return chain_person(chains, start, end, word)
    return None

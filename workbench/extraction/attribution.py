"""Find the cue and the speaker mention of each quotation, and decide its kind."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from workbench.extraction.lexicon import (
    CUE_PARTICLES,
    CUE_VERBS,
    DOCUMENT_NOUNS,
    FRAGMENT_VERBS,
    PARTICIPLE_CUES,
    PERSON_NOUNS,
)
from workbench.extraction.marks import RawQuote
from workbench.extraction.mentions import (
    DESCRIPTION,
    NAME,
    PRONOUN,
    Mention,
    bare,
    could_open_subject,
    parse_speaker_phrase,
    tokens,
)
from workbench.extraction.text import Paragraph, sentence_ends

# How an attribution was found, and how far to trust it.
ADJACENT_AFTER = "after"  # ,” said Smith / ,” Smith said
ADJACENT_BEFORE = "before"  # Smith said: “…”
FRAGMENT = "fragment"  # Smith called it “reckless”
COLON = "colon"  # The minister put it bluntly: “…”
SAME_PARAGRAPH = "same_paragraph"
PREVIOUS_PARAGRAPH = "previous_paragraph"
SENTENCE_SUBJECT = "sentence_subject"  # Marsh wants a “fair deal”: no cue, the subject
HEADLINE = "headline"  # Ortega: Marsh’s Plan ‘A Gift’ (a headline's name and colon)
REPORTED = "reported"  # German Konjunktiv: the speaker named in a sentence before
REPORTED = "reported"  # German Konjunktiv: the speaker named in a sentence before

CONFIDENCE = {
    ADJACENT_AFTER: 0.93,
    ADJACENT_BEFORE: 0.88,
    FRAGMENT: 0.75,
    COLON: 0.72,
    SAME_PARAGRAPH: 0.8,
    PREVIOUS_PARAGRAPH: 0.65,
    SENTENCE_SUBJECT: 0.6,
}

# Words allowed between a speaker and the cue verb: "Smith later said", "she has said".
_BETWEEN_SPEAKER_AND_VERB = frozenset(
    """has have had would will once later also then again previously recently repeatedly
    often frequently publicly privately first finally simply just still has since""".split()
)
_INTRODUCTORY = frozenset(
    """in on at during after before when while asked speaking writing later earlier
    meanwhile but and still however last this then now yet so also instead separately
    elsewhere for with from addressing responding testifying appearing as""".split()
)
TERMINAL = ".?!…"

# "Beck on Wednesday called", "Trump last week said": a time phrase between subject and verb.
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december week month year night morning
    afternoon evening weekend day today yesterday tonight ago""".split()
)
_TIME_LEADS = frozenset("on in last this next earlier later early late during at the".split())


def _before_modifiers(words, back: int) -> int:
    """Step back from the word before a verb over adverbs, auxiliaries and a time phrase."""
    while back > 0:
        word = bare(words[back][2])
        if word in _BETWEEN_SPEAKER_AND_VERB or _is_adverb(words[back][2]):
            back -= 1
            continue
        if word in _TIME_WORDS or re.fullmatch(r"(?:19|20)\d\d", word):
            run = back
            while run > 0 and (
                bare(words[run - 1][2]) in _TIME_WORDS | _TIME_LEADS
                or re.fullmatch(r"\d+", words[run - 1][2])
            ):
                run -= 1
            if run > 0 and (bare(words[run][2]) in _TIME_LEADS or run == back):
                back = run - 1
                continue
        break
    return back


@dataclass(frozen=True)
class Attribution:
    mention: Mention | None
    cue_text: str | None
    cue_start: int | None
    cue_end: int | None
    how: str | None
    end: int  # where the attribution ends in the text (the split-quote test needs it)
    extra_mentions: tuple[Mention, ...] = ()  # "told Politico": the outlet, credited too


@dataclass(frozen=True)
class QuoteContext:
    quote: RawQuote
    paragraph: Paragraph
    prefix_start: int  # the sentence the quote opens in starts here (or after the last quote)
    tail_end: int  # the sentence continues to here (or to the next quote)
    previous_paragraph: Paragraph | None = None
    sentence_start: int = -1  # the sentence the quote opens in starts here, quotes or not


NO_ATTRIBUTION = Attribution(None, None, None, None, None, 0)


def build_contexts(
    text: str, quotes: list[RawQuote], paragraphs: list[Paragraph]
) -> list[QuoteContext]:
    """Where each quote's sentence starts and its attribution can run to.

    Linear in the article's size (bisect, one sentence split per paragraph), so a
    5 MB document with thousands of quotes costs no more per quote than a short one.
    """
    paragraph_starts = [p.start for p in paragraphs]
    open_marks = [q.open_mark for q in quotes]
    ends_by_paragraph: dict[int, list[int]] = {}

    def paragraph_index(position: int) -> int:
        return max(bisect.bisect_right(paragraph_starts, position) - 1, 0)

    def inside_quote(position: int) -> bool:
        candidate = bisect.bisect_right(open_marks, position) - 1
        return candidate >= 0 and position < quotes[candidate].close_mark_end - 1

    def ends_in(index: int) -> list[int]:
        if index not in ends_by_paragraph:
            paragraph = paragraphs[index]
            ends_by_paragraph[index] = [
                e
                for e in sentence_ends(text, paragraph.start, paragraph.end)
                if not inside_quote(e - 1)
            ]
        return ends_by_paragraph[index]

    contexts = []
    for index, quote in enumerate(quotes):
        opened_in = paragraph_index(quote.open_mark)
        paragraph = paragraphs[opened_in]
        opening_ends = ends_in(opened_in)
        before = bisect.bisect_right(opening_ends, quote.open_mark)
        prefix_start = opening_ends[before - 1] if before else paragraph.start
        sentence_start = prefix_start
        previous = quotes[index - 1] if index else None
        if previous and prefix_start < previous.close_mark_end <= quote.open_mark:
            prefix_start = previous.close_mark_end
        closed_in = paragraph_index(quote.close_mark_end - 1)
        tail_end = paragraphs[closed_in].end
        closing_ends = ends_in(closed_in)
        later = bisect.bisect_right(closing_ends, quote.close_mark_end + 1)
        if later < len(closing_ends):
            tail_end = min(tail_end, closing_ends[later])
        following = quotes[index + 1] if index + 1 < len(quotes) else None
        if following and quote.close_mark_end <= following.open_mark < tail_end:
            tail_end = following.open_mark
        contexts.append(
            QuoteContext(
                quote,
                paragraph,
                prefix_start,
                max(tail_end, quote.close_mark_end),
                paragraphs[opened_in - 1] if opened_in else None,
                sentence_start,
            )
        )
    return contexts


def is_cue(word: str) -> bool:
    return bare(word) in CUE_VERBS


def attribution_after(text: str, context: QuoteContext) -> Attribution:
    """,” said Daniel Stanton, a former employee of CSIS.  /  ,” Julie Smith told Politico."""
    start, end = context.quote.close_mark_end, context.tail_end
    words = tokens(text, start, end)
    byline = _dash_byline(text, context, end)
    if byline.mention is not None:
        return byline
    while words and words[0][2] in (",", "—", "–", "-", ";", ":"):
        words = words[1:]
    if not words:
        return NO_ATTRIBUTION
    quote_text = text[context.quote.start : context.quote.end]
    after_full_stop = quote_text[-1:] in "." and context.quote.close_mark is not None
    passive = _passive_by(text, context, words, end)
    if passive.mention is not None:
        return passive
    # “…,” according to the ministry.
    if bare(words[0][2]) == "according" and len(words) > 2 and bare(words[1][2]) == "to":
        mention = parse_speaker_phrase(
            text, words[2][0], _phrase_end(text, words, 2, end), after_verb=True
        )
        if mention is not None:
            cue = (words[0][0], words[1][1], text[words[0][0] : words[1][1]])
            return _attribution(text, mention, cue, ADJACENT_AFTER, end, words)
    # Verb first: “…,” said Smith.
    if is_cue(words[0][2]) and not after_full_stop:
        verb = words[0]
        mention = parse_speaker_phrase(
            text, verb[1], _phrase_end(text, words, 1, end), after_verb=True
        )
        if mention is not None:
            return _attribution(text, mention, verb, ADJACENT_AFTER, end, words)
    # Speaker first: “…,” Julie Smith, who served …, told Politico.
    for position, (_, _, word) in enumerate(words[:40]):
        if word in (".", "?", "!") and position > 0:
            break
        if not is_cue(word) or position == 0:
            continue
        back = _before_modifiers(words, position - 1)
        subject_end = words[back][1]
        relative = bare(words[0][2]) in _NOT_A_SUBJECT and not (
            len(words) > 1 and bare(words[1][2]) in PERSON_NOUNS  # "that person said"
        )
        if position > 30:
            break
        # “…” that allowed the firm to …: the sentence goes on; its speaker, if any, is in
        # its last clause (“…” before the storm hit, she said).
        mention = (
            None
            if relative
            else parse_speaker_phrase(text, words[0][0], subject_end, after_verb=False)
        )
        if mention is None or mention.start != words[0][0]:
            if not after_full_stop:
                return _after_a_clause(text, words, position, end)
            break
        if after_full_stop and mention.kind not in (PRONOUN,) and position > 4:
            break
        return _attribution(text, mention, words[position], ADJACENT_AFTER, end, words)
    return NO_ATTRIBUTION


def _after_a_clause(text: str, words, position: int, end: int) -> Attribution:
    """“…” before the incident, she said.  “…” that Sanders can win, said Steve Elmendorf.
    The sentence goes on after the quotation; its last clause names the speaker."""
    comma = next((i for i in range(position - 1, 0, -1) if words[i][2] == ","), None)
    if comma is None or comma + 1 > position:
        return NO_ATTRIBUTION
    first = comma + 1
    if first == position:  # ", said Steve Elmendorf": the verb first
        mention = parse_speaker_phrase(
            text, words[position][1], _phrase_end(text, words, position + 1, end), after_verb=True
        )
    else:
        back = _before_modifiers(words, position - 1)
        mention = parse_speaker_phrase(text, words[first][0], words[back][1], after_verb=False)
        if mention is not None and mention.start != words[first][0]:
            mention = None
    if mention is None or mention.kind not in (NAME, PRONOUN, DESCRIPTION, "organization"):
        return NO_ATTRIBUTION
    return _attribution(text, mention, words[position], ADJACENT_AFTER, end, words)


def _dash_byline(text: str, context: QuoteContext, end: int) -> Attribution:
    """“A steady hand will do.” ― Dana Whitcombe: a name after a dash, alone, signs the quote."""
    after = text[context.quote.close_mark_end : end]
    dash = re.match(r"[ \t]*[―—–-][ \t]*", after)
    if not dash and not text[context.quote.close_mark_end : context.paragraph.end].strip(" .,"):
        # “…” ⏎⏎ - Dana Whitcombe.  A signature line of its own under the quotation.
        dash = re.compile(r"\s*\n\s*[―—–-][ \t]*").match(text, context.quote.close_mark_end)
        if dash:
            start = dash.end()
            line_end = text.find("\n", start)
            line_end = len(text) if line_end == -1 else line_end
            if len(text[start:line_end].split()) > 8:
                return NO_ATTRIBUTION
            return _byline_at(text, start, line_end)
    if not dash:
        return NO_ATTRIBUTION
    start = context.quote.close_mark_end + dash.end()
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    return _byline_at(text, start, line_end)


def _byline_at(text: str, start: int, line_end: int) -> Attribution:
    mention = parse_speaker_phrase(text, start, line_end, after_verb=True)
    if mention is None or mention.start != start or mention.kind not in (NAME, DESCRIPTION):
        return NO_ATTRIBUTION
    rest = text[mention.end : line_end].strip(" .")
    if rest and not rest.startswith((",", "(")):
        return NO_ATTRIBUTION
    return Attribution(mention, None, None, None, ADJACENT_AFTER, mention.end)


def attribution_later_in_sentence(text: str, context: QuoteContext) -> Attribution:
    """“We've seen this movie before” — that was how Sen. Thom Vail summed it up."""
    start, end = context.quote.close_mark_end, context.tail_end
    words = tokens(text, start, end)
    for position, (_, _, word) in enumerate(words):
        if position == 0 or not is_cue(word):
            continue
        back = _before_modifiers(words, position - 1)
        mention = _nearest_subject(text, words, max(0, back - 5), back + 1)
        if mention is not None:
            return _attribution(text, mention, words[position], FRAGMENT, end, words)
    return NO_ATTRIBUTION


def _passive_by(text: str, context: QuoteContext, words, end: int) -> Attribution:
    """The offer was described as “hush money” by two people familiar with the talks."""
    if not words or bare(words[0][2]) != "by":
        return NO_ATTRIBUTION
    prefix = tokens(text, context.prefix_start, context.quote.open_mark)
    participle = next(
        (w for w in reversed(prefix) if bare(w[2]).endswith("ed") and bare(w[2]) in FRAGMENT_VERBS),
        None,
    )
    if participle is None:
        return NO_ATTRIBUTION
    mention = parse_speaker_phrase(
        text, words[0][1], _phrase_end(text, words, 1, end), after_verb=True
    )
    if mention is None:
        return NO_ATTRIBUTION
    cue = participle[2]
    return Attribution(mention, cue, participle[0], participle[0] + len(cue), FRAGMENT, mention.end)


def _phrase_end(text: str, words, first: int, end: int) -> int:
    """The speaker phrase after a verb runs to the end of the sentence or clause."""
    for position in range(first, len(words)):
        word = words[position][2]
        if word in (".", ";", "?", "!") or word in ("“", '"'):
            return words[position][0]
    return end


def _attribution(text, mention: Mention, verb, how: str, end: int, words) -> Attribution:
    extra = []
    verb_index = next(i for i, w in enumerate(words) if w[0] == verb[0])
    if bare(verb[2]) in ("told", "tells", "tell") and verb_index + 1 < len(words):
        audience = parse_speaker_phrase(
            text,
            words[verb_index + 1][0],
            _phrase_end(text, words, verb_index + 1, end),
            after_verb=True,
        )
        if audience is not None and audience.kind not in (PRONOUN, DESCRIPTION):
            extra.append(audience)
    attribution_end = max(mention.end, verb[1])
    for position in range(verb_index, len(words)):
        if words[position][2] in (".", "?", "!", "“", '"', "‘"):
            break
        attribution_end = words[position][1]
    return Attribution(
        mention,
        verb[2].rstrip("."),
        verb[0],
        verb[0] + len(verb[2].rstrip(".")),
        how,
        attribution_end,
        tuple(extra),
    )


def attribution_before(text: str, context: QuoteContext) -> Attribution:
    """Smith said: “…”  /  In a statement, the ministry said, “…”  /  According to X, “…”."""
    start, end = context.prefix_start, context.quote.open_mark
    prefix = text[start:end]
    stripped = prefix.rstrip()
    previous = context.previous_paragraph
    if not stripped and previous is not None and text[previous.end - 1] == ":":
        # He recalled the winter the catches failed:⏎⏎“We went out …”
        ends = sentence_ends(text, previous.start, previous.end)
        start = max([previous.start, *[e for e in ends if e < previous.end - 1]])
        end = previous.end
        stripped = text[start:end].rstrip()
    if not stripped:
        return _attribution_sentence_before(text, context)
    words = tokens(text, start, start + len(stripped))
    # "According to X, “…”": only when the phrase leads straight into the quotation.
    according = re.search(r"\b[Aa]ccording to\s+([^,]+?),?\s*$", stripped)
    if according:
        mention = parse_speaker_phrase(
            text, start + according.start(1), start + according.end(1), after_verb=True
        )
        if mention is not None:
            cue_start = start + according.start()
            cue_text = text[cue_start : cue_start + 12]  # "According to" as written
            return Attribution(mention, cue_text, cue_start, cue_start + 12, ADJACENT_BEFORE, end)
    ends_introducing = stripped[-1] in ":,—" or is_cue(words[-1][2]) or bare(words[-1][2]) == "that"
    if not ends_introducing:
        return NO_ATTRIBUTION
    # The last cue verb, with only a short complement after it ("told reporters on Tuesday:").
    for position in range(len(words) - 1, -1, -1):
        word = words[position][2]
        if not is_cue(word) and bare(word) not in PARTICIPLE_CUES:
            continue
        if len(words) - position > _LONGEST_COMPLEMENT:
            break
        if word[:1].isupper() and (position == 0 or words[position - 1][2] in ".;:—–"):
            # "Said Comey, “…”": the verb first, the speaker after it.
            mention = parse_speaker_phrase(text, words[position][1], end, after_verb=True)
        else:
            mention = _participle_subject(text, words, position) or _subject_before(
                text, words, position, start
            )
        if mention is not None:
            return _attribution(text, mention, words[position], ADJACENT_BEFORE, end, words)
    statement_comma = (
        stripped.endswith(",") and len(words) > 2 and bare(words[-2][2]) in DOCUMENT_NOUNS
    )  # "Trump issued a statement, “…”"
    if (stripped.endswith(":") or statement_comma) and not is_interview_label(
        text, context.paragraph.start, start + len(stripped) - 1
    ):
        mention = _clause_subject(text, words[:-1])
        if mention is not None:
            return Attribution(mention, None, None, None, COLON, end)
    return NO_ATTRIBUTION


# "Sen. Ron Johnson said in an op-ed piece before a 2014 hearing, “…”": how far a cue may
# stand before the quotation it introduces.
_LONGEST_COMPLEMENT = 14


# Interview labels at the start of a paragraph name a turn, not a speaker of quoted words.
_INTERVIEW_LABELS = frozenset("frage antwort question answer q a f interviewer interview".split())


_ANSWER_LABELS = frozenset("antwort answer a".split())


def answer_label_end(text: str, paragraph: Paragraph) -> int | None:
    """Where an interview answer's label ("Antwort:", "A:") ends, if the paragraph opens
    with one."""
    colon = text.find(":", paragraph.start, min(paragraph.end, paragraph.start + 12))
    if colon == -1:
        return None
    label = text[paragraph.start : colon].strip(" \t*_'\"„“”").lower()
    return colon + 1 if label in _ANSWER_LABELS else None


def is_interview_label(text: str, start: int, colon: int) -> bool:
    """ "Frage: …", "Antwort: „…“", "Q: …": a label and a colon opening the paragraph."""
    label = text[start:colon].strip(" \t*_'\"„“”").lower()
    return label in _INTERVIEW_LABELS


def _attribution_sentence_before(text: str, context: QuoteContext) -> Attribution:
    """ "…, Farrow chimed in. “I never …”": a sentence that ends in its speaker and cue verb,
    with no quotation of its own, introduces the quotation that follows it."""
    paragraph = context.paragraph
    end = context.quote.open_mark
    ends = [e for e in sentence_ends(text, paragraph.start, paragraph.end) if e <= end]
    if not ends or text[ends[-1] : end].strip():
        return NO_ATTRIBUTION
    start = ends[-2] if len(ends) > 1 else paragraph.start
    sentence = text[start : ends[-1]]
    if any(mark in sentence for mark in '“”"«»„'):
        return NO_ATTRIBUTION
    words = tokens(text, start, ends[-1])
    while words and words[-1][2] in (".", "!"):
        words = words[:-1]
    if words and bare(words[-1][2]) in CUE_PARTICLES:
        words = words[:-1]
    if len(words) < 2 or not is_cue(words[-1][2]) or bare(words[-1][2]) in ("said", "says"):
        return NO_ATTRIBUTION  # "X said." alone is a claim's end more often than a lead-in
    back = len(words) - 2
    first = back
    while first > 0 and words[first - 1][2] not in (",", ";", "—", "–"):
        first -= 1
    if back - first > 5:
        return NO_ATTRIBUTION
    mention = parse_speaker_phrase(text, words[first][0], words[back][1], after_verb=False)
    if mention is None or mention.start != words[first][0]:
        return NO_ATTRIBUTION
    return _attribution(text, mention, words[-1], ADJACENT_BEFORE, end, words)


def _subject_before(
    text: str, words, verb_index: int, clause_start: int, anywhere: bool = False
) -> Mention | None:
    """The speaker of a clause that ends in a cue verb, skipping introductory phrases.

    Reads comma-separated chunks from the verb backwards: "Julie Smith, who served …, told"
    and "Smith, 54, a retired nurse, said" both name Smith; "In a statement, the ministry
    said" names the ministry.
    """
    if verb_index < 1:
        return None
    back = _before_modifiers(words, verb_index - 1)
    if back == 0 and (bare(words[0][2]) in _BETWEEN_SPEAKER_AND_VERB or _is_adverb(words[0][2])):
        return None
    # "Trump, who has called the pact “insanity”": the relative pronoun's antecedent speaks.
    if bare(words[back][2]) in ("who", "whom") and back >= 1:
        antecedent_end = back - 1 if words[back - 1][2] == "," else back
        for first in range(max(0, antecedent_end - 6), antecedent_end):
            mention = parse_speaker_phrase(
                text, words[first][0], words[antecedent_end - 1][1], after_verb=False
            )
            if (
                mention is not None
                and mention.kind in (NAME, DESCRIPTION, "organization")
                and mention.end >= words[antecedent_end - 1][1] - 1
                and (first == 0 or not _continues_name(words, first))
            ):
                return mention
    chunks: list[tuple[int, int]] = []
    chunk_start = 0
    for position in range(back + 1):
        if words[position][2] in (",", "—", "–", ";", ":", "(", ")"):
            if position > chunk_start:
                chunks.append((chunk_start, position))
            chunk_start = position + 1
    if back + 1 > chunk_start:
        chunks.append((chunk_start, back + 1))
    if chunks:
        # "… briefs, which it said": the pronoun right before the verb speaks; but in
        # "Zimmerman, who identifies as Hispanic, told" the name ends an appositive.
        nearest = _nearest_subject(text, words, *chunks[-1])
        lead = chunks[-1][0]
        in_appositive = (
            len(chunks) > 1
            and _is_appositive_only(words, *chunks[-1])
            and nearest is not None
            and (
                bare(words[lead][2]) not in _APPOSITIVE_STARTS  # "of Flint", "Mich.", "54"
                or (lead + 1 < len(words) and nearest.start > words[lead + 1][0])
            )  # but "which critics call": the relative clause's own subject
        )
        if nearest is not None and not in_appositive:
            return nearest
    while chunks and _is_appositive_only(words, *chunks[-1]):
        chunks.pop()  # "Sen. Delgado (D-Nev.)", "Smith, 54,": the tag is not the speaker
    if chunks:
        nearest = _nearest_subject(text, words, *chunks[-1])
        if nearest is not None:
            return nearest
    fallback: Mention | None = None
    for first, last in reversed(chunks[-4:]):
        lead = bare(words[first][2])
        coordinated = lead in (
            "but",
            "and",
            "still",
            "yet",
            "so",
            "then",
            "now",
            "while",
            "whereas",
        )
        if coordinated and first + 1 < last:
            first += 1
            lead = bare(words[first][2])
        if lead in _INTRODUCTORY or _is_appositive_only(words, first, last):
            continue
        if _is_dateline(words, first, last):
            continue  # "LAS VEGAS — A federal judge …"
        mention = parse_speaker_phrase(text, words[first][0], words[last - 1][1], after_verb=False)
        if mention is None:
            # "… a result she said": the word right before the verb may be the speaker.
            if (first, last) == chunks[-1]:
                mention = _nearest_subject(text, words, first, last)
            if mention is None:
                continue
        if mention.kind in (PRONOUN, "name", "organization", "publication"):
            if mention.kind == "name" and last < back + 1 and not mention.role:
                # "Hana Sato, the finance minister, said": keep the appositive as her role.
                role = text[words[last][1] : words[back][1]].strip(" ,;()—–")
                mention = replace(mention, role=role or None)
            return mention
        if fallback is None:
            fallback = mention
        if coordinated:
            return fallback  # "…, and the port authority says": a clause of its own
        if not anywhere and mention.text.split()[0].lower() in (
            "a",
            "an",
            "the",
            "his",
            "her",
            "their",
            "its",
        ):
            continue  # an appositive description: the name may stand before it
        return fallback
    return fallback


def _clause_subject(text: str, words) -> Mention | None:
    """'Tomas Brindle put it plainly:': the subject of the clause that ends at the colon
    ("When the moderators pressed him — Cruz called them on it:" is Cruz), else the first
    mention after any introductory phrase."""
    ends = [i for i, w in enumerate(words) if w[2] in (",", "—", "–", ";")] + [len(words)]
    for chunk_end, chunk_start in zip(reversed(ends), reversed([-1, *ends[:-1]]), strict=True):
        first = chunk_start + 1
        if first >= chunk_end or bare(words[first][2]) in _INTRODUCTORY:
            continue
        mention = parse_speaker_phrase(
            text, words[first][0], words[chunk_end - 1][1], after_verb=False
        )
        if mention is None or mention.start != words[first][0] or mention.text.lower() == "it":
            continue
        following = [w[2] for w in words[first:chunk_end] if w[0] >= mention.end]
        if following and following[0][:1].islower() and following[0] not in _NOT_A_SUBJECT:
            return mention
    return _first_clause_subject(text, words)


def _first_clause_subject(text: str, words) -> Mention | None:
    chunk_start = 0
    for position in range(len(words) + 1):
        if position < len(words) and words[position][2] not in (",", "—", "–", ";"):
            continue
        if position > chunk_start and bare(words[chunk_start][2]) not in _INTRODUCTORY:
            return parse_speaker_phrase(
                text, words[chunk_start][0], words[position - 1][1], after_verb=False
            )
        chunk_start = position + 1
    return None


def _is_adverb(word: str) -> bool:
    return word.islower() and word.endswith("ly") and len(word) > 3


def _is_dateline(words, first: int, last: int) -> bool:
    """'LAS VEGAS —' opening a wire story names a place, not a speaker."""
    letters = [w[2] for w in words[first:last] if w[2][:1].isalpha()]
    followed_by_dash = last < len(words) and words[last][2] in ("—", "–", "-")
    return bool(letters) and followed_by_dash and all(w.isupper() and len(w) > 1 for w in letters)


def _is_appositive_only(words, first: int, last: int) -> bool:
    """Chunks such as "R-Texas", "54", "who served as ambassador" describe, not name."""
    lead = words[first][2]
    if re.fullmatch(r"[RDI]-[A-Z][\w.]*", lead) or lead[:1].isdigit():
        return True
    if bare(lead) == "of" or (
        last == first + 1 and lead.endswith(".") and bare(lead) in _STATE_ABBREVIATIONS
    ):
        return True  # "Cory James, 22, of Flint, Mich., said": where the speaker is from
    return bare(lead) in _APPOSITIVE_STARTS


_STATE_ABBREVIATIONS = frozenset(
    """ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo
    mont neb nev n.h n.j n.m n.y n.c n.d okla ore pa r.i s.c s.d tenn tex va vt wash w.va
    wis wyo d.c""".split()
)


# Chunks that describe the speaker beside the name: "who served …", "speaking at a rally …".
_APPOSITIVE_STARTS = frozenset(
    """who whose which now then himself herself themselves formerly speaking writing citing
    adding appearing testifying standing visiting asked answering responding referring
    pointing""".split()
)
# A name right after one of these is an object, not the speaker: "a stop in Pennsylvania said".
_NOT_BEFORE_SUBJECT = frozenset(
    "in at of from for with to by on about into over under near across against like a an the "
    "his her their its".split()
)


def _nearest_subject(text: str, words, first: int, last: int) -> Mention | None:
    """The name or pronoun that ends right at the verb: "which she said", "Julie Smith told"."""
    for start_index in range(max(first, last - 5), last):
        # Cheap tests first: they do not depend on the phrase, and most words fail them.
        if start_index > first and (
            _continues_name(words, start_index)
            or bare(words[start_index - 1][2]) in _NOT_BEFORE_SUBJECT
        ):
            continue
        if not could_open_subject(words[start_index][2]):
            continue
        mention = parse_speaker_phrase(
            text, words[start_index][0], words[last - 1][1], after_verb=False
        )
        if (
            mention is not None
            and (
                mention.kind in (PRONOUN, "name")
                or (
                    start_index > first
                    and bare(words[start_index - 1][2]) in _CLAUSE_OPENERS
                    and _short_definite(mention)
                )
            )
            and mention.end >= words[last - 1][1] - 1
        ):
            return mention
    return None


_NOT_A_SUBJECT = frozenset(
    "that which who whom whose where when because while after before if though although "
    "since until unless whether than as".split()
)

_CLAUSE_OPENERS = frozenset(
    "that which whom when and but because while as after before if since".split()
)


def _short_definite(mention: Mention) -> bool:
    """'… reported that the president told …': a short description opening a clause."""
    words = mention.text.split()
    bare_plural = len(words) <= 2 and words[-1].lower().endswith("s")  # "which critics call"
    return (
        mention.kind == DESCRIPTION
        and (words[0].lower() == "the" or bare_plural)
        and len(words) <= 4
        and (mention.head or "") in PERSON_NOUNS
    )


def _continues_name(words, index: int) -> bool:
    """True when the word before words[index] belongs to the same name ("Julie" in Julie Smith)."""
    before = words[index - 1][2]
    return before[:1].isupper() and bare(before) not in _INTRODUCTORY


def fragment_attribution(text: str, context: QuoteContext) -> Attribution:
    """She called the plan “reckless”: the subject of a speech verb earlier in the sentence."""
    start, end = context.prefix_start, context.quote.open_mark
    words = tokens(text, start, end)
    found: tuple[Mention, int] | None = None
    for position in range(len(words) - 1, -1, -1):
        if bare(words[position][2]) not in FRAGMENT_VERBS:
            continue
        if found is not None and bare(words[position][2]) in _FINDING_VERBS:
            continue
        if words[position][2].endswith("ing") and all(
            _is_adverb(w[2].lower()) for w in words[:position]
        ):
            continue  # "Hastily blaming the weather, Marsh …": the participle has no subject
        mention = _participle_subject(text, words, position) or _subject_before(
            text, words, position, start
        )
        if mention is None:
            continue
        if found is not None:
            found = (mention, position)  # the report's own speaker
            break
        found = (mention, position)
        if bare(words[position][2]) not in _FINDING_VERBS:
            break
        # "Westmacott said that Obama shows “great charm”": the words are the reporter's
        # of what Obama shows, unless nobody reports them.
    if found is None:
        return NO_ATTRIBUTION
    mention, position = found
    return _attribution(text, mention, words[position], FRAGMENT, end, words)


# Verbs of showing, finding and thinking: their subject shows or holds something; when a
# speaker reports it ("Another said he hoped with his “whole heart”"), the words are the
# speaker's.
_FINDING_VERBS = frozenset(
    """found finds showed shows determined determines considered considers consider believes
    believed believe thinks thought think hopes hoped fears feared worries worried expects
    expected envisions envisioned""".split()
)


def _participle_subject(text: str, words, position: int) -> Mention | None:
    """ ", saying “…”", ", calling her “…”": the participle's subject is the main clause's."""
    if position < 2 or bare(words[position][2]) not in PARTICIPLE_CUES:
        return None
    # "…, with Sen. Ruth Ortega calling it a “Chinese menu”": the noun after "with".
    for with_at in range(position - 2, max(-1, position - 8), -1):
        if words[with_at][2] in (",", ";", ".", "—"):
            break
        if bare(words[with_at][2]) == "with":
            mention = parse_speaker_phrase(
                text, words[with_at + 1][0], words[position - 1][1], after_verb=False
            )
            if mention is not None and mention.end >= words[position - 1][1] - 1:
                return mention
            break
    if words[position - 1][2] not in (",", "—", "–"):
        return None
    return main_clause_subject(text, words[: position - 1])


def sentence_subject(text: str, context: QuoteContext, language: str = "en") -> Attribution:
    """A fragment in a sentence without a cue verb is most often its subject's words:
    "Marsh wants a “fair deal” for the town"."""
    start = context.sentence_start if context.sentence_start >= 0 else context.prefix_start
    words = tokens(text, start, context.quote.open_mark)
    mention = main_clause_subject(text, words)
    if mention is None or mention.kind not in (NAME, PRONOUN, DESCRIPTION, "organization"):
        return NO_ATTRIBUTION
    following = next((w[2] for w in words if w[0] >= mention.end), "")
    if not following[:1].islower():
        return NO_ATTRIBUTION  # the subject must be followed by its verb
    one_word_name = mention.kind == NAME and not mention.title and " " not in mention.name
    if (
        language != "de"
        and one_word_name
        and not _capitalised_elsewhere(text, mention.name, mention.start)
    ):
        return NO_ATTRIBUTION  # "Just click here": a capital only at the sentence's start
    return Attribution(mention, None, None, None, SENTENCE_SUBJECT, mention.end)


def _capitalised_elsewhere(text: str, word: str, position: int) -> bool:
    """A one-word name at a sentence's start may be a common word with a capital: "Just click
    here", "Optimism is higher". It is one when the article writes it in lower case elsewhere
    and never capitalises it where no sentence starts ("… said Marsh")."""
    lower = re.compile(r"(?<![\w’'-])" + re.escape(word.lower()) + r"(?![\w’'-])")
    if not lower.search(text):
        return True
    capital = re.compile(r"(?<=[\w,;:] )" + re.escape(word) + r"(?![\w’'-])")
    return any(match.start() != position for match in capital.finditer(text))


_SUBORDINATORS = frozenset("although though because since if unless whereas".split())


def _fronted_participle(words, first: int, last: int) -> bool:
    """ "Pressed on the cost", "Hastily politicizing the tragedy": a participle opens it."""
    position = first + 1 if _is_adverb(words[first][2].lower()) else first
    if position + 1 >= last:
        return False
    return bare(words[position][2]).endswith(("ed", "ing")) and words[position + 1][2][:1].islower()


def main_clause_subject(text: str, words) -> Mention | None:
    """The subject of a sentence, past datelines, time phrases and fronted participles."""
    chunk_start = 0
    for position in range(len(words) + 1):
        if position < len(words) and words[position][2] not in (",", "—", "–", ";", ":"):
            continue
        first, last = chunk_start, position
        chunk_start = position + 1
        if last <= first:
            continue
        lead = words[first][2]
        if bare(lead) in _SUBORDINATORS and first + 1 < last:
            first += 1  # "Although he told the FBI that …": the clause's own subject
            lead = words[first][2]
        if bare(lead) in _INTRODUCTORY or _is_dateline(words, first, last):
            continue
        if _is_adverb(lead.lower()) and first + 1 < last:
            lead = words[first + 1][2]  # "Hastily politicizing the tragedy, …"
        if (lead[:1].isupper() or words[first][2][:1].isupper()) and _fronted_participle(
            words, first, last
        ):
            continue  # "Pressed on the cost, …": a fronted participle, not a name
        mention = parse_speaker_phrase(text, words[first][0], words[last - 1][1], after_verb=False)
        if mention is None or mention.start != words[first][0]:
            return None
        if mention.kind == PRONOUN and mention.text.lower() == "it":
            return None
        return mention
    return None

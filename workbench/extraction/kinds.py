"""Is a quotation somebody's words (direct, partial) or a term or title nobody is credited with?

News writing quotes fragments of what people said far more often than it puts terms in marks:
a fragment that a person's words fill ("praised the mayor as a “steady hand”") is `partial`.
`scare` is kept for titles of shows, books and programmes, for "so-called", "the words",
"dubbed", "titled", and for capitalised terms that nobody in the sentence is credited with.
"""

from __future__ import annotations

import re

from workbench.domain import QuoteKind
from workbench.extraction.attribution import (
    ADJACENT_AFTER,
    TERMINAL,
    Attribution,
    QuoteContext,
    fragment_attribution,
    is_cue,
    sentence_subject,
)
from workbench.extraction.german import (
    german_named_by_noun,
    german_names_a_thing,
    is_reported_in_german,
)
from workbench.extraction.lexicon import FRAGMENT_VERBS, NOUN_CUES, PERSON_NOUNS
from workbench.extraction.mentions import DESCRIPTION, NAME, PRONOUN, parse_speaker_phrase

# "the so-called ‚bridge solution‘", "the word ``progress''", "an “official act,” a term …"
_TERM_BEFORE = re.compile(
    r"(?:so-called|so called|the (?:[\w-]+ ){0,2}(?:word|words|term|phrase|slogan|hashtag"
    r"|label|name|title|headline|motto|nickname|moniker)s?,?|known as|nicknamed|dubbed|titled"
    r"|entitled|headlined|hashtag|so genannte[nmrs]?|sogenannte[nmrs]?|dite?s?|appelée?s?)\s*$",
    re.IGNORECASE,
)
# After a title: "“Daily Show” host Trevor Noah", "“The Living Room to close,” by Ben Sisario".
_WORK_AFTER = re.compile(
    r"\s*(?:,?\s*by\s+(?:the\s+)?[A-Z]|(?:star|stars|co-star|host|hosts|co-host|creator|actor|actress"
    r"|anchor|author|showrunner|producer|director)\b)"
)
# A term glossed in brackets: "“Refoulement” (forcible return) is forbidden".
_GLOSS_AFTER = re.compile(
    r"\s*\((?!deutsch|englisch|english|german|french|französisch|latin|lateinisch|translat"
    r"|übersetzt)[a-zäöüß][^()]{0,40}\)"
)
_TERM_AFTER = re.compile(
    r"^\s*,?\s*(?:a|the) (?:term|phrase|word|label|slogan|reference|nickname)\b"
)
# A title of a work: "on “Morning Briefing”", "her memoir, “Plain Speaking”", "the film “…”".
_WORK_BEFORE = re.compile(
    r"\b(?:show|shows|programme|program|podcast|series|book|books|memoir|novel|film|movie|"
    r"autobiography|biography|"
    r"documentary|album|song|songs|single|play|musical|opera|episode|column|essay|op-ed|"
    r"newsletter|newspaper|magazine|paper|blog|website|hit|poem|painting|exhibition|segment|"
    r"broadcast|channel|sitcom|special|anthem|hymn|tune|track|game|app|brand|website|"
    r"Buch|Film|Roman|Sendung|Titel|Album|Lied|Zeitung|Magazin|Serie|"
    r"livre|film|émission|journal|chanson|roman)\b[\s,:]*(?:[\w’'.-]+\s+){0,2}$",
    re.IGNORECASE,
)
_TITLE_PREPOSITIONS = re.compile(r"(?:\b(?:on|in|from|watch|watching|hosts?|hosted|of)|’s|'s)\s*$")

_NAMING_VERBS = frozenset(
    "called calls call dubbed dubs labeled labels labelled branded brands termed terms".split()
)
_THING_WORDS = frozenset(
    "act bill plan program programme initiative agreement accord law treaty amendment "
    "resolution fund report strategy doctrine".split()
)
_GERMAN_SMALL_WORDS = frozenset(
    """der die das des dem den ein eine einer eines einem einen und oder von vom für mit ohne
    unter über im am an zum zur zu in auf aus bei nach vor gegen durch um e.v.""".split()
    # and those of the foreign names German news quotes: "Fédération Internationale de
    # Football Association", "Advanced Camera for Surveys", "La Gazzetta dello Sport".
    + """de du la le les da do dos del della dello di of for the and on at to y e et van bin
    al el""".split()
)
# A paragraph that opens with a label and a colon: an interview's "„Pau“: …" or "Q: …".
_LABEL_AFTER = re.compile(r"[“”\"'»«‘’]*\s*:")
# A gloss in brackets: "(kurz: „VDB“)", "(übersetzt etwa: „Partei der Volksmacht“)",
# "(“Da Bruno”)", "(short for “VDB”)".
_GLOSS_LEAD = (
    r"(?:übersetzt|etwa|kurz|deutsch|engl\.?|englisch|auch|short for|translated|roughly|"
    r"literally|wörtlich|sinngemäß|i\.\s?e\.|d\.\s?h\.)"
)
_GLOSS_BEFORE = re.compile(r"\(\s*(?:" + _GLOSS_LEAD + r"\s*:?,?\s*){1,3}$", re.IGNORECASE)
# German puts a bare name or term in brackets to gloss what precedes it: "(„Da Bruno“)".
_BARE_GLOSS_BEFORE = re.compile(r"\(\s*$")
_SMALL_WORDS = frozenset(
    "a an the of and or in on for to at by with from as is are be it its no not".split()
)


def quote_kind(
    text: str,
    context: QuoteContext,
    attribution: Attribution,
    embedded: bool,
    language: str,
    headline_end: int,
) -> QuoteKind:
    """The kind of one quotation, from how it sits in its sentence and who is credited."""
    quote_text = text[context.quote.start : context.quote.end]
    before = text[max(context.prefix_start, context.quote.open_mark - 40) : context.quote.open_mark]
    if (
        _TERM_BEFORE.search(before)
        or _title_by_what_follows(text, context, quote_text)
        or is_label_or_gloss(text, context, language)
        or _german_name(text, context, quote_text, language)
    ):
        return QuoteKind.SCARE  # "a so-called “rolling addendum”", whatever follows it
    if not embedded:
        if _names_a_work(text, context, quote_text, language) and (
            attribution.mention is None or _is_title_or_term(quote_text)
        ):
            return QuoteKind.SCARE  # "Her memoir, “Plain Speaking”, sold well."
        if attribution.how != ADJACENT_AFTER and _introduced_as_term(text, context):
            return QuoteKind.SCARE
        return QuoteKind.DIRECT
    if _names_a_work(text, context, quote_text, language):
        return QuoteKind.SCARE
    if attribution.mention is not None:
        coined = (attribution.cue_text or "").lower() in _NAMING_VERBS
        if coined and _names_a_thing(quote_text):
            return QuoteKind.SCARE  # called the bill the “Secure Borders Act”
        if attribution.how != ADJACENT_AFTER and _introduced_as_term(text, context):
            return QuoteKind.SCARE
        return QuoteKind.PARTIAL
    if _introduced_as_term(text, context):
        return QuoteKind.SCARE
    if is_someones_words(quote_text, language) and (
        len(quote_text.split()) >= 4 or _someone_in_sentence(text, context, before, language)
    ):
        return QuoteKind.PARTIAL
    if context.quote.open_mark < headline_end and language != "de":
        # Headlines quote people: "Councillors Rip Mayor As A ‘Fraud’". (A German article's
        # short first paragraph is its lead, and German capitals say nothing of a headline.)
        return QuoteKind.PARTIAL
    if _noun_cue_before(before):
        return QuoteKind.PARTIAL  # "Marsh's claim that there were “hundreds of complaints”"
    return QuoteKind.SCARE


def is_title_or_term(text: str, context: QuoteContext, language: str) -> bool:
    """A title or a term by how the sentence introduces it, whoever speaks in the sentence:
    "the so-called “rolling addendum”", "her memoir, “Plain Speaking”"."""
    quote_text = text[context.quote.start : context.quote.end]
    before = text[max(context.prefix_start, context.quote.open_mark - 40) : context.quote.open_mark]
    return (
        bool(_TERM_BEFORE.search(before))
        or _names_a_work(text, context, quote_text, language)
        or _introduced_as_term(text, context)
        or _title_by_what_follows(text, context, quote_text)
        or is_label_or_gloss(text, context, language)
        or _german_name(text, context, quote_text, language)
    )


def is_label_or_gloss(text: str, context: QuoteContext, language: str = "en") -> bool:
    """Not anyone's words: an interview's label ("„Pau“: Das Maut-System …") or a gloss in
    brackets ("die Volksfront (übersetzt etwa: „Front des Volkes“)")."""
    quote_text = text[context.quote.start : context.quote.end]
    words = len(quote_text.split())
    if (
        context.quote.open_mark == context.paragraph.start
        and words <= 3
        and _LABEL_AFTER.match(text, context.quote.close_mark_end)
    ):
        return True
    if words > 6 or quote_text[-1:] in ".?!":
        return False
    start = max(context.paragraph.start, context.quote.open_mark - 40)
    before = text[start : context.quote.open_mark]
    if _GLOSS_BEFORE.search(before):
        return True
    return language == "de" and bool(_BARE_GLOSS_BEFORE.search(before))


def _german_name(text: str, context: QuoteContext, quote_text: str, language: str) -> bool:
    """A German name in marks that the sentence gives as a publication's, a work's or a
    source's: "laut „Tagesspiegel“", "die Raumfähre „Discovery“"."""
    if language != "de":
        return False
    if german_named_by_noun(text, context):
        return True
    return (
        not is_someones_words(quote_text, language)
        and quote_text[-1:] not in ".?!"
        and german_names_a_thing(text, context)
    )


def _title_by_what_follows(text: str, context: QuoteContext, quote_text: str) -> bool:
    """ "“Daily Show” host Trevor Noah", "“Refoulement” (forcible return)": what follows the
    marks shows the words are a title or a term, not what anyone said."""
    after = context.quote.close_mark_end
    work = _WORK_AFTER.match(text, after)
    if work and not quote_text[:1].islower():
        by_line = "by" in work.group(0)
        # "“The Anchor Bar to close,” by Ola Brandt" is a headline; "“a disgrace” by the
        # Gazette" is the Gazette's words.
        if not by_line or quote_text.endswith(",") or "," in work.group(0):
            return True
    short = len(quote_text.split()) <= 3 and quote_text[-1:] not in ".?!"
    return short and bool(_GLOSS_AFTER.match(text, after))


def is_someones_words(quote_text: str, language: str) -> bool:
    """Long fragments, and fragments that begin lower-case, are almost always somebody's words.

    German capitalises every noun, so there a capital says nothing; a lower-case start still
    marks a verb, an adjective or a clause.
    """
    words = quote_text.split()
    first = quote_text.lstrip("([‘'…. ")[:1]
    if first.islower():
        return True
    if language == "de":
        # "sei in freundschaftlicher Atmosphäre verlaufen" has verbs and adjectives in it;
        # "Ärzte ohne Grenzen", "Oberste Rat zur Wiederherstellung der Demokratie" are names.
        return any(w[:1].islower() and w.lower() not in _GERMAN_SMALL_WORDS for w in words[1:])
    return len(words) >= 4


def _someone_in_sentence(
    text: str, context: QuoteContext, before: str, language: str = "en"
) -> bool:
    """A short fragment is someone's words when the sentence has a person to say them:
    "Marsh wants a “fair deal”", not "the cuts have led to “trust issues” within NATO"."""
    if language == "de" and is_reported_in_german(text, context):
        return True  # "es stehe im Gegensatz zur „sozialen Marktwirtschaft“": reported speech
    if re.search(r"\b(?:a|an|the|this|that|its)\s*$", before, re.IGNORECASE) and not any(
        bare_word in FRAGMENT_VERBS for bare_word in re.findall(r"[a-z]+", before.lower())
    ):
        return False  # "approved a “fast lane”": a term the writer uses
    subject = sentence_subject(text, context, language).mention
    if subject is not None and subject.kind in (PRONOUN, NAME, DESCRIPTION):
        return subject.kind != DESCRIPTION or (subject.head or "") in PERSON_NOUNS
    sentence = text[context.prefix_start : context.tail_end].lower()
    return any(word in FRAGMENT_VERBS for word in re.findall(r"[a-z]+", sentence))


def _names_a_work(text: str, context: QuoteContext, quote_text: str, language: str) -> bool:
    before = text[max(context.prefix_start, context.quote.open_mark - 60) : context.quote.open_mark]
    if not _WORK_BEFORE.search(before):
        if language == "de" or not _TITLE_PREPOSITIONS.search(before):
            return False
        return _is_title_or_term(quote_text) and len(quote_text.split()) <= 6
    return not quote_text[:1].islower()


def _noun_cue_before(before: str) -> bool:
    words = re.findall(r"[\w’'-]+", before.lower())[-4:]
    return any(w.removesuffix("’s").removesuffix("'s") in NOUN_CUES for w in words)


def _names_a_thing(quote_text: str) -> bool:
    """'Secure Borders Act', 'Operation Warp Speed': the title of a bill or a programme."""
    words = quote_text.rstrip(",.").split()
    return bool(words) and (
        words[-1].lower() in _THING_WORDS or words[0].lower() in ("operation", "project")
    )


def _introduced_as_term(text: str, context: QuoteContext) -> bool:
    before = text[max(context.prefix_start, context.quote.open_mark - 40) : context.quote.open_mark]
    if _TERM_BEFORE.search(before):
        return True
    after = text[context.quote.close_mark_end : context.tail_end]
    return bool(_TERM_AFTER.match(after)) and fragment_attribution(text, context).mention is None


def _is_title_or_term(quote_text: str) -> bool:
    """'Drowned Acres', 'The Art of the Deal': capitalised like a title, too short to be speech."""
    words = quote_text.rstrip(",.").split()
    if len(words) > 8 or quote_text[-1:] in "?!":
        return False
    capitalised = [w for w in words if w[:1].isupper()]
    lower = [w for w in words if not w[:1].isupper() and w.lower() not in _SMALL_WORDS]
    return not lower and len(capitalised) >= 1


def is_embedded(text: str, context: QuoteContext) -> bool:
    """A fragment of the writer's own sentence, not a statement set off on its own."""
    before = text[context.prefix_start : context.quote.open_mark].rstrip()
    quote_text = text[context.quote.start : context.quote.end]
    if (
        before
        and before[-1] not in ":,—–("
        and not re.search(
            r"\b(?:" + "|".join(("said", "says", "asked", "added", "wrote", "told \\w+")) + r")$",
            before,
        )
    ):
        return True
    if before and before[-1] == "," and not _comma_introduces_quote(text, context):
        return True
    if quote_text and quote_text[-1] in TERMINAL + ",":
        return False
    # “Trust issues” have become common: the sentence goes on after the quote.
    after = text[context.quote.close_mark_end : context.tail_end].lstrip()
    if after[:1].islower():
        first_word = after.split(None, 1)[0].strip(",.;:")
        return (
            not is_cue(first_word)
            and parse_speaker_phrase(
                text, context.quote.close_mark_end, context.tail_end, after_verb=False
            )
            is None
        )
    return False


def _comma_introduces_quote(text: str, context: QuoteContext) -> bool:
    """“…,” she said, “…”  or  Smith said, “…”: a comma set before a statement."""
    before = text[context.prefix_start : context.quote.open_mark].rstrip().rstrip(",")
    words = before.split()
    if not words:
        return True
    if any(is_cue(w.strip(",.")) for w in words[-6:]):
        return True
    return text[context.quote.start : context.quote.start + 1].isupper()

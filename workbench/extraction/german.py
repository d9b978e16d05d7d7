"""German attribution: „…“, sagte der Bischof; Der Bischof sagte: „…“; „…“, so X; laut X.

German puts the finite verb second, so the subject often follows it ("Zum Rücktritt sagte der
Bischof: „…“" — "Zum Rücktritt" is not a speaker), capitalises every noun (a capital says
nothing about a name), and reports speech in Konjunktiv I ("habe Weber „die Verhandlung sogar
verzögert“"), whose fragment belongs to the last speaker named.
"""

from __future__ import annotations

import re

from workbench.extraction.attribution import (
    ADJACENT_AFTER,
    ADJACENT_BEFORE,
    COLON,
    FRAGMENT,
    NO_ATTRIBUTION,
    SENTENCE_SUBJECT,
    Attribution,
    QuoteContext,
)
from workbench.extraction.mentions import DESCRIPTION, NAME, PRONOUN, Mention, tokens

# Finite forms (and a few infinitives) of verbs of saying, writing and judging.
GERMAN_CUES = frozenset(
    """sagte sagten sagt sagen sage erklärte erklärten erklärt erklären betonte betonten
    betont meinte meinten meint kritisierte kritisierten kritisiert warnte warnten warnt
    fügte fügten fügt ergänzte ergänzt schrieb schrieben schreibt berichtete berichteten
    berichtet teilte teilten teilt äußerte äußerten äußert sprach sprachen spricht
    forderte forderten fordert bekräftigte bekräftigt erläuterte erläutert behauptete
    behauptet verkündete verkündet kündigte kündigt bestätigte bestätigt räumte räumt
    stellte stellt zitierte zitiert antwortete antworteten antwortet entgegnete entgegnet
    widersprach widerspricht unterstrich unterstreicht versicherte versichert
    kommentierte kommentiert resümierte beklagte beklagt bezeichnete bezeichneten
    bezeichnet nannte nannten nennt lobte lobten lobt verwies verweist wies weist
    mahnte mahnt rief ruft appellierte appelliert erinnerte erinnert gab gibt
    begründete begründet beschrieb beschreibt bemerkte bemerkt folgerte schloss
    beteuerte beteuert bedauerte bedauert räumte gestand gesteht urteilte urteilt
    twitterte schilderte schildert zeigte zeigt hieß heißt""".split()
)
# Verbs after which a quoted fragment is a name, not speech: "wie sich die Junta nennt".
_NAMING = frozenset("nennt nannte nennen heißt hieß hießen genannt".split())
_DETERMINERS = frozenset(
    "der die das den dem des ein eine einen einem einer eines dieser diese dieses".split()
)
_PRONOUNS = {"er": "er", "sie": "sie"}
# Words that open a clause or a phrase and never start a speaker.
_NOT_SUBJECT = frozenset(
    """und aber doch auch so zum zur im am vom beim nach vor bei mit von für über unter
    gegen um in an auf aus als wie wenn weil dass ob da dann damit jedoch zudem außerdem
    hingegen dazu darauf deshalb trotzdem heute gestern morgen nun noch bereits""".split()
)
_ROLE_ENDINGS = (
    "er",
    "in",
    "or",
    "ent",
    "ant",
    "chef",
    "chefin",
    "minister",
    "ministerin",
    "sprecher",
    "sprecherin",
    "vorsitzende",
    "vorsitzender",
    "leiter",
    "leiterin",
    "direktor",
    "präsident",
    "präsidentin",
    "vorstand",
    "experte",
    "expertin",
    "kanzler",
    "kanzlerin",
    "politiker",
    "politikerin",
)


def german_attribution(text: str, context: QuoteContext) -> Attribution:
    """The speaker of a quotation in German prose, after it, before it, or in its sentence."""
    for finder in (_after, _before, _in_sentence):
        found = finder(text, context)
        if found.mention is not None:
            return found
    return NO_ATTRIBUTION


def german_sentence_subject(text: str, context: QuoteContext) -> Attribution:
    """A fragment in a sentence with no verb of saying: the sentence's subject said it."""
    mention = clause_subject(text, context.prefix_start, context.quote.open_mark)
    if mention is None:
        return NO_ATTRIBUTION
    return Attribution(mention, None, None, None, SENTENCE_SUBJECT, mention.end)


def _words(text: str, start: int, end: int):
    return tokens(text, start, end)


def _after(text: str, context: QuoteContext) -> Attribution:
    """„…“, sagte der Bischof.  „…“, so Schnappauf.  „…“, fügte Kempthorne hinzu."""
    words = _words(text, context.quote.close_mark_end, context.tail_end)
    while words and words[0][2] in (",", "—", "–", "-"):
        words = words[1:]
    if not words:
        return NO_ATTRIBUTION
    verb = words[0]
    lowered = verb[2].lower()
    if lowered in GERMAN_CUES or lowered == "so":
        mention = german_phrase(text, words, 1)
        if mention is not None:
            return _made(mention, verb, ADJACENT_AFTER)
    # „…“, Schnappauf sagte nicht mehr. — rare, but the subject may come first.
    mention = german_phrase(text, words, 0)
    if mention is not None:
        following = next((w for w in words if w[0] >= mention.end), None)
        if following is not None and following[2].lower() in GERMAN_CUES:
            return _made(mention, following, ADJACENT_AFTER)
    return NO_ATTRIBUTION


def _before(text: str, context: QuoteContext) -> Attribution:
    """Der Bischof sagte: „…“  /  Zum Rücktritt sagte der Bischof: „…“  /  Laut X „…“."""
    words = _words(text, context.prefix_start, context.quote.open_mark)
    if not words:
        return NO_ATTRIBUTION
    found = _laut(text, words)
    if found.mention is not None:
        return found
    for position in range(len(words) - 1, -1, -1):
        if words[position][2].lower() not in GERMAN_CUES:
            continue
        if len(words) - position > 14:
            break
        mention = _subject_of(text, words, position)
        if mention is not None:
            return _made(mention, words[position], ADJACENT_BEFORE)
    if words[-1][2] == ":":
        # "Teamchef Jean Todt stellt sich vor seinen Piloten: „…“": the clause's subject.
        mention = clause_subject(text, words[0][0], words[-1][0])
        if mention is not None:
            return Attribution(mention, None, None, None, COLON, mention.end)
    return NO_ATTRIBUTION


def _in_sentence(text: str, context: QuoteContext) -> Attribution:
    """A fragment inside a sentence whose verb of saying comes after the quotation."""
    words = _words(text, context.quote.close_mark_end, context.tail_end)
    for position, word in enumerate(words[:12]):
        if word[2].lower() in _NAMING:
            return NO_ATTRIBUTION
        if word[2].lower() in GERMAN_CUES:
            mention = german_phrase(text, words, position + 1)
            if mention is not None:
                return _made(mention, word, FRAGMENT)
    return NO_ATTRIBUTION


def _laut(text: str, words) -> Attribution:
    """ "laut X", "X zufolge", "nach Angaben von X", "nach Worten von X": X is the source."""
    for position, word in enumerate(words):
        lowered = word[2].lower()
        if lowered == "laut" or (lowered == "nach" and _next_is(words, position, "angaben")):
            skip = 1 if lowered == "laut" else 2
            if _next_is(words, position + skip - 1, "von") or _next_is(
                words, position + skip - 1, "des"
            ):
                skip += 1
            mention = german_phrase(text, words, position + skip)
            if mention is not None:
                return _made(mention, word, ADJACENT_BEFORE)
        if lowered == "zufolge" and position > 0:
            for back in range(max(0, position - 5), position):
                mention = german_phrase(text, words, back)
                if mention is not None and mention.end >= words[position - 1][1] - 1:
                    return _made(mention, word, ADJACENT_BEFORE)
    return NO_ATTRIBUTION


def _next_is(words, position: int, value: str) -> bool:
    return position + 1 < len(words) and words[position + 1][2].lower() == value


def _subject_of(text: str, words, verb: int) -> Mention | None:
    """The subject of a verb of saying: right before it, or right after it (verb second)."""
    chunk_start = verb
    while chunk_start > 0 and words[chunk_start - 1][2] not in (",", ";", ":", "—", "–", "."):
        chunk_start -= 1
    lead = chunk_start + (1 if words[chunk_start][2].lower() in ("und", "aber", "doch") else 0)
    for start in range(lead, min(lead + 1, verb)):  # the subject opens its clause
        mention = german_phrase(text, words, start)
        if mention is None:
            continue
        between = [w[2] for w in words[start:verb] if w[0] >= mention.end]
        if len(between) <= 2 and all(w.islower() for w in between):
            return mention  # "Die Kanadier hingegen sagen": an adverb may stand between
        break
    return german_phrase(text, words, verb + 1)  # "Zum Rücktritt sagte der Bischof"


def clause_subject(text: str, start: int, end: int) -> Mention | None:
    """The subject of a German clause: first, or right after the finite verb."""
    words = tokens(text, start, end)
    mention = german_phrase(text, words, 0)
    if mention is not None:
        following = next((w[2] for w in words if w[0] >= mention.end), "")
        return mention if following[:1].islower() else None
    for position in range(1, min(len(words), 6)):
        if words[position][2].islower() and words[position][2] not in _DETERMINERS:
            return german_phrase(text, words, position + 1)
    return None


def german_phrase(text: str, words, index: int) -> Mention | None:
    """'der Bischof', 'Projektkoordinator Andreas Grassauer', 'Schnappauf', 'er'."""
    if index >= len(words):
        return None
    first = words[index][2].rstrip(".")
    if first.lower() in _PRONOUNS and (first.islower() or index == 0):
        end = words[index][0] + len(first)
        return Mention(words[index][0], end, PRONOUN, first, first.lower())
    position = index
    determiner = first.lower() in _DETERMINERS
    if determiner:
        position += 1
    elif first.lower() in _NOT_SUBJECT or not first[:1].isupper():
        return None
    while position < len(words) and _adjective(words[position][2]) and determiner:
        position += 1
    capitals = []
    while position < len(words) and _capitalised(words[position][2]):
        capitals.append(words[position])
        position += 1
    if not capitals:
        return None
    start, end = words[index][0], capitals[-1][1]
    if text[end - 1] == ".":
        end -= 1  # the sentence's full stop, not an abbreviation
    phrase = text[start:end]
    names = [w[2].rstrip(".") for w in capitals]
    if len(names) >= 2 and (determiner or _is_role(names[0])):
        role, person = names[0], " ".join(names[1:])
        return Mention(start, end, NAME, phrase, person, title=role)
    if determiner:
        return Mention(start, end, DESCRIPTION, phrase, phrase, head=names[-1].lower(), full=phrase)
    return Mention(start, end, NAME, phrase, " ".join(names))


def _capitalised(word: str) -> bool:
    return (
        word[:1].isupper()
        and any(ch.isalpha() for ch in word)
        and word.lower() not in (_NOT_SUBJECT | _DETERMINERS)
    )


def _adjective(word: str) -> bool:
    return word.islower() and bool(re.fullmatch(r"[a-zäöüß-]+(?:e|en|er|es|em)", word))


def _is_role(word: str) -> bool:
    lowered = word.lower()
    return "-" in word or lowered.endswith(_ROLE_ENDINGS)


def _made(mention: Mention, verb, how: str) -> Attribution:
    return Attribution(mention, verb[2], verb[0], verb[1], how, max(mention.end, verb[1]))


# Nouns after which a name in marks names that thing: "der Zeitung „Yemen Observer“", "im
# Fachblatt „La Gazzetta“", "des Stamms „al-Dahha“", "die Raumfähre „Discovery“". German
# compounds end in them ("Nachrichtenagentur", "Fernsehserie").
_NAMED_THING_ENDINGS = (
    "zeitung",
    "zeitungen",
    "magazin",
    "magazins",
    "blatt",
    "blatts",
    "agentur",
    "sender",
    "senders",
    "zeitschrift",
    "serie",
    "film",
    "films",
    "buch",
    "buchs",
    "roman",
    "album",
    "lied",
    "song",
    "titel",
    "motto",
    "name",
    "namen",
    "partei",
    "organisation",
    "verein",
    "vereins",
    "verband",
    "verbands",
    "bündnis",
    "bündnisses",
    "gruppe",
    "initiative",
    "kampagne",
    "aktion",
    "aktionstag",
    "aktionstages",
    "projekt",
    "projekts",
    "programm",
    "programms",
    "studie",
    "stamm",
    "stamms",
    "clan",
    "clans",
    "firma",
    "unternehmen",
    "konzern",
    "konzerns",
    "schiff",
    "schiffs",
    "rakete",
    "satellit",
    "raumfähre",
    "flugzeug",
    "modell",
    "modelle",
    "marke",
    "domain",
    "website",
    "internetseite",
    "portal",
    "ausgabe",
    "sendung",
    "show",
    "gemälde",
    "enzyklika",
    "restaurant",
    "lokal",
    "hotel",
    "station",
    "haltestelle",
    "operation",
    "mission",
    "wirbelsturm",
    "zyklon",
    "hurrikan",
    "stern",
    "rubrik",
    "überschrift",
    "kategorie",
    "preis",
    "auszeichnung",
    "tour",
    "festival",
    "spiel",
    "spiels",
    "actionspiels",
    "software",
    "anlage",
    "anlagen",
    "trägerrakete",
    "spitzname",
    "spitznamen",
    "schriftzug",
    "aufschrift",
    "parole",
    "slogan",
    "plattform",
)
# Words before a name in marks that make it a source or an addressee, not anyone's words:
# "laut „Tagesspiegel“", "sagte der „Berliner Zeitung“", "gegenüber dem „Spiegel“".
_SOURCE_BEFORE = frozenset("laut gegenüber".split())
_SOURCE_AFTER = frozenset(
    """zufolge berichtet berichtete berichten meldet meldete meldeten schreibt schrieb
    zitiert zitierte titelt titelte""".split()
)
# After a name: "„Uncle Ted“, wie der Senator genannt wurde", "„Gewalt“, so lautet der Titel".
_NAMED_AFTER = re.compile(
    r"[“”\"»«]?\s*,?\s*(?:wie\s+(?:\w+\s+){1,4}(?:genannt|heißt|hieß|nennt|nannte)|so\s+lautet"
    r"\s+(?:der|die|das)\s+(?:Titel|Name|Motto|Parole))"
)


def german_names_a_thing(text: str, context: QuoteContext) -> bool:
    """A name in marks that a German sentence introduces as the name of a publication, an
    organisation or a work, or as a source or an addressee ("laut „Tagesspiegel“", "sagte
    der „Berliner Zeitung“"), rather than as anyone's words."""
    before = tokens(text, context.prefix_start, context.quote.open_mark)
    lowered = [w[2].lower() for w in before[-3:]]
    if lowered:
        last = lowered[-1]
        if any(last.endswith(ending) for ending in _NAMED_THING_ENDINGS) and not last.islower():
            return True  # a noun (German capitalises it) that names a thing
        if last in _SOURCE_BEFORE or (len(lowered) > 1 and lowered[-2] in _SOURCE_BEFORE):
            return True
        if last in _DETERMINERS and len(lowered) > 1 and lowered[-2] in GERMAN_CUES:
            return True  # "sagte der „Berliner Zeitung“": the one told
    after = tokens(text, context.quote.close_mark_end, context.tail_end)[:2]
    if after and after[0][2].lower() in _SOURCE_AFTER:
        return True
    return bool(_NAMED_AFTER.match(text, context.quote.close_mark_end))

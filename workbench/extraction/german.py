"""German attribution: „…“, sagte der Bischof; Der Bischof sagte: „…“; „…“, so X; laut X.

German puts the finite verb second, so the subject often follows it ("Zum Rücktritt sagte der
Bischof: „…“" — "Zum Rücktritt" is not a speaker), capitalises every noun (a capital says
nothing about a name), and reports speech in Konjunktiv I ("habe Weber „die Verhandlung sogar
verzögert“"), whose fragment belongs to the last speaker named.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from workbench.extraction.attribution import (
    ADJACENT_AFTER,
    ADJACENT_BEFORE,
    COLON,
    FRAGMENT,
    NO_ATTRIBUTION,
    REPORTED,
    SENTENCE_SUBJECT,
    Attribution,
    QuoteContext,
    is_interview_label,
)
from workbench.extraction.mentions import (
    DESCRIPTION,
    NAME,
    ORGANIZATION,
    PRONOUN,
    Mention,
    tokens,
)
from workbench.extraction.text import sentence_ends

# Finite forms (and a few infinitives) of verbs of saying, writing and judging.
GERMAN_CUES = frozenset(
    """sagte sagten sagt sagen sage erklärte erklärten erklärt erklären betonte betonten
    betont meinte meinten meint meinen kritisierte kritisierten kritisiert kritisieren warnte
    warnten warnt warnen fügte fügten fügt ergänzte ergänzt schrieb schrieben schreibt
    schreiben berichtete berichteten berichtet teilte teilten teilt äußerte äußerten äußert
    sprach sprachen spricht forderte forderten fordert fordern bekräftigte bekräftigt
    erläuterte erläutert behauptete behauptet verkündete verkündet kündigte kündigt bestätigte
    bestätigt räumte räumt stellte stellt zitierte zitiert antwortete antworteten antwortet
    entgegnete entgegnet widersprach widerspricht unterstrich unterstreicht versicherte
    versichert kommentierte kommentiert resümierte resümiert beklagte beklagt bezeichnete
    bezeichneten bezeichnet nannte nannten nennt lobte lobten lobt verwies verweist wies weist
    mahnte mahnt rief riefen ruft rufen appellierte appelliert erinnerte erinnert gab gibt
    begründete begründet beschrieb beschreibt bemerkte bemerkt folgerte schloss beteuerte
    beteuert bedauerte bedauert gestand gesteht urteilte urteilt twitterte schilderte
    schildert zeigte zeigt hieß heißt strich fragte fragten fragt fragen skandierte
    skandierten skandieren ließ lässt erzählte erzählt argumentierte argumentiert
    prophezeite drohte droht klagte klagt jubelte betonen verweisen berichten verlangte
    verlangt verlangen bat bittet baten warf wirft warfen hofft hoffte hoffen glaubt glaubte
    glauben fürchtet fürchtete befürchtet befürchtete vermutet vermutete bezweifelt
    bezweifelte gesagt gefragt geäußert gefordert gewarnt gemeint geschrieben angekündigt
    bekräftigt beklagt mitgeteilt meldete meldet meldeten führte führten führt lautete
    lautet riet rät raten empfahl empfiehlt sieht sah würdigte würdigt sicherte sichert
    ausführte hinzufügte mitteilte bekanntgab klarstellte feststellte darlegte einräumte
    zugab vorwarf aufforderte ankündigte erklärt verteidigte verteidigt""".split()
)
# Auxiliaries of a perfect tense: "Die Universität hatte … erklärt".
_AUXILIARIES = frozenset("hat hatte hatten habe haben hätte hätten ist war wird wurde".split())
# Verbs after which a quoted fragment is a name, not speech: "wie sich die Junta nennt".
_NAMING = frozenset("nennt nannte nennen heißt hieß hießen genannt".split())
_DETERMINERS = frozenset(
    """der die das den dem des ein eine einen einem einer eines dieser diese dieses diesem
    diesen jener jene dessen deren sein seine seinen seinem seiner seines ihr ihre ihren ihrem
    ihrer ihres unser unsere kein keine beide beiden zwei drei vier fünf viele einige mehrere
    zahlreiche""".split()
)
_PRONOUNS = {"er": "er", "sie": "sie"}
_DEMONSTRATIVES = frozenset("dieser diese letzterer letztere ersterer erstere".split())
# Words that open a clause or a phrase and never start a speaker: conjunctions, prepositions,
# adverbs German fronts ("Erstmals seit 2001 sei …", "Hier sparte der Präsident …").
_NOT_SUBJECT = frozenset(
    """und aber doch auch so zum zur im am vom beim nach vor bei mit von für über unter
    gegen um in an auf aus als wie wenn weil dass ob da dann damit jedoch zudem außerdem
    hingegen dazu darauf deshalb trotzdem heute gestern morgen nun noch bereits hier dort
    dabei derzeit damals zuvor danach demnach daher darum dennoch indes inzwischen
    insbesondere ursprünglich erstmals zuletzt bisher später früher zunächst schließlich
    allerdings immerhin zwar offenbar offensichtlich angeblich vermutlich wahrscheinlich
    tatsächlich eigentlich gleichzeitig ebenfalls ebenso besonders also somit folglich
    stattdessen weiterhin aktuell momentan jetzt sofort bald oft selten immer nie manchmal
    wieder erneut es was wer wo wann warum welche welcher welches dies man indem nachdem
    obwohl während sobald solange falls sofern bevor seit seitdem letztlich natürlich
    grundsätzlich zusätzlich lediglich hauptsächlich ausdrücklich plötzlich kürzlich
    unmissverständlich sinngemäß wörtlich denn doch nur mehr sehr ganz gar kaum fast rund
    etwa knapp gut mindestens höchstens ferner überdies anschließend abschließend montag
    dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni
    juli august september oktober november dezember zitat unterdessen indessen""".split()
)
# Adverbs that may stand between a verb of saying and its subject: "äußerte sich jedoch X".
_BETWEEN_VERB_AND_SUBJECT = frozenset(
    """sich jedoch dazu später auch noch weiter bereits zudem dann nun heute gestern außerdem
    kurz damals zuvor schließlich ebenfalls zuletzt""".split()
)
_ROLE_ENDINGS = tuple(
    """er in or ent ant är chef chefin minister ministerin sprecher sprecherin vorsitzende
    vorsitzender leiter leiterin direktor präsident präsidentin vorstand experte expertin
    kanzler kanzlerin politiker politikerin""".split()
)
# Heads of descriptions that can speak: people by their role, and bodies that issue words.
_SPEAKING_BODIES = tuple(
    """regierung polizei partei ministerium gericht behörde verband gewerkschaft kommission
    unternehmen firma konzern fraktion bundesregierung staatsanwaltschaft verwaltung rat
    senat bundestag parlament ausschuss vorstand gruppe organisation agentur institut amt
    botschaft""".split()
)
# Nouns that credit words to a source: "nach Angaben des Ministeriums", "nach Ansicht von X".
_SOURCE_NOUNS = frozenset(
    """angaben aussagen aussage meinung ansicht darstellung darstellungen worten auffassung
    einschätzung informationen berichten bericht schätzungen erkenntnissen""".split()
)
# Nouns for what someone said: "Das Fazit des Berichts lautete:", "Zitat von Schröder:".
_STATEMENT_NOUNS = frozenset(
    "zitat fazit aussage aussagen kernaussage antwort worte kommentar stellungnahme".split()
)
# Konjunktiv I (and the Konjunktiv II of reported speech): the sentence reports someone.
_SUBJUNCTIVE = frozenset(
    """sei seien habe werde könne müsse solle dürfe wolle gebe komme stehe liege bleibe
    fehle brauche gehe wisse hätten wären würden könnten müssten sollten""".split()
)


def is_reported_in_german(text: str, context: QuoteContext) -> bool:
    """The quotation's sentence reports speech: a verb of saying or the Konjunktiv of
    reported speech ("es stehe im Gegensatz zur „sozialen Marktwirtschaft“")."""
    start = context.sentence_start if context.sentence_start >= 0 else context.prefix_start
    for word in tokens(text, start, context.tail_end):
        lowered = word[2].lower()
        if lowered in _SUBJUNCTIVE or lowered in GERMAN_CUES:
            return True
    return False


def german_attribution(text: str, context: QuoteContext) -> Attribution:
    """The speaker of a quotation in German prose, after it, before it, or in its sentence."""
    for finder in (_after, _before, _in_sentence):
        found = finder(text, context)
        if found.mention is not None:
            return found
    return NO_ATTRIBUTION


def german_sentence_subject(text: str, context: QuoteContext) -> Attribution:
    """A fragment in a sentence with no verb of saying. In reported speech (Konjunktiv), the
    speaker named last before it said it; otherwise the sentence's subject, when that is a
    person or a body that speaks ("Der Minister will einen „fairen Deal“")."""
    start = context.sentence_start if context.sentence_start >= 0 else context.prefix_start
    words = tokens(text, start, context.tail_end)
    own = _own_sentence_speaker(text, context)
    if own.mention is not None:
        return own  # "Der Staatssekretär sagte der „Zeitung“, dass an einer „grünen Zapfsäule“"
    if any(w[2].lower() in _SUBJUNCTIVE for w in words):
        reported = german_reported_speaker(text, context)
        if reported.mention is not None:
            return reported
    mention = clause_subject(text, start, context.quote.open_mark)
    if mention is None or not _can_speak(mention):
        return NO_ATTRIBUTION
    return Attribution(mention, None, None, None, SENTENCE_SUBJECT, mention.end)


def german_reported_speaker(text: str, context: QuoteContext) -> Attribution:
    """ "An die Adresse Brüssels hatte Steinbrück Positives zu vermelden. Erstmals sei die
    Regierung „aller Voraussicht nach“ …": the last sentence before, in this paragraph or the
    one before it, whose verb of saying names who speaks."""
    start = context.sentence_start if context.sentence_start >= 0 else context.prefix_start
    own = _own_sentence_speaker(text, context)
    if own.mention is not None:
        return own
    stretches = [(context.paragraph.start, start)]
    if context.previous_paragraph is not None:
        stretches.append((context.previous_paragraph.start, context.previous_paragraph.end))
    for stretch_start, stretch_end in stretches:
        ends = [stretch_start, *sentence_ends(text, stretch_start, stretch_end)]
        if ends[-1] < stretch_end - 1:
            ends.append(stretch_end)
        sentences = list(itertools.pairwise(ends))
        for sentence_start, sentence_end in reversed(sentences[-3:]):
            words = tokens(text, sentence_start, sentence_end)
            found = _source_phrase(text, words)
            if found.mention is None:
                for position in range(len(words) - 1, -1, -1):
                    if words[position][2].lower() in GERMAN_CUES:
                        mention = _subject_of(text, words, position)
                        if mention is not None and _can_speak(mention):
                            found = _made(mention, words[position], REPORTED)
                            break
            if found.mention is not None:
                return replace(found, how=REPORTED, cue_text=None, cue_start=None, cue_end=None)
    return NO_ATTRIBUTION


def _own_sentence_speaker(text: str, context: QuoteContext) -> Attribution:
    """A verb of saying earlier in the quotation's own sentence, before other quotations."""
    start = context.sentence_start if context.sentence_start >= 0 else context.prefix_start
    own = _words(text, start, context.quote.open_mark)
    for position in range(len(own) - 1, -1, -1):
        if own[position][2].lower() in GERMAN_CUES:
            mention = _subject_of(text, own, position)
            if mention is not None and _can_speak(mention):
                return replace(_made(mention, own[position], REPORTED), how=REPORTED)
    return NO_ATTRIBUTION


def _can_speak(mention: Mention) -> bool:
    if mention.kind in (PRONOUN, NAME):
        return True
    head = (mention.head or "").lower()
    return head.endswith(_ROLE_ENDINGS) or head.endswith(_SPEAKING_BODIES)


def _words(text: str, start: int, end: int):
    return tokens(text, start, end)


def _after(text: str, context: QuoteContext) -> Attribution:
    """„…“, sagte der Bischof.  „…“, so Schnappauf.  „…“, äußerte sich jedoch X.
    „…“, wird Panetta zitiert.  „…“, heißt es in dem Schreiben."""
    words = _words(text, context.quote.close_mark_end, context.tail_end)
    while words and words[0][2] in (",", "—", "–", "-"):
        words = words[1:]
    if not words:
        return NO_ATTRIBUTION
    verb = words[0]
    lowered = verb[2].lower()
    if lowered in GERMAN_CUES or lowered in ("so", "wird", "wurde"):
        position = 1
        if lowered in ("heißt", "hieß") and _next_is(words, 0, "es"):
            position = 2 + (len(words) > 2 and words[2][2].lower() in ("in", "im", "auf", "von"))
        while position < len(words) and words[position][2].lower() in _BETWEEN_VERB_AND_SUBJECT:
            position += 1
        if position < len(words) and words[position][2] == "man":
            position += 1  # "zitierte man Yolanda Alvarez": the one quoted speaks
        mention = german_phrase(text, words, position)
        passive = lowered in ("wird", "wurde")
        if passive and not any(w[2].lower().startswith("zitiert") for w in words[position:]):
            mention = None  # "„…“ wird heute beraten": not a report of speech
        if mention is not None:
            return _made(mention, verb, ADJACENT_AFTER)
    # „…“, Schnappauf sagte nicht mehr. — rare, but the subject may come first.
    mention = german_phrase(text, words, 0)
    if mention is not None:
        following = [w for w in words if w[0] >= mention.end][:3]
        for word in following:
            if word[2].lower() in GERMAN_CUES:
                return _made(mention, word, ADJACENT_AFTER)
            if word[2].lower() not in _BETWEEN_VERB_AND_SUBJECT:
                break
    # „…“, da ähnliche Arbeiten das Doppelte kosteten, so die FIFA: the sentence's last clause.
    for position in range(1, min(len(words) - 1, 40)):
        if words[position][2] in (".", "?", "!"):
            break
        if words[position - 1][2] != ",":
            continue
        lowered = words[position][2].lower()
        if lowered == "so" or lowered in GERMAN_CUES:
            mention = german_phrase(text, words, position + 1)
            if mention is not None and (lowered != "so" or mention.kind in (NAME, DESCRIPTION)):
                return _made(mention, words[position], ADJACENT_AFTER)
    return NO_ATTRIBUTION


def _before(text: str, context: QuoteContext) -> Attribution:
    """Der Bischof sagte: „…“  /  Zum Rücktritt sagte der Bischof: „…“  /  Laut X „…“."""
    words = _words(text, context.prefix_start, context.quote.open_mark)
    return german_lead_in(text, words, context.paragraph.start)


def german_lead_in(text: str, words, paragraph_start: int) -> Attribution:
    """The speaker of the words that lead into a quotation (or an interview)."""
    if not words:
        return NO_ATTRIBUTION
    found = _source_phrase(text, words)
    if found.mention is not None:
        return found
    for position in range(len(words) - 1, -1, -1):
        if words[position][2].lower() not in GERMAN_CUES:
            continue
        if len(words) - position > 20:
            break
        mention = _passive_subject(text, words, position) or _subject_of(text, words, position)
        if mention is not None:
            return _made(mention, words[position], ADJACENT_BEFORE)
    if words[-1][2] == ":" and not is_interview_label(text, paragraph_start, words[-1][0]):
        # "Teamchef Jean Todt stellt sich vor seinen Piloten: „…“": the clause's subject.
        clause_start = max(
            [i + 1 for i, w in enumerate(words[:-1]) if w[2] in (".", ";", "!", "?")] or [0]
        )
        if clause_start < len(words) - 1:
            mention = _colon_subject(text, words[clause_start:-1])
            if mention is not None and _can_speak(mention):
                return Attribution(mention, None, None, None, COLON, mention.end)
    return NO_ATTRIBUTION


def _colon_subject(text: str, words) -> Mention | None:
    """Who speaks before a colon: "BKA-Präsident Ziercke: „…“" (a name alone), the subject of
    the clause that ends at the colon ("…, lehnt er jedoch ab: „…“"), else the sentence's."""
    alone = german_phrase(text, words, 0)
    if alone is not None and alone.end >= words[-1][1] - 1 and alone.kind in (NAME, DESCRIPTION):
        return alone
    if (
        alone is not None
        and _can_speak(alone)
        and any(w[0] >= alone.end for w in words[:-1])
        and next(w for w in words if w[0] >= alone.end)[2] == ","
        and next((w[2] for w in words if w[0] > alone.end + 1), "").lower() in _RELATIVES
    ):
        return alone  # "Ministerin Vera Sund, die für den Verkehr zuständig ist, verteidigte:"
    breaks = [i for i, w in enumerate(words) if w[2] in (",", ";", "—", "–")]
    if breaks and breaks[-1] + 1 < len(words) and words[breaks[-1] + 1][2].islower():
        position = breaks[-1] + 2
        while position < len(words) and words[position][2].lower() in _BETWEEN_VERB_AND_SUBJECT:
            position += 1
        last_clause = german_phrase(text, words, position)
        if last_clause is not None and _can_speak(last_clause):
            return last_clause
    return clause_subject(text, words[0][0], words[-1][1])


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


def _source_phrase(text: str, words) -> Attribution:
    """ "laut X", "X zufolge", "nach Angaben von X", "nach Ansicht des X", "Zitat von X:",
    "wie X erklärte, …", "so X": X is the source."""
    for position, word in enumerate(words):
        lowered = word[2].lower()
        skip = 0
        if lowered == "laut" or (lowered == "so" and position + 1 < len(words)):
            skip = 1
        elif lowered == "nach" and position + 1 < len(words):
            if words[position + 1][2].lower() in _SOURCE_NOUNS:
                skip = 2
        elif lowered in _STATEMENT_NOUNS or lowered.endswith(("aussage", "fazit")):
            if position + 1 < len(words) and words[position + 1][2].lower() in ("von", "des"):
                skip = 1  # "Die Kernaussage von Jerry Larson lautete:", "Zitat von Schröder:"
        elif (
            lowered == "für"
            and (position == 0 or words[position - 1][2] in (",", "und"))
            and not any(w[2].lower() in GERMAN_CUES for w in words[:position])
        ):
            # "Für den Theologen Hans Küng sei der Rücktritt „verständlich“"
            mention = german_phrase(text, words, position + 1)
            following = next((w for w in words if mention and w[0] >= mention.end), None)
            if (
                mention is not None
                and mention.kind in (NAME, DESCRIPTION)
                and _can_speak(mention)
                and following is not None
                and following[2].islower()
            ):
                return _made(mention, word, ADJACENT_BEFORE)
        if skip:
            if position + skip < len(words) and words[position + skip][2].lower() in (
                "von",
                "des",
                "der",
            ):
                skip += 1 if words[position + skip][2].lower() == "von" else 0
            mention = german_phrase(text, words, position + skip)
            if mention is not None and (lowered != "so" or mention.kind in (NAME, PRONOUN)):
                if lowered == "so" and position > 0 and words[position - 1][2] not in (",", "—"):
                    continue  # "so genannte", "so dass": not "…, so Schnappauf"
                return _made(mention, word, ADJACENT_BEFORE)
        if lowered == "wie" and position + 2 < len(words):
            # "Wie die Premierministerin, Anna Bligh, erklärte, habe sie …"
            for verb in range(position + 2, min(len(words), position + 12)):
                if words[verb][2] in (".", ";"):
                    break
                if words[verb][2].lower() in GERMAN_CUES:
                    mention = german_phrase(text, words, position + 1)
                    if mention is not None and _can_speak(mention):
                        return _made(mention, words[verb], ADJACENT_BEFORE)
                    break
        if lowered == "zufolge" and position > 0:
            for back in range(max(0, position - 5), position):
                mention = german_phrase(text, words, back)
                if mention is not None and mention.end >= words[position - 1][1] - 1:
                    return _made(mention, word, ADJACENT_BEFORE)
    return NO_ATTRIBUTION


def _next_is(words, position: int, value: str) -> bool:
    return position + 1 < len(words) and words[position + 1][2].lower() == value


def _passive_subject(text: str, words, verb: int) -> Mention | None:
    """ "wird Musk wie folgt zitiert: „…“": the one quoted follows "wird"."""
    if not words[verb][2].lower().startswith("zitiert"):
        return None
    for position in range(verb - 1, max(-1, verb - 12), -1):
        if words[position][2].lower() in ("wird", "wurde", "werden"):
            return german_phrase(text, words, position + 1)
    return None


# Words before a subject that opens its clause: "Auch der Schiedsrichter Urs Meier kritisierte".
_LEADING_WORDS = frozenset(
    """und aber doch dass auch so dann nun zudem außerdem jedoch hingegen dagegen zuvor später
    heute gestern bereits inzwischen ebenfalls allerdings schließlich zunächst""".split()
)
_RELATIVES = frozenset("der die das dem den denen dessen deren welcher welche welches".split())
_CLAUSE_BREAKS = frozenset((",", ";", ":", ".", "—", "–"))
_ATTACHMENTS = frozenset("von vom des der aus bei beim im in für am".split())


def _subject_of(text: str, words, verb: int) -> Mention | None:
    """The subject of a verb of saying: right before it, or right after it (verb second)."""
    chunk_start = verb
    while chunk_start > 0 and words[chunk_start - 1][2] not in (",", ";", ":", "—", "–", "."):
        chunk_start -= 1
    after_verb = verb + 1
    while after_verb < len(words) and words[after_verb][2].lower() in _BETWEEN_VERB_AND_SUBJECT:
        after_verb += 1
    inverted = german_phrase(text, words, after_verb)
    if (
        chunk_start == verb
        and chunk_start >= 2
        and words[chunk_start - 1][2] == ","
        and not (inverted is not None and _can_speak(inverted))
    ):
        # "Die Haushaltspolitikerin der Grünen, Anja Hajduk, kritisierte": the apposition
        named = _name_before_apposition(
            text, words, chunk_start, Mention(0, 0, DESCRIPTION, "", "")
        )
        if named.kind == NAME:
            return named
        # "Ole Brandt, der Hafenmeister von Vikholm, sagte": the chunk before is the
        # apposition, the one before that the name.
        apposition_start = chunk_start - 1
        while apposition_start > 0 and words[apposition_start - 1][2] not in _CLAUSE_BREAKS:
            apposition_start -= 1
        relative = words[apposition_start][2].lower() in _RELATIVES and apposition_start >= 2
        relative = relative and not (
            apposition_start + 1 < len(words) and words[apposition_start + 1][2][:1].isupper()
        )
        if relative and words[apposition_start - 1][2] == ",":
            # "Ministerin Vera Sund, die für den Verkehr zuständig ist, verteidigte": skip the
            # relative clause; its antecedent speaks.
            antecedent = apposition_start - 1
            while antecedent > 0 and words[antecedent - 1][2] not in _CLAUSE_BREAKS:
                antecedent -= 1
            named = german_phrase(text, words, antecedent)
            if named is not None and _can_speak(named):
                return named
        apposition = german_phrase(text, words, apposition_start)
        if apposition is not None and apposition.kind == NAME and _is_role(apposition.name):
            # "Renate Künast, Fraktionschefin der Grünen, kritisierte": a role, no article
            apposition = replace(apposition, kind=DESCRIPTION, head=apposition.name.lower())
        if apposition is not None and apposition.kind == DESCRIPTION:
            named = _name_before_apposition(text, words, apposition_start, apposition)
            return named if named.kind == NAME else apposition
    lead = chunk_start
    while lead < verb - 1 and words[lead][2].lower() in _LEADING_WORDS:
        lead += 1  # "Auch der frühere Schiedsrichter Urs Meier kritisierte", "dass Weber …"
        if lead - chunk_start >= 2:
            break
    for start in range(lead, min(lead + 1, verb)):  # the subject opens its clause
        mention = german_phrase(text, words, start)
        if mention is not None and verb > 0 and words[verb - 1][2].lower() == "und":
            following = next((w[2] for w in words if w[0] >= mention.end), "")
            if following[:1].islower():
                return mention  # "Datenschützer äußerten Bedenken und warfen ihr vor"
        if mention is None:
            if words[start][2].islower() and words[verb - 1][2].lower() == "und":
                # "… biss der Randalierer den Fluggast und rief:": the first verb's subject
                return german_phrase(text, words, start + 1)
            continue
        between = [w[2] for w in words[start:verb] if w[0] >= mention.end]
        if between[:1] == ["("] and ")" in between:
            between = between[between.index(")") + 1 :]  # "Gitta Trauernicht (SPD) sagte"
        attached = bool(between) and between[0].lower() in _ATTACHMENTS | _AUXILIARIES
        if (len(between) <= 2 and all(w.islower() for w in between)) or attached:
            # "Die Kanadier hingegen sagen", "der Exstellvertreter von Timoschenko sagte"
            return _name_before_apposition(text, words, chunk_start, mention)
        break
    position = verb + 1
    while position < len(words) and words[position][2].lower() in _BETWEEN_VERB_AND_SUBJECT:
        position += 1
    after = german_phrase(text, words, position)  # "Zum Rücktritt sagte der Bischof"
    if after is not None:
        return after
    # "Bereits im Dezember hatte Bundeskanzlerin Merkel in einer Rede verkündet:": the
    # auxiliary stands second, the subject after it, the participle last.
    for aux in range(chunk_start, verb):
        if words[aux][2].lower() in _AUXILIARIES:
            subject = aux + 1
            while subject < verb and words[subject][2].lower() in _BETWEEN_VERB_AND_SUBJECT:
                subject += 1
            return german_phrase(text, words, subject)
    return None


def _name_before_apposition(text: str, words, chunk_start: int, mention: Mention) -> Mention:
    """ "Olexandr Turtschynow, der Exstellvertreter von Timoschenko, sagte": the name."""
    if mention.kind != DESCRIPTION or chunk_start < 2 or words[chunk_start - 1][2] != ",":
        return mention
    first = chunk_start - 2
    if words[first][2] == ")":  # "Christian Wulff (CDU),"
        while first > 0 and words[first][2] != "(":
            first -= 1
        first -= 1
        if first < 0:
            return mention
    last = first
    while first > 0 and words[first - 1][2] not in _CLAUSE_BREAKS:
        first -= 1
    named = german_phrase(text, words, first)
    if named is not None and named.kind == NAME and named.end >= words[last][1] - 1:
        return named
    return mention


def clause_subject(text: str, start: int, end: int) -> Mention | None:
    """The subject of a German clause: first, or right after the finite verb."""
    words = tokens(text, start, end)
    mention = german_phrase(text, words, 0)
    if mention is not None:
        following = next((w[2] for w in words if w[0] >= mention.end), "")
        return mention if following[:1].islower() else None
    for position in range(1, min(len(words), 6)):
        if words[position][2].islower() and words[position][2] not in _DETERMINERS:
            position += 1
            while position < len(words) and words[position][2].lower() in _BETWEEN_VERB_AND_SUBJECT:
                position += 1
            return german_phrase(text, words, position)
    return None


_OPENING_MARKS = frozenset('„“"«»')


def german_phrase(text: str, words, index: int) -> Mention | None:
    """'der Bischof', 'Projektkoordinator Andreas Grassauer', 'Schnappauf', 'er',
    'die „Computerwoche“'."""
    if index >= len(words):
        return None
    first = words[index][2].rstrip(".")
    if first.lower() in _PRONOUNS and (first.islower() or index == 0):
        end = words[index][0] + len(first)
        return Mention(words[index][0], end, PRONOUN, first, first.lower())
    following = words[index + 1][2] if index + 1 < len(words) else ""
    if first.lower() in _DEMONSTRATIVES and (following in ",.:;" or following.islower()):
        # "sagte dieser, dass …", "so letztere": the person just named
        end = words[index][0] + len(first)
        return Mention(words[index][0], end, PRONOUN, first, "er" if first[-1] == "r" else "sie")
    position = index
    determiner = first.lower() in _DETERMINERS
    if determiner:
        position += 1
    elif first.lower() in _NOT_SUBJECT or not first[:1].isupper() or _is_adverb(first):
        return None
    while position < len(words) and _adjective(words[position][2]) and determiner:
        position += 1
    if determiner and position < len(words) and words[position][2] in _OPENING_MARKS:
        # "schreibt die „Computerwoche“": a publication's name in marks
        close = next(
            (
                i
                for i in range(position + 1, min(len(words), position + 8))
                if words[i][2] in '“”"»«'
            ),
            None,
        )
        if close is not None and close > position + 1:
            start, end = words[index][0], words[close][1]
            name = text[words[position + 1][0] : words[close - 1][1]]
            return Mention(start, end, ORGANIZATION, text[start:end], name)
    capitals = []
    while position < len(words) and _capitalised(words[position][2]):
        capitals.append(words[position])
        position += 1
        if (
            position + 1 < len(words)
            and words[position][2] == "und"
            and _is_role(capitals[-1][2])
            and _capitalised(words[position + 1][2])
        ):
            position += 1  # "Der Landtagsabgeordnete und SPD-Fraktionschef Andreas Stoch"
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


def _is_adverb(word: str) -> bool:
    """'Erstmals', 'Möglicherweise', 'Allerdings': German adverbs by their endings."""
    return word.lower().endswith(("mals", "weise", "dings", "falls", "maßen"))


def _capitalised(word: str) -> bool:
    return (
        word[:1].isupper()
        and any(ch.isalpha() for ch in word)
        and word.lower() not in (_NOT_SUBJECT | _DETERMINERS)
    )


def _adjective(word: str) -> bool:
    return word.islower() and bool(re.fullmatch(r"[\da-zäöüß-]+(?:e|en|er|es|em)", word))


def _is_role(word: str) -> bool:
    lowered = word.lower()
    return "-" in word or lowered.endswith(_ROLE_ENDINGS)


def _made(mention: Mention, verb, how: str) -> Attribution:
    return Attribution(mention, verb[2], verb[0], verb[1], how, max(mention.end, verb[1]))


# Nouns after which a name in marks names that thing: "der Zeitung „Yemen Observer“", "im
# Fachblatt „La Gazzetta“", "des Stamms „al-Dahha“", "die Raumfähre „Discovery“". German
# compounds end in them ("Nachrichtenagentur", "Fernsehserie").
_NAMED_THING_ENDINGS = tuple(
    """zeitung zeitungen magazin magazins blatt blatts agentur sender senders zeitschrift serie
    film films buch buchs roman album lied song titel motto name namen partei organisation
    verein vereins verband verbands bündnis bündnisses gruppe initiative kampagne aktion
    aktionstag aktionstages projekt projekts programm programms studie stamm stamms clan clans
    firma unternehmen konzern konzerns schiff schiffs rakete satellit raumfähre flugzeug modell
    modelle marke domain website internetseite portal ausgabe sendung show gemälde enzyklika
    restaurant lokal hotel station haltestelle operation mission wirbelsturm zyklon hurrikan
    stern rubrik überschrift kategorie preis auszeichnung tour festival spiel spiels software
    anlage anlagen spitzname spitznamen schriftzug aufschrift parole slogan plattform fahrzeug
    gasthaus oper musical theaterstück wettbewerb hoch tief""".split()
)
# Words before a name in marks that make it a source or an addressee, not anyone's words:
# "laut „Tagesspiegel“", "sagte der „Berliner Zeitung“", "gegenüber dem „Spiegel“".
_SOURCE_BEFORE = frozenset("laut gegenüber".split())
_SOURCE_AFTER = frozenset(
    """zufolge berichtet berichtete berichten meldet meldete meldeten schreibt schrieb
    zitiert zitierte titelt titelte sang sangen singt genannt""".split()
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
        if last in _SOURCE_BEFORE or (len(lowered) > 1 and lowered[-2] in _SOURCE_BEFORE):
            return True
        if last in _DETERMINERS and len(lowered) > 1 and lowered[-2] in GERMAN_CUES:
            return True  # "sagte der „Berliner Zeitung“": the one told
        if last in ("der", "dem"):
            clause = []
            for word in reversed(before[:-1]):
                if word[2] in _CLAUSE_BREAKS:
                    break
                clause.append(word[2].lower())
            if any(w in GERMAN_CUES for w in clause[:8]):
                return True  # "sagte der Hafenmeister Ole Brandt der „Vikholmer Zeitung“"
    after = tokens(text, context.quote.close_mark_end, context.tail_end)[:2]
    if after and after[0][2].lower() in _SOURCE_AFTER:
        return True
    return bool(_NAMED_AFTER.match(text, context.quote.close_mark_end))


def german_named_by_noun(text: str, context: QuoteContext) -> bool:
    """ "die Gemälde „Madonna“", "die Rubrik „Bester ausländischer Film“", "hieß das Lokal
    «Zur Tabakspfeife»", "eine Tochter namens „Mindset“": the sentence names a thing, so the
    words in marks are its name, however they are written."""
    quote_words = len(text[context.quote.start : context.quote.end].split())
    if quote_words > 12:
        return False
    before = tokens(text, context.prefix_start, context.quote.open_mark)
    if not before:
        return False
    last = before[-1][2]
    if last[:1].isupper() and last.lower().endswith(_NAMED_THING_ENDINGS):
        return True  # a noun (German capitalises it) that names a thing
    return any(w[2].lower() in _NAMING_BEFORE for w in before[-4:])


_NAMING_BEFORE = frozenset("namens hieß hießen heißt heißen".split())

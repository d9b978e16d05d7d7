"""French attribution: « … », a-t-il dit; « … », a déclaré la ministre; selon X, « … »."""

from __future__ import annotations

import re

from workbench.extraction.attribution import (
    ADJACENT_AFTER,
    ADJACENT_BEFORE,
    NO_ATTRIBUTION,
    Attribution,
    QuoteContext,
)
from workbench.extraction.mentions import PRONOUN, Mention, parse_speaker_phrase

_VERBS = (
    r"dit|déclaré|déclare|affirmé|affirme|estimé|estime|expliqué|explique|souligné|souligne|"
    r"ajouté|ajoute|assuré|assure|indiqué|indique|précisé|précise|lancé|lance|répondu|répond|"
    r"confié|confie|martelé|martèle|insisté|insiste|prévenu|prévient|averti|avertit|reconnu|"
    r"reconnaît|regretté|regrette|annoncé|annonce|écrit|raconte|raconté|poursuit|poursuivi"
)
# « … », a-t-il dit.  « … », a-t-elle ajouté.
_INVERTED_PRONOUN = re.compile(
    r"\s*,?\s*(?:a|ont|avait|avaient)?-?t?-?(il|elle|ils|elles)\s+(" + _VERBS + r")\b"
)
# « … », a déclaré la ministre.  « … », dit Paul Ortega.  « … », selon la préfète.
_VERB_FIRST = re.compile(r"\s*,?\s*(?:(?:a|ont|avait)\s+)?(" + _VERBS + r"|selon)\s+")
_SELON_BEFORE = re.compile(r"\b[Ss]elon\s+([^«».;]{2,80}?)\s*,\s*$")
_DETERMINER = re.compile(r"(?:le|la|les|l['’]|un|une)\s*", re.IGNORECASE)


def french_attribution(text: str, context: QuoteContext) -> Attribution:
    after = context.quote.close_mark_end
    tail = text[after : context.tail_end]
    inverted = _INVERTED_PRONOUN.match(tail)
    if inverted:
        start, end = after + inverted.start(1), after + inverted.end(1)
        mention = Mention(start, end, PRONOUN, inverted.group(1), inverted.group(1))
        verb_start = after + inverted.start(2)
        return Attribution(
            mention, inverted.group(2), verb_start, after + inverted.end(2), ADJACENT_AFTER, end
        )
    verb_first = _VERB_FIRST.match(tail)
    if verb_first:
        mention = _phrase(text, after + verb_first.end(), context.tail_end)
        if mention is not None:
            cue_start = after + verb_first.start(1)
            return Attribution(
                mention,
                verb_first.group(1),
                cue_start,
                after + verb_first.end(1),
                ADJACENT_AFTER,
                mention.end,
            )
    before = text[context.prefix_start : context.quote.open_mark]
    selon = _SELON_BEFORE.search(before)
    if selon:
        start = context.prefix_start + selon.start(1)
        mention = _phrase(text, start, context.prefix_start + selon.end(1))
        if mention is not None:
            cue = context.prefix_start + selon.start()
            return Attribution(mention, "selon", cue, cue + 5, ADJACENT_BEFORE, mention.end)
    return NO_ATTRIBUTION


def _phrase(text: str, start: int, end: int) -> Mention | None:
    """'la ministre Léa Roussel', 'Paul Ortega': a name, with any role in front of it."""
    determiner = _DETERMINER.match(text, start, end)
    position = determiner.end() if determiner else start
    names = re.compile(r"[A-ZÀ-Ý][\w’'-]+(?:\s+(?:de\s+|du\s+)?[A-ZÀ-Ý][\w’'-]+)*").search(
        text, position, min(end, position + 60)
    )
    if names is None:
        mention = parse_speaker_phrase(text, start, end, after_verb=True)
        return mention
    between = text[position : names.start()]
    if len(between.split()) > 4 or any(ch in between for ch in ".;"):
        return None
    name = names.group(0)
    return parse_speaker_phrase(text, names.start(), names.start() + len(name), after_verb=True)

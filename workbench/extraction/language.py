"""Which language an article is written in, by a vote of its most common function words.

News prose is long enough that the share of a language's articles, pronouns and prepositions
decides it: a German article is full of "und", "der", "nicht", a French one of "les", "est",
"pour". The vote is deterministic and costs one pass over the words; the answer is a BCP 47
primary language subtag, or "und" (undetermined) when too few known words decide it.
"""

from __future__ import annotations

import re
from collections import Counter

UNDETERMINED = "und"

# Frequent words that are rare in the other languages listed (so "a", "de", "la", "en", "in"
# and "die", which several languages share, are left out or counted where they are distinctive).
_FUNCTION_WORDS = {
    "en": "the and of to that is was for with on are as have has be by this from said says "
    "which were would been not but their they he she it its who will an at or",
    "de": "und der das nicht ist mit sich auf dem des den ein eine einer eines auch es "
    "im zu von wird wurde sind sagte hat haben werden bei nach aus wie oder aber noch "
    "über vor nur zum zur sei habe dass für als durch gegen man",
    "fr": "les est et une des du pour dans sur qui au aux pas plus par ce cette sont il "
    "elle a été avec ont mais ou nous vous leur selon déclaré dit",
    "es": "el los las del y que por una para con no es se lo su al como más pero sus "
    "fue ha dijo según está",
    "it": "il della che di per non una sono gli del le alla dei è si con anche più nel "
    "ha ma detto secondo",
    "nl": "het een van en niet zijn met voor op dat ook aan maar heeft werd wordt naar "
    "bij uit zei volgens",
    "pt": "os das do da não uma para com que por mais como foi ao dos pelo pela disse "
    "segundo está são",
    "sv": "och att det som är för på med inte av till har den sade enligt också",
    "da": "og at det som er for på med ikke af til har den sagde ifølge også",
    "pl": "i w nie się na że z do jest to jak po od za przez powiedział według",
}

_VOTES: dict[str, set[str]] = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in _words.split():
        _VOTES.setdefault(_word, set()).add(_language)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
# Enough words decide it; reading a 5 MB document to the end would change nothing.
_WORDS_READ = 4000
_MINIMUM_VOTES = 2


def detect_language(text: str) -> str:
    """The article's language as a BCP 47 code ("en", "de", "fr", …), or "und"."""
    votes: Counter[str] = Counter()
    # Words are rarely longer than 12 characters on average, so this stretch holds enough.
    words = _WORD.findall(text, 0, min(len(text), _WORDS_READ * 12))[:_WORDS_READ]
    for word, count in Counter(w.lower() for w in words).items():
        languages = _VOTES.get(word)
        if languages:
            share = count / len(languages)
            for language in languages:
                votes[language] += share
    if not votes:
        return UNDETERMINED
    (best, best_votes), *rest = [*votes.most_common(2), (UNDETERMINED, 0.0)]
    runner_up = rest[0][1]
    if best_votes < _MINIMUM_VOTES or best_votes < 1.3 * runner_up:
        return UNDETERMINED
    return best

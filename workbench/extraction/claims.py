"""Indirect attributions: "According to X, …" and "X said that …", without quotation marks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.extraction.attribution import _subject_before
from workbench.extraction.mentions import PRONOUN, Mention, bare, parse_speaker_phrase, tokens
from workbench.extraction.spans import SpanIndex
from workbench.extraction.text import Paragraph, sentence_ends

_SAYING = frozenset("say says said told tells tell".split())
_SAYING_THAT = frozenset(
    """argued argues warned warns insisted insists claimed claims believe believes believed
    noted notes acknowledged acknowledges alleged alleges contended contends estimated
    estimates predicted predicts confirmed confirms suggested suggests reported reports
    added adds explained explains maintained maintains conceded concedes stressed
    stresses emphasized emphasizes announced announces testified testifies wrote writes
    think thinks thought fear fears feared
    found finds concluded concludes showed shows acknowledge argue warn insist claim note
    allege contend estimate predict confirm suggest""".split()
)
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")


@dataclass(frozen=True)
class ClaimDetection:
    start: int
    end: int
    mention: Mention
    cue_text: str
    cue_start: int
    cue_end: int
    extra_mentions: tuple[Mention, ...] = ()


def find_claims(
    text: str, paragraphs: list[Paragraph], quote_regions: list[tuple[int, int]]
) -> list[ClaimDetection]:
    """Every indirect attribution; a verb that introduces a quotation is the quote's, not a claim's."""
    claims: list[ClaimDetection] = []
    quotes = SpanIndex(quote_regions)
    for paragraph in paragraphs:
        starts = [paragraph.start, *sentence_ends(text, paragraph.start, paragraph.end)]
        for sentence_start, sentence_end in zip(starts, [*starts[1:], paragraph.end], strict=False):
            while sentence_start < sentence_end and text[sentence_start].isspace():
                sentence_start += 1
            end = sentence_end
            while end > sentence_start and text[end - 1].isspace():
                end -= 1
            if quotes.contains(sentence_start):
                continue  # the sentence opens inside a quotation
            found = _according_to(text, sentence_start, end)
            found += _postposed(text, sentence_start, end)
            for clause_start in [sentence_start, *[c.start for c in found]]:
                found += _subject_said(text, clause_start, end)
            claims.extend(c for c in found if not _introduces_quote(text, c, quotes))
    unique = {(c.start, c.end): c for c in claims}
    return sorted(unique.values(), key=lambda c: (c.start, c.cue_start))


def _introduces_quote(text: str, claim: ClaimDetection, quotes: SpanIndex) -> bool:
    """“Smith said: “…”” is a quotation's attribution; a claim that merely contains a
    quoted fragment ("said it was “reviewing the decision”") stays a claim."""
    if quotes.contains(claim.cue_start):
        return True
    for open_mark, close_end in quotes.overlapping(claim.start - 3, claim.end + 3):
        if open_mark <= claim.cue_start < close_end:
            return True
        if abs(open_mark - claim.start) <= 2 and close_end >= claim.end - 2:
            return True
        if claim.start <= open_mark and ":" in text[claim.cue_end : open_mark]:
            return True  # "he told reporters on the South Lawn: “…”"
        if claim.start <= open_mark and close_end >= claim.end and claim.end - claim.start < 4:
            return True
        lead_in = text[claim.cue_end : open_mark]
        if claim.start <= open_mark and len(lead_in.split()) <= 3 and lead_in.rstrip()[-1:] == ",":
            return True  # "said only, “I'm not worried.”"
    # “We did our job,” the speaker told reporters after the vote: the quote's own cue.
    for _open_mark, close_end in quotes.overlapping(claim.cue_start - 120, claim.cue_start):
        between = text[close_end : claim.cue_start]
        quote_tail = text[max(0, close_end - 3) : close_end].rstrip("”\"’'»」 ")
        if (
            close_end <= claim.cue_start
            and quote_tail[-1:] in ",—–-"
            and len(between.split()) <= 8
            and not re.search(r"[.?!]\s", between)
        ):
            return True
    return False


_POSTPOSED = re.compile(r",\s+([^,“”\"]{2,90}?)\s+(said|says|say|added|reported|reports|noted)\.?$")


def _postposed(text: str, start: int, end: int) -> list[ClaimDetection]:
    """“…, two people familiar with the matter said.”  “…, the ruling said.”"""
    sentence = text[start:end]
    match = _POSTPOSED.search(sentence)
    if not match or len(sentence[: match.start()].split()) < 4:
        return []
    mention = parse_speaker_phrase(
        text, start + match.start(1), start + match.end(1), after_verb=False
    )
    if mention is None or mention.start != start + match.start(1) or mention.kind == PRONOUN:
        return []
    claim_end = start + match.start()
    verb_start = start + match.start(2)
    return [
        ClaimDetection(
            start, claim_end, mention, match.group(2), verb_start, verb_start + len(match.group(2))
        )
    ]


def _according_to(text: str, start: int, end: int) -> list[ClaimDetection]:
    found = []
    for match in _ACCORDING.finditer(text, start, end):
        phrase_start = match.end()
        comma = text.find(",", phrase_start, end)
        phrase_end = comma if comma != -1 else end
        mention = parse_speaker_phrase(text, phrase_start, phrase_end, after_verb=True)
        if mention is None:
            continue
        cue = (match.start(), match.start() + len("according to"))
        before = text[start : match.start()].rstrip(" ,")
        if comma != -1 and len(text[comma + 1 : end].split()) >= 3:
            claim_start = comma + 1
            while text[claim_start].isspace():
                claim_start += 1
            found.append(ClaimDetection(claim_start, end, mention, text[cue[0] : cue[1]], *cue))
        elif len(before.split()) >= 3:
            found.append(
                ClaimDetection(start, start + len(before), mention, text[cue[0] : cue[1]], *cue)
            )
    return found


def _subject_said(text: str, start: int, end: int) -> list[ClaimDetection]:
    words = tokens(text, start, end)
    found = []
    for position, (word_start, word_end, word) in enumerate(words[:40]):
        lowered = bare(word)
        is_saying = lowered in _SAYING
        if (not is_saying and lowered not in _SAYING_THAT) or position == 0:
            continue
        mention = _subject_before(text, words, position, start)
        if mention is None or (mention.kind == PRONOUN and mention.text.lower() == "it"):
            continue
        rest = position + 1
        extra = []
        if lowered in ("told", "tells", "tell") and rest < len(words):
            audience_end = min(end, words[min(rest + 4, len(words) - 1)][1])
            audience = parse_speaker_phrase(text, words[rest][0], audience_end, after_verb=True)
            if audience is not None:
                if audience.kind not in (PRONOUN, "description"):
                    extra.append(audience)
                rest = next((i for i, w in enumerate(words) if w[0] >= audience.end), len(words))
            elif words[rest][2].islower() and bare(words[rest][2]) != "that":
                rest += 1  # "told colleagues he expects …", "told him the plan …"
        that = next(
            (i for i in range(rest, min(rest + 8, len(words))) if bare(words[i][2]) == "that"), None
        )
        if that is not None:
            rest = that + 1
        elif not is_saying:
            continue
        if rest >= len(words) or len(words) - rest < 3 or words[rest][2] in ("“", '"', ":", ","):
            continue
        claim_end = end - 1 if text[end - 1] in ".!?" and text[end - 2 : end] != ".”" else end
        found.append(
            ClaimDetection(
                words[rest][0], claim_end, mention, word, word_start, word_end, tuple(extra)
            )
        )
        break  # one claim per clause: later verbs belong to the claim itself
    return found

"""Run the extraction passes over one article and assemble the Analysis the rest of the app uses."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from workbench.domain import (
    Analysis,
    Claim,
    Cue,
    DetectedQuote,
    DetectedSource,
    QuoteKind,
    SourceType,
    SpeakerRef,
)
from workbench.extraction.attribution import (
    ADJACENT_AFTER,
    COLON,
    HEADLINE,
    NO_ATTRIBUTION,
    PREVIOUS_PARAGRAPH,
    SAME_PARAGRAPH,
    Attribution,
    QuoteContext,
    answer_label_end,
    attribution_after,
    attribution_before,
    attribution_later_in_sentence,
    build_contexts,
    fragment_attribution,
    is_interview_label,
    sentence_subject,
)
from workbench.extraction.claims import ClaimDetection, find_claims
from workbench.extraction.confidence import NO_SPEAKER, attribution_confidence
from workbench.extraction.entities import Entity, EntityRegistry
from workbench.extraction.french import french_attribution
from workbench.extraction.german import (
    german_attribution,
    german_lead_in,
    german_sentence_subject,
)
from workbench.extraction.kinds import (
    is_embedded,
    is_someones_words,
    is_title_or_term,
    quote_kind,
)
from workbench.extraction.language import detect_language
from workbench.extraction.lexicon import FEMALE_NAMES, MALE_NAMES
from workbench.extraction.marks import find_quotes
from workbench.extraction.mentions import (
    DESCRIPTION,
    NAME,
    ORGANIZATION,
    PRONOUN,
    Mention,
    is_name_word,
    is_title,
    parse_name,
    parse_speaker_phrase,
    tokens,
)
from workbench.extraction.spans import SpanIndex
from workbench.extraction.text import split_paragraphs


@dataclass
class _QuoteWork:
    context: QuoteContext
    attribution: Attribution
    kind: QuoteKind
    part_of: int | None = None
    speaker: SpeakerRef | None = None
    entity: Entity | None = None
    confidence: float = 0.0
    how: str | None = None
    carried_from: _QuoteWork | None = field(default=None, repr=False)
    audiences: list[Entity] = field(default_factory=list)
    language: str = "en"
    in_headline: bool = False
    fixed_kind: bool = False  # a title or a term by how it is introduced ("so-called “…”")


def analyze_text(text: str) -> Analysis:
    """Find every quotation, its speaker and cue, the indirect claims, and the sources."""
    paragraphs = split_paragraphs(text)
    language = detect_language(text)
    raw_quotes = find_quotes(text, paragraphs)
    contexts = build_contexts(text, raw_quotes, paragraphs)
    headline_end = _headline_end(text, paragraphs)
    work = [_detect(text, context, language, headline_end) for context in contexts]
    _answers_in_interviews(text, work, paragraphs, language)
    _titles_in_a_list(text, work)
    _share_within_sentences(text, work)
    for item in work:
        _fall_back_to_the_subject(text, item)
    _link_split_quotes(text, work)
    claims = find_claims(text, paragraphs, [(q.open_mark, q.close_mark_end) for q in raw_quotes])
    registry = EntityRegistry()
    claim_entities, audiences = _resolve_in_order(text, work, claims, registry, paragraphs)
    quotes = tuple(_to_quote(text, index, item) for index, item in enumerate(work, start=1))
    claim_records = tuple(
        Claim(
            c.start,
            c.end,
            text[c.start : c.end],
            _speaker_ref(c.mention, claim_entities[i]),
            Cue(c.cue_text, c.cue_start, c.cue_end),
        )
        for i, c in enumerate(claims)
    )
    audiences += [outlet for item in work for outlet in item.audiences]
    sources = _sources(text, work, quotes, claim_entities, audiences)
    return Analysis(len(text), quotes, claim_records, sources, language=language)


def _detect(
    text: str, context: QuoteContext, language: str = "en", headline_end: int = 0
) -> _QuoteWork:
    if language == "de":
        attribution = german_attribution(text, context)
    elif language == "fr" and french_attribution(text, context).mention is not None:
        attribution = french_attribution(text, context)
    else:
        attribution = attribution_after(text, context)
        if attribution.mention is None:
            attribution = attribution_before(text, context)
    embedded = is_embedded(text, context)
    if embedded and attribution.mention is None:
        attribution = fragment_attribution(text, context)
    if not embedded and attribution.mention is None:
        attribution = attribution_later_in_sentence(text, context)
    kind = quote_kind(text, context, attribution, embedded, language, headline_end)
    in_headline = context.quote.open_mark < headline_end
    if (
        in_headline
        and attribution.mention is not None
        and attribution.mention.kind == DESCRIPTION
        and attribution.how != ADJACENT_AFTER
        and attribution.mention.text[:1].isupper()
    ):
        attribution = NO_ATTRIBUTION  # "Mayor Vows ‘No Retreat’": a headline names no one yet
    if in_headline and attribution.mention is None:
        attribution = _headline_speaker(text, context)
    item = _QuoteWork(context, attribution, kind, how=attribution.how, language=language)
    item.in_headline = in_headline
    item.fixed_kind = kind == QuoteKind.SCARE and is_title_or_term(text, context, language)
    return item


def _headline_speaker(text: str, context: QuoteContext) -> Attribution:
    """ "Ortega: Marsh’s Plan ‘A Gift to Developers’": a headline that opens with a name and a
    colon gives the rest of the headline to that speaker."""
    start = context.paragraph.start
    colon = text.find(":", start, context.quote.open_mark)
    if colon == -1 or len(text[start:colon].split()) > 5:
        return NO_ATTRIBUTION
    mention = parse_speaker_phrase(text, start, colon, after_verb=False)
    if mention is None or mention.end != colon or mention.kind == PRONOUN:
        return NO_ATTRIBUTION
    return Attribution(mention, None, None, None, HEADLINE, colon)


def _fall_back_to_the_subject(text: str, item: _QuoteWork) -> None:
    """A fragment nobody in its sentence is credited with: the sentence's subject said it."""
    if item.kind != QuoteKind.PARTIAL or item.attribution.mention is not None:
        return
    context = item.context
    if item.language == "de":
        attribution = german_sentence_subject(text, context)
    elif item.in_headline:
        return
    else:
        attribution = attribution_later_in_sentence(text, context)
        if attribution.mention is None:
            attribution = sentence_subject(text, context)
    item.attribution, item.how = attribution, attribution.how


def _headline_end(text: str, paragraphs) -> int:
    """Where the article's headline ends, when its first line is one; else 0."""
    if len(paragraphs) < 2:
        return 0
    first = paragraphs[0]
    return first.end if len(text[first.start : first.end].split()) <= 25 else 0


def _answers_in_interviews(text: str, work: list[_QuoteWork], paragraphs, language: str) -> None:
    """ "X spoke to us:  Frage: …  Antwort: „…“": the answers are the interviewee's, named in
    the paragraph that opened the interview with a colon."""
    starts = [p.start for p in paragraphs]
    for item in work:
        if item.attribution.mention is not None or item.kind == QuoteKind.SCARE:
            continue
        paragraph = item.context.paragraph
        label_end = answer_label_end(text, paragraph)
        if label_end is None or text[label_end : item.context.quote.open_mark].strip():
            continue
        index = bisect.bisect_left(starts, paragraph.start)
        for back in range(index - 1, max(-1, index - 12), -1):
            intro = paragraphs[back]
            if text[intro.end - 1] != ":" or is_interview_label(text, intro.start, intro.end - 1):
                continue
            if language == "de":
                found = german_lead_in(text, tokens(text, intro.start, intro.end), intro.start)
            else:
                lead_in = QuoteContext(
                    item.context.quote,
                    paragraph,
                    item.context.quote.open_mark,
                    item.context.tail_end,
                    intro,
                )
                found = attribution_before(text, lead_in)
            if found.mention is not None:
                item.attribution, item.how = replace(found, how=COLON), COLON
            break


def _titles_in_a_list(text: str, work: list[_QuoteWork]) -> None:
    """ "roles in “The Long Tide,” “Harbour Lights” and “Night Ferry”": a list that starts with
    a title goes on with titles."""
    for index in range(1, len(work)):
        previous, item = work[index - 1], work[index]
        if not previous.fixed_kind or item.fixed_kind or item.attribution.how == ADJACENT_AFTER:
            continue
        if text[previous.context.quote.end - 1] in ".?!":
            continue  # “The Revenant.” “You’ll have to ask a bear,” Maddow said.
        between = text[previous.context.quote.close_mark_end : item.context.quote.open_mark]
        quote_text = text[item.context.quote.start : item.context.quote.end]
        if re.fullmatch(r"[\s,]*(?:(?:and|or|und|oder|et|ou)\s*)?", between) and (
            quote_text[:1].isupper() and len(quote_text.split()) <= 8
        ):
            item.kind, item.fixed_kind = QuoteKind.SCARE, True
            item.attribution, item.how = NO_ATTRIBUTION, None


def _share_within_sentences(text: str, work: list[_QuoteWork]) -> None:
    """Fragments of one sentence share its speaker: "Trump said Rubio was “a lightweight”
    while Cruz is “a basket case” and “a liar”", "Guns are “a crisis” and “stunt growth,”
    Dean said". A fragment without a cue of its own takes the nearest one before it in the
    sentence, else one whose speaker is named after it."""
    for index, item in enumerate(work):
        if item.attribution.mention is not None or item.fixed_kind:
            continue
        if item.kind == QuoteKind.SCARE and not is_someones_words(
            text[item.context.quote.start : item.context.quote.end], item.language
        ):
            continue  # "on ABC's “This Week”": a name, even in a sentence with a speaker
        source = _sentence_neighbour(work, index)
        if source is None:
            continue
        item.attribution, item.how = source.attribution, source.attribution.how
        if item.kind == QuoteKind.SCARE:
            item.kind = QuoteKind.PARTIAL


def _sentence_neighbour(work: list[_QuoteWork], index: int) -> _QuoteWork | None:
    item = work[index]

    def same_sentence(other: _QuoteWork) -> bool:
        return (
            other.context.sentence_start == item.context.sentence_start
            and other.context.paragraph == item.context.paragraph
        )

    for back in range(index - 1, -1, -1):
        previous = work[back]
        if not same_sentence(previous):
            break
        if previous.attribution.mention is not None and previous.kind != QuoteKind.SCARE:
            return previous
    for forward in range(index + 1, len(work)):
        following = work[forward]
        if not same_sentence(following):
            break
        attribution = following.attribution
        if attribution.mention is not None and following.kind != QuoteKind.SCARE:
            # Only a speaker named after the fragments covers the ones before it.
            return following if attribution.mention.start > following.context.quote.start else None
    return None


def _link_split_quotes(text: str, work: list[_QuoteWork]) -> None:
    """“We are ready,” she said, “but not yet.”: the second part continues the first."""
    for index in range(1, len(work)):
        first, second = work[index - 1], work[index]
        if first.context.paragraph != second.context.paragraph:
            continue
        if first.attribution.how != ADJACENT_AFTER or first.attribution.mention is None:
            continue
        first_text = text[first.context.quote.start : first.context.quote.end]
        if first_text[-1:] in ".?!" or first.kind == QuoteKind.SCARE:
            continue
        # Only the attribution (and a comma or dash) may stand between the two parts.
        between = text[first.context.quote.close_mark_end : second.context.quote.open_mark].rstrip()
        if not between or between[-1] not in ",—–:-" or _has_sentence_end(between):
            continue
        if first.attribution.end > second.context.quote.open_mark:
            continue
        second.part_of = index  # 1-based id of the first part
        second.attribution = first.attribution
        second.kind = first.kind if first.kind != QuoteKind.SCARE else QuoteKind.DIRECT
        second.how = first.attribution.how


def _has_sentence_end(between: str) -> bool:
    return bool(re.search(r"[.?!]\s", between))


def _resolve_in_order(
    text: str,
    work: list[_QuoteWork],
    claims: list[ClaimDetection],
    registry: EntityRegistry,
    paragraphs,
) -> tuple[list[Entity | None], list[Entity]]:
    """Walk the article once, in order, so each pronoun sees only what came before it."""
    events: list[tuple[int, int, str, int]] = []
    for index, item in enumerate(work):
        mention = item.attribution.mention
        position = mention.start if mention is not None else item.context.quote.start
        events.append((position, 2, "quote", index))
    for index, claim in enumerate(claims):
        events.append((claim.mention.start, 1, "claim", index))
    names = _running_text_names(text, paragraphs, work)
    for index, (mention, _) in enumerate(names):
        events.append((mention.start, 0, "name", index))
    claim_entities: list[Entity | None] = [None] * len(claims)
    audiences: list[Entity] = []  # outlets that were told something ("told Politico")
    for event in sorted(events, key=lambda e: (e[0], e[1])):
        _, _, what, index = event
        if what == "name":
            mention, new_person = names[index]
            registry.note_mention(
                mention, new_person=new_person, subject=_opens_sentence(text, mention.start)
            )
        elif what == "claim":
            claim = claims[index]
            claim_entities[index] = registry.resolve(claim.mention, as_speaker=True)
            for extra in claim.extra_mentions:
                outlet = registry.resolve_audience(extra)
                if outlet is not None:
                    audiences.append(outlet)
        else:
            _resolve_quote(text, work, index, registry)
    return claim_entities, audiences


def _resolve_quote(text: str, work: list[_QuoteWork], index: int, registry: EntityRegistry) -> None:
    item = work[index]
    if item.kind == QuoteKind.SCARE:
        return
    mention = item.attribution.mention
    if item.part_of is not None:
        first = work[item.part_of - 1]
        item.speaker, item.entity = first.speaker, first.entity
        item.confidence = first.confidence
        return
    if mention is not None:
        entity = registry.resolve(mention, as_speaker=True)
        for extra in item.attribution.extra_mentions:
            outlet = registry.resolve_audience(extra)
            if outlet is not None:
                item.audiences.append(outlet)
        item.entity = entity
        item.speaker = _speaker_ref(mention, entity)
        item.confidence = attribution_confidence(
            item.how,
            item.language,
            mention.kind == PRONOUN,
            entity is not None,
            partial=item.kind == QuoteKind.PARTIAL,
        )
        return
    if item.kind == QuoteKind.SCARE:
        return
    carried = _carried_speaker(text, work, index)
    if carried is not None:
        source, how = carried
        item.speaker, item.entity, item.how = source.speaker, source.entity, how
        item.confidence = attribution_confidence(
            how, item.language, False, True, partial=item.kind == QuoteKind.PARTIAL
        )
        item.carried_from = source


def _carried_speaker(
    text: str, work: list[_QuoteWork], index: int
) -> tuple[_QuoteWork, str] | None:
    """A quotation with no cue of its own continues the speaker of the one before it."""
    item = work[index]
    for back in range(index - 1, -1, -1):
        previous = work[back]
        if previous.kind == QuoteKind.SCARE or previous.speaker is None:
            continue
        same_paragraph = previous.context.paragraph == item.context.paragraph
        if same_paragraph:
            return previous, SAME_PARAGRAPH
        # Only the paragraph right before, and only when nothing else came between.
        gap = text[previous.context.paragraph.end : item.context.paragraph.start]
        if gap.count("\n") <= 3 and not _other_names_between(text, previous, item):
            return previous, PREVIOUS_PARAGRAPH
        break
    return None


def _other_names_between(text: str, previous: _QuoteWork, item: _QuoteWork) -> bool:
    """Another speaker introduced in between ("Smith disagreed.") breaks the carry-over."""
    between = text[previous.context.tail_end : item.context.quote.open_mark]
    return bool(re.search(r"\b(?:said|says|told|according to)\b", between))


def _running_text_names(
    text: str, paragraphs, work: list[_QuoteWork]
) -> list[tuple[Mention, bool]]:
    """Names outside quotations, each with whether it looks like a new person, so that a
    later 'she' or a bare surname can refer to them."""
    found: list[tuple[Mention, bool]] = []
    quoted = SpanIndex([(w.context.quote.start, w.context.quote.end) for w in work])
    for paragraph in paragraphs:
        words = tokens(text, paragraph.start, paragraph.end)
        position = 0
        while position < len(words):
            word = words[position][2]
            if not (is_name_word(word) or is_title(word)):
                position += 1
                continue
            mention = parse_name(text, words, position)
            if mention is None:
                position += 1
                continue
            consumed = position + 1
            while consumed < len(words) and words[consumed][0] < mention.end:
                consumed += 1
            inside_quote = quoted.contains(mention.start)
            if not inside_quote and mention.kind == NAME:
                found.append((mention, _looks_like_person(text, mention, words, consumed)))
            elif (
                not inside_quote and mention.kind == ORGANIZATION and len(mention.name.split()) > 1
            ):
                found.append((mention, True))
            position = consumed
    return found


def _opens_sentence(text: str, position: int) -> bool:
    """True when a name stands first in its sentence or paragraph, where subjects stand."""
    before = text[max(0, position - 3) : position].rstrip(" \t")
    return not before or before[-1] in "\n.?!”\"’'"


def _looks_like_person(text: str, mention: Mention, words, after: int) -> bool:
    parts = mention.name.split()
    if mention.title:
        return True
    if len(parts) < 2:
        return False
    if parts[0].lower() in FEMALE_NAMES or parts[0].lower() in MALE_NAMES:
        return True
    following = text[mention.end : mention.end + 12]
    return bool(re.match(r",\s+(?:a|an|the|who|whose|\d+)\b", following))


def _speaker_ref(mention: Mention, entity: Entity | None) -> SpeakerRef:
    if entity is None:
        name = mention.full or mention.name
        anonymous = mention.anonymous
    else:
        name, anonymous = entity.name, entity.anonymous
    return SpeakerRef(
        name=name, start=mention.start, end=mention.end, anonymous=anonymous, role=mention.role
    )


def _to_quote(text: str, index: int, item: _QuoteWork) -> DetectedQuote:
    quote = item.context.quote
    attribution = (
        item.attribution
        if item.speaker is not None or item.kind != QuoteKind.SCARE
        else NO_ATTRIBUTION
    )
    cue = None
    if attribution.cue_text and item.carried_from is None:
        cue = Cue(attribution.cue_text, attribution.cue_start, attribution.cue_end)
    confidence = (
        item.confidence
        if item.speaker is not None
        else (0.9 if item.kind == QuoteKind.SCARE else NO_SPEAKER)
    )
    if quote.close_mark is None:
        confidence *= 0.8  # an unclosed quotation: its end is a guess
    return DetectedQuote(
        id=index,
        start=quote.start,
        end=quote.end,
        text=text[quote.start : quote.end],
        kind=item.kind,
        part_of=item.part_of,
        speaker=item.speaker if item.kind != QuoteKind.SCARE else None,
        cue=cue if item.kind != QuoteKind.SCARE else None,
        confidence=max(0.0, min(1.0, confidence)),
    )


def _sources(
    text: str,
    work: list[_QuoteWork],
    quotes: tuple[DetectedQuote, ...],
    claim_entities: list[Entity | None],
    audiences: list[Entity],
) -> tuple[DetectedSource, ...]:
    """Everyone credited with a quote or a claim, and the outlets they spoke to."""
    credited: dict[int, dict] = {}

    def entry(entity: Entity) -> dict:
        return credited.setdefault(id(entity), {"entity": entity, "quotes": [], "claims": 0})

    for item, quote in zip(work, quotes, strict=True):
        if item.entity is not None and quote.speaker is not None:
            entry(item.entity)["quotes"].append(quote.id)
    for entity in claim_entities:
        if entity is not None:
            entry(entity)["claims"] += 1
    for outlet in audiences:
        entry(outlet)  # an outlet a source spoke to is part of the sourcing
    occurrences = _all_occurrences(text, [r["entity"] for r in credited.values()])
    sources = []
    for record in credited.values():
        entity: Entity = record["entity"]
        mentions = sorted(entity.mentions | set(occurrences.get(id(entity), [])))
        sources.append(
            DetectedSource(
                name=entity.name,
                type=SourceType.ANONYMOUS if entity.anonymous else entity.type,
                anonymous=entity.anonymous,
                mentions=tuple(mentions),
                quote_ids=tuple(record["quotes"]),
                claim_count=record["claims"],
            )
        )
    sources.sort(key=lambda s: s.mentions[0][0] if s.mentions else 0)
    return tuple(sources)


def _all_occurrences(text: str, entities: list[Entity]) -> dict[int, list[tuple[int, int]]]:
    """Every place a named source's name (or a person's surname) appears, in one pass."""
    owners: dict[str, Entity] = {}
    for entity in entities:
        if entity.anonymous or entity.type == SourceType.ANONYMOUS:
            continue
        name = entity.name[4:] if entity.name.lower().startswith("the ") else entity.name
        if name:
            owners.setdefault(name, entity)
        if entity.type == SourceType.PERSON and len(name.split()) > 1:
            owners.setdefault(name.split()[-1], entity)
    found: dict[int, list[tuple[int, int]]] = {}
    if not owners:
        return found
    # Longest first, so a full name wins over the surname inside it.
    alternatives = "|".join(re.escape(n) for n in sorted(owners, key=len, reverse=True))
    for match in re.finditer(r"(?<![\w’'-])(?:" + alternatives + r")(?![\w-])", text):
        entity = owners[match.group(0)]
        found.setdefault(id(entity), []).append((match.start(), match.end()))
    return found

"""Score an `analyze` result against a gold annotation, exactly as CONTRACT.md defines it.

Quotes of kind ``scare`` are not quotes, on either side; they get their own detection count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from evaluation.counts import (
    MATCH_THRESHOLD,
    ArticleScore,
    Counts,
    Mistake,
    match_by_score,
    match_spans,
    span_jaccard,
)
from evaluation.gold import GoldArticle, GoldClaim, GoldQuote
from evaluation.names import (
    anonymous_source_score,
    named_source_score,
    speaker_is_right,
    speaker_name_matches,
)


def _as_dict(analysis: Any) -> Mapping[str, Any]:
    return analysis.to_dict() if hasattr(analysis, "to_dict") else analysis


def _speaker_text(speaker: Mapping[str, Any] | None, text: str | None) -> str:
    if not speaker:
        return "—"
    name = speaker.get("name") or "?"
    start, end = speaker.get("start"), speaker.get("end")
    if text is not None and isinstance(start, int) and isinstance(end, int):
        mention = text[start:end]
        if mention and mention != name:
            return f"{name} (mention “{mention}” at {start})"
        return f"{name} (at {start})"
    return name


def _gold_speaker_text(quote: GoldQuote) -> str:
    if quote.speaker is None:
        return "—"
    if quote.mention and quote.mention != quote.speaker:
        where = f" at {quote.mention_start}" if quote.mention_start is not None else ""
        return f"{quote.speaker} (mention “{quote.mention}”{where})"
    return quote.speaker


def score_article(gold: GoldArticle, analysis: Any, text: str | None = None) -> ArticleScore:
    """Score one article's analysis (an ``Analysis`` or its ``to_dict()``) against its gold."""
    data = _as_dict(analysis)
    predicted_all = list(data.get("quotes", []))
    mistakes: list[Mistake] = []

    def excerpt(start: int, end: int, fallback: str = "") -> str:
        return text[start:end] if text is not None else fallback

    gold_quotes = [q for q in gold.quotes if q.kind != "scare"]
    gold_scare = [q for q in gold.quotes if q.kind == "scare"]
    predicted = [q for q in predicted_all if q.get("kind") != "scare"]
    predicted_scare = [q for q in predicted_all if q.get("kind") == "scare"]

    gold_spans = [(q.start, q.end) for q in gold_quotes]
    predicted_spans = [(q["start"], q["end"]) for q in predicted]
    pairs = match_spans(gold_spans, predicted_spans)
    exact_pairs = match_spans(gold_spans, predicted_spans, threshold=1.0)

    def nearest(start: int, end: int, quotes: Sequence[Mapping[str, Any]]) -> str | None:
        best = max(
            quotes,
            key=lambda q: span_jaccard(start, end, q["start"], q["end"]),
            default=None,
        )
        if best is None:
            return None
        overlap = span_jaccard(start, end, best["start"], best["end"])
        if overlap <= 0:
            return None
        return f"{best.get('kind')} [{best['start']}:{best['end']}] overlap {overlap:.2f}"

    for g, quote in enumerate(gold_quotes):
        if g not in pairs:
            near = nearest(quote.start, quote.end, predicted_all)
            mistakes.append(
                Mistake(
                    "missed_quote",
                    quote.start,
                    quote.end,
                    quote.text,
                    gold=f"{quote.kind}, {_gold_speaker_text(quote)}",
                    predicted=near,
                )
            )
    matched_predictions = set(pairs.values())
    gold_scare_spans = [(q.start, q.end) for q in gold_scare]
    for p, quote in enumerate(predicted):
        if p in matched_predictions:
            continue
        is_gold_scare = any(
            span_jaccard(s, e, quote["start"], quote["end"]) >= MATCH_THRESHOLD
            for s, e in gold_scare_spans
        )
        mistakes.append(
            Mistake(
                "spurious_quote",
                quote["start"],
                quote["end"],
                quote.get("text") or excerpt(quote["start"], quote["end"]),
                gold="scare" if is_gold_scare else None,
                predicted=f"{quote.get('kind')}, {_speaker_text(quote.get('speaker'), text)}",
                note="the gold has it as a scare quote" if is_gold_scare else None,
            )
        )

    # Speakers, kinds and links on matched quotes.
    speaker_total = speaker_correct = flag_total = flag_correct = 0
    kind_total = kind_correct = link_total = link_correct = link_spurious = 0
    gold_by_position = {q.position: q for q in gold.quotes}
    source_types = {s.name: s.type for s in gold.sources}
    predicted_index_by_id = {q.get("id"): i for i, q in enumerate(predicted)}
    gold_index_of_prediction = {p: g for g, p in pairs.items()}

    def chain_root(quote: GoldQuote) -> int:
        seen = set()
        while quote.part_of is not None and quote.part_of in gold_by_position:
            if quote.position in seen:
                break
            seen.add(quote.position)
            quote = gold_by_position[quote.part_of]
        return quote.position

    for g, p in sorted(pairs.items()):
        gold_quote, guess = gold_quotes[g], predicted[p]
        speaker = guess.get("speaker") or None
        if gold_quote.speaker is not None:
            speaker_total += 1
            right = speaker_is_right(
                gold_quote, speaker, gold_type=source_types.get(gold_quote.speaker, "person")
            )
            if right:
                speaker_correct += 1
            else:
                mistakes.append(
                    Mistake(
                        "wrong_speaker",
                        gold_quote.start,
                        gold_quote.end,
                        gold_quote.text,
                        gold=_gold_speaker_text(gold_quote),
                        predicted=_speaker_text(speaker, text),
                    )
                )
            if gold_quote.speaker_anonymous is not None:
                flag_total += 1
                if speaker and bool(speaker.get("anonymous")) == gold_quote.speaker_anonymous:
                    flag_correct += 1
                elif right:
                    mistakes.append(
                        Mistake(
                            "wrong_anonymous_flag",
                            gold_quote.start,
                            gold_quote.end,
                            gold_quote.text,
                            gold=f"anonymous={gold_quote.speaker_anonymous}",
                            predicted=f"anonymous={bool(speaker and speaker.get('anonymous'))}",
                        )
                    )
        kind_total += 1
        if guess.get("kind") == gold_quote.kind:
            kind_correct += 1
        else:
            mistakes.append(
                Mistake(
                    "wrong_kind",
                    gold_quote.start,
                    gold_quote.end,
                    gold_quote.text,
                    gold=gold_quote.kind,
                    predicted=str(guess.get("kind")),
                )
            )
        predicted_link = guess.get("part_of")
        if gold_quote.part_of is not None:
            link_total += 1
            target = predicted_index_by_id.get(predicted_link)
            linked_gold = gold_index_of_prediction.get(target) if target is not None else None
            ok = (
                linked_gold is not None
                and gold_quotes[linked_gold].position < gold_quote.position
                and chain_root(gold_quotes[linked_gold]) == chain_root(gold_quote)
            )
            if ok:
                link_correct += 1
            else:
                first = gold_by_position.get(gold_quote.part_of)
                mistakes.append(
                    Mistake(
                        "wrong_link",
                        gold_quote.start,
                        gold_quote.end,
                        gold_quote.text,
                        gold=f"continues “{first.text[:40]}” [{first.start}:{first.end}]"
                        if first
                        else f"part_of {gold_quote.part_of}",
                        predicted=f"part_of {predicted_link}",
                    )
                )
        elif predicted_link is not None:
            link_spurious += 1
            mistakes.append(
                Mistake(
                    "spurious_link",
                    gold_quote.start,
                    gold_quote.end,
                    gold_quote.text,
                    gold="not a continuation",
                    predicted=f"part_of {predicted_link}",
                )
            )

    # Scare quotes: their own detection count.
    scare_pairs = match_spans(gold_scare_spans, [(q["start"], q["end"]) for q in predicted_scare])
    for g, quote in enumerate(gold_scare):
        if g not in scare_pairs:
            mistakes.append(
                Mistake(
                    "missed_scare",
                    quote.start,
                    quote.end,
                    quote.text,
                    gold="scare",
                    predicted=nearest(quote.start, quote.end, predicted_all),
                )
            )

    # Sources.
    predicted_sources = list(data.get("sources", []))
    gold_anonymous = [s for s in gold.sources if s.anonymous]
    gold_named = [s for s in gold.sources if not s.anonymous]
    predicted_anonymous = [s for s in predicted_sources if s.get("anonymous")]
    predicted_named = [s for s in predicted_sources if not s.get("anonymous")]
    anonymous_pairs = match_by_score(
        len(gold_anonymous),
        len(predicted_anonymous),
        lambda g, p: anonymous_source_score(
            gold_anonymous[g].name, predicted_anonymous[p].get("name") or ""
        ),
    )
    named_pairs = match_by_score(
        len(gold_named),
        len(predicted_named),
        lambda g, p: named_source_score(gold_named[g], predicted_named[p].get("name") or ""),
    )
    type_total = type_correct = 0
    for gold_list, predicted_list, source_pairs in (
        (gold_anonymous, predicted_anonymous, anonymous_pairs),
        (gold_named, predicted_named, named_pairs),
    ):
        for g, p in source_pairs.items():
            type_total += 1
            if predicted_list[p].get("type") == gold_list[g].type:
                type_correct += 1
            else:
                mistakes.append(
                    Mistake(
                        "wrong_source_type",
                        None,
                        None,
                        gold_list[g].name,
                        gold=gold_list[g].type,
                        predicted=str(predicted_list[p].get("type")),
                    )
                )
    for g, source in enumerate(gold_anonymous):
        if g not in anonymous_pairs:
            mistakes.append(
                Mistake("missed_anonymous_source", None, None, source.name, gold=source.type)
            )
    for g, source in enumerate(gold_named):
        if g not in named_pairs:
            mistakes.append(
                Mistake("missed_named_source", None, None, source.name, gold=source.type)
            )
    matched_named = set(named_pairs.values())
    for p, source in enumerate(predicted_named):
        if p not in matched_named:
            mistakes.append(
                Mistake(
                    "spurious_named_source",
                    None,
                    None,
                    source.get("name") or "",
                    predicted=str(source.get("type")),
                )
            )

    # Claims (indirect attributions).
    predicted_claims = list(data.get("claims", []))

    def claim_source_right(claim: GoldClaim, guess: Mapping[str, Any]) -> bool:
        name = (guess.get("source") or {}).get("name") or ""
        candidates = [(claim.source, claim.source_anonymous)]
        candidates += [(other, True) for other in claim.other_sources]
        return any(
            speaker_name_matches(n, anon, name, gold_type=source_types.get(n, "person"))
            for n, anon in candidates
            if n
        )

    def claim_score(g: int, p: int) -> float:
        claim, guess = gold.claims[g], predicted_claims[p]
        g_start, g_end = claim.start, claim.end
        p_start, p_end = guess.get("start"), guess.get("end")
        if g_start is not None and g_end is not None:
            if not (isinstance(p_start, int) and isinstance(p_end, int)):
                return 0.0
            overlap = span_jaccard(g_start, g_end, p_start, p_end)
            return overlap if overlap > 0 else 0.0
        if g_start is not None:
            if not (isinstance(p_start, int) and isinstance(p_end, int)):
                return 0.0
            if p_start - 5 <= g_start < max(p_end, p_start + 6):
                return 1.0 if claim_source_right(claim, guess) else 0.5
            return 0.0
        # No span in the gold: only the source can tell which claim it is.
        return 1.0 if claim_source_right(claim, guess) else 0.0

    claim_pairs = match_by_score(len(gold.claims), len(predicted_claims), claim_score)
    claim_source_total = claim_source_correct = 0
    for g, claim in enumerate(gold.claims):
        where = (claim.start, claim.end)
        label = claim.text or (
            excerpt(claim.start, claim.start + 60)
            if claim.start is not None and text is not None
            else f"(a claim credited to {claim.source})"
        )
        if g not in claim_pairs:
            mistakes.append(
                Mistake("missed_claim", *where, label, gold=claim.source, predicted=None)
            )
            continue
        guess = predicted_claims[claim_pairs[g]]
        claim_source_total += 1
        if claim_source_right(claim, guess):
            claim_source_correct += 1
        else:
            mistakes.append(
                Mistake(
                    "wrong_claim_source",
                    *where,
                    label,
                    gold=claim.source,
                    predicted=(guess.get("source") or {}).get("name"),
                )
            )

    counts = Counts(
        articles=1,
        gold_quotes=len(gold_quotes),
        predicted_quotes=len(predicted),
        matched_quotes=len(pairs),
        exact_quotes=len(exact_pairs),
        speaker_total=speaker_total,
        speaker_correct=speaker_correct,
        speaker_flag_total=flag_total,
        speaker_flag_correct=flag_correct,
        kind_total=kind_total,
        kind_correct=kind_correct,
        link_total=link_total,
        link_correct=link_correct,
        link_spurious=link_spurious,
        gold_scare=len(gold_scare),
        scare_found=len(scare_pairs),
        predicted_scare=len(predicted_scare),
        anonymous_sources_gold=len(gold_anonymous),
        anonymous_sources_found=len(anonymous_pairs),
        named_sources_gold=len(gold_named),
        named_sources_predicted=len(predicted_named),
        named_sources_matched=len(named_pairs),
        source_type_total=type_total,
        source_type_correct=type_correct,
        claims_gold=len(gold.claims),
        claims_found=len(claim_pairs),
        claim_source_total=claim_source_total,
        claim_source_correct=claim_source_correct,
    )
    mistakes.sort(key=lambda m: (m.start is None, m.start or 0, m.kind))
    return ArticleScore(name=gold.name, counts=counts, mistakes=tuple(mistakes))

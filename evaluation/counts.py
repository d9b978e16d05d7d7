"""Counts per article and their micro-averaged totals; one-to-one span matching.

A predicted quote matches a gold quote when the Jaccard overlap of their character spans is at
least 0.8 (one-to-one, best overlap first). Counts, not ratios, are kept per article so that
corpus totals are micro-averaged by adding the counts up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

MATCH_THRESHOLD = 0.8


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Counts:
    """Raw counts for one article or, added up, a corpus (so every ratio is micro-averaged)."""

    articles: int = 0
    gold_quotes: int = 0  # not counting scare quotes
    predicted_quotes: int = 0  # not counting scare quotes
    matched_quotes: int = 0  # overlap >= 0.8, one-to-one
    exact_quotes: int = 0  # identical spans, one-to-one
    speaker_total: int = 0  # matched gold quotes that have a gold speaker
    speaker_correct: int = 0
    speaker_flag_total: int = 0  # ... whose gold says whether the speaker is anonymous
    speaker_flag_correct: int = 0
    kind_total: int = 0
    kind_correct: int = 0
    link_total: int = 0  # matched gold quotes that continue an earlier one (part_of)
    link_correct: int = 0
    link_spurious: int = 0  # matched quotes linked by the prediction but not in the gold
    gold_scare: int = 0
    scare_found: int = 0
    predicted_scare: int = 0
    anonymous_sources_gold: int = 0
    anonymous_sources_found: int = 0
    named_sources_gold: int = 0
    named_sources_predicted: int = 0
    named_sources_matched: int = 0
    source_type_total: int = 0  # matched sources (named and anonymous)
    source_type_correct: int = 0
    claims_gold: int = 0
    claims_found: int = 0
    claim_source_total: int = 0
    claim_source_correct: int = 0

    def __add__(self, other: Counts) -> Counts:
        if not isinstance(other, Counts):
            return NotImplemented
        return Counts(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    @property
    def quote_precision(self) -> float | None:
        return _ratio(self.matched_quotes, self.predicted_quotes)

    @property
    def quote_recall(self) -> float | None:
        return _ratio(self.matched_quotes, self.gold_quotes)

    @property
    def quote_f1(self) -> float | None:
        return _ratio(2 * self.matched_quotes, self.gold_quotes + self.predicted_quotes)

    @property
    def exact_precision(self) -> float | None:
        return _ratio(self.exact_quotes, self.predicted_quotes)

    @property
    def exact_recall(self) -> float | None:
        return _ratio(self.exact_quotes, self.gold_quotes)

    @property
    def exact_f1(self) -> float | None:
        return _ratio(2 * self.exact_quotes, self.gold_quotes + self.predicted_quotes)

    @property
    def speaker_accuracy(self) -> float | None:
        return _ratio(self.speaker_correct, self.speaker_total)

    @property
    def speaker_flag_accuracy(self) -> float | None:
        return _ratio(self.speaker_flag_correct, self.speaker_flag_total)

    @property
    def kind_accuracy(self) -> float | None:
        return _ratio(self.kind_correct, self.kind_total)

    @property
    def link_accuracy(self) -> float | None:
        return _ratio(self.link_correct, self.link_total)

    @property
    def scare_recall(self) -> float | None:
        return _ratio(self.scare_found, self.gold_scare)

    @property
    def anonymous_source_recall(self) -> float | None:
        return _ratio(self.anonymous_sources_found, self.anonymous_sources_gold)

    @property
    def named_source_recall(self) -> float | None:
        return _ratio(self.named_sources_matched, self.named_sources_gold)

    @property
    def named_source_precision(self) -> float | None:
        return _ratio(self.named_sources_matched, self.named_sources_predicted)

    @property
    def source_type_accuracy(self) -> float | None:
        return _ratio(self.source_type_correct, self.source_type_total)

    @property
    def claim_recall(self) -> float | None:
        return _ratio(self.claims_found, self.claims_gold)

    @property
    def claim_source_accuracy(self) -> float | None:
        return _ratio(self.claim_source_correct, self.claim_source_total)

    METRICS: ClassVar[tuple[str, ...]] = (
        "quote_precision",
        "quote_recall",
        "quote_f1",
        "exact_precision",
        "exact_recall",
        "exact_f1",
        "speaker_accuracy",
        "speaker_flag_accuracy",
        "kind_accuracy",
        "link_accuracy",
        "scare_recall",
        "anonymous_source_recall",
        "named_source_recall",
        "named_source_precision",
        "source_type_accuracy",
        "claim_recall",
        "claim_source_accuracy",
    )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        for metric in self.METRICS:
            value = getattr(self, metric)
            data[metric] = None if value is None else round(value, 4)
        return data


@dataclass(frozen=True)
class Mistake:
    """One thing the prediction got wrong, for tuning: where, what the gold says, what came out."""

    kind: str  # missed_quote, spurious_quote, wrong_speaker, wrong_kind, wrong_link, ...
    start: int | None
    end: int | None
    text: str
    gold: str | None = None
    predicted: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "gold": self.gold,
            "predicted": self.predicted,
            "note": self.note,
        }


@dataclass(frozen=True)
class ArticleScore:
    name: str
    counts: Counts
    mistakes: tuple[Mistake, ...] = field(default=())


def span_jaccard(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Intersection over union of two character spans."""
    intersection = max(0, min(a_end, b_end) - max(a_start, b_start))
    union = (a_end - a_start) + (b_end - b_start) - intersection
    if union <= 0:
        return 1.0 if (a_start, a_end) == (b_start, b_end) else 0.0
    return intersection / union


def match_spans(
    gold: Sequence[tuple[int, int]],
    predicted: Sequence[tuple[int, int]],
    threshold: float = MATCH_THRESHOLD,
) -> dict[int, int]:
    """One-to-one matching, best overlap first: {gold index: predicted index}.

    ``threshold`` 1.0 asks for identical spans.
    """
    candidates = []
    for g, (g_start, g_end) in enumerate(gold):
        for p, (p_start, p_end) in enumerate(predicted):
            overlap = span_jaccard(g_start, g_end, p_start, p_end)
            if overlap >= threshold:
                candidates.append((-overlap, g, p))
    candidates.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in candidates:
        if g not in pairs and p not in used:
            pairs[g] = p
            used.add(p)
    return pairs


def match_by_score(gold_count: int, predicted_count: int, score: Any) -> dict[int, int]:
    """One-to-one matching of items by a score function (0 = no match), best first."""
    candidates = []
    for g in range(gold_count):
        for p in range(predicted_count):
            value = score(g, p)
            if value > 0:
                candidates.append((-value, g, p))
    candidates.sort()
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in candidates:
        if g not in pairs and p not in used:
            pairs[g] = p
            used.add(p)
    return pairs


def total(scores: Iterable[ArticleScore | Counts]) -> Counts:
    """Micro-averaged totals: the counts of every article added up."""
    result = Counts()
    for score in scores:
        result = result + (score.counts if isinstance(score, ArticleScore) else score)
    return result

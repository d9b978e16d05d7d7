"""How far to trust a quote's speaker: calibrated confidences and the threshold for a look.

A quote's `confidence` is calibrated on annotated news: of the attributions given at least
CONFIDENT, at least 95 % name the right speaker (benchmarks/real_news.py and
benchmarks/extraction.py print the figures per confidence band). A speaker whose quote is
below REVIEW_THRESHOLD deserves a reviewer's look; the window flags those quotes.
"""

from __future__ import annotations

CONFIDENT = 0.9

# How often the speaker is right for each way an attribution is found, measured on the train
# splits of the two annotated news corpora and on tests/corpus/ (benchmarks/real_news.py). Keys
# are the `how` values of extraction/attribution.py; a partial quote's speaker (a fragment in
# the writer's sentence) is read less reliably than a whole statement's, so it has its own.
_ENGLISH = {
    "after": 0.95,  # “…,” said Smith
    "before": 0.91,  # Smith said: “…”
    "fragment": 0.87,  # Smith called it “reckless”
    "colon": 0.8,  # Smith put it bluntly: “…”
    "same_paragraph": 0.95,  # a second quotation in the paragraph of the first
    "previous_paragraph": 0.7,  # carried over from the paragraph before
    "sentence_subject": 0.65,  # Smith wants a “fair deal”: no cue at all
    "headline": 0.85,  # Smith: Plan ‘A Gift to Developers’
    "reported": 0.6,  # reported speech whose speaker a sentence before names
}
_ENGLISH_PARTIAL = {
    "after": 0.82,
    "before": 0.87,
    "same_paragraph": 0.55,
    "previous_paragraph": 0.2,
}
# German attribution is read by fewer and simpler rules, and is right less often.
_GERMAN = {
    "after": 0.88,
    "before": 0.85,
    "fragment": 0.7,
    "colon": 0.8,
    "same_paragraph": 0.7,
    "previous_paragraph": 0.3,
    "sentence_subject": 0.55,
    "headline": 0.7,
    "reported": 0.55,
}
_GERMAN_PARTIAL = {
    "after": 0.72,
    "same_paragraph": 0.3,
    "previous_paragraph": 0.1,
}
# A pronoun at the cue ("she said") is found as reliably, but who it is may be misread.
PRONOUN_PENALTY = 0.03
UNRESOLVED_PRONOUN_PENALTY = 0.25
NO_SPEAKER = 0.3


def attribution_confidence(
    how: str | None, language: str, pronoun: bool, resolved: bool, partial: bool = False
) -> float:
    """The calibrated confidence of a speaker found by `how` in an article in `language`."""
    table, partial_table = (
        (_GERMAN, _GERMAN_PARTIAL) if language == "de" else (_ENGLISH, _ENGLISH_PARTIAL)
    )
    confidence = table.get(how or "", 0.6)
    if partial:
        confidence = partial_table.get(how or "", confidence)
    if pronoun:
        confidence -= PRONOUN_PENALTY if resolved else UNRESOLVED_PRONOUN_PENALTY
    return confidence


# Quotes whose speaker confidence is below this are flagged for a look in the window.
REVIEW_THRESHOLD = CONFIDENT


def needs_review(confidence: float) -> bool:
    """True when a quote's speaker is uncertain enough that a reviewer should check it."""
    return confidence < REVIEW_THRESHOLD

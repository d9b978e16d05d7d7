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
# are the `how` values of extraction/attribution.py.
_ENGLISH = {
    "after": 0.95,  # “…,” said Smith
    "before": 0.91,  # Smith said: “…”
    "fragment": 0.86,  # Smith called it “reckless”
    "colon": 0.78,  # Smith put it bluntly: “…”
    "same_paragraph": 0.92,  # a second quotation in the paragraph of the first
    "previous_paragraph": 0.5,  # carried over from the paragraph before
    "sentence_subject": 0.56,  # Smith wants a “fair deal”: no cue at all
    "headline": 0.8,  # Smith: Plan ‘A Gift to Developers’
    "reported": 0.6,  # reported speech whose speaker a sentence before names
}
# German attribution is read by fewer and simpler rules, and is right less often.
_GERMAN = {
    "after": 0.85,
    "before": 0.78,
    "fragment": 0.7,
    "colon": 0.62,
    "same_paragraph": 0.5,
    "previous_paragraph": 0.2,
    "sentence_subject": 0.45,
    "headline": 0.7,
    "reported": 0.6,
}
# A pronoun at the cue ("she said") is found as reliably, but who it is may be misread.
PRONOUN_PENALTY = 0.03
UNRESOLVED_PRONOUN_PENALTY = 0.25
NO_SPEAKER = 0.3


def attribution_confidence(how: str | None, language: str, pronoun: bool, resolved: bool) -> float:
    """The calibrated confidence of a speaker found by `how` in an article in `language`."""
    table = _GERMAN if language == "de" else _ENGLISH
    confidence = table.get(how or "", 0.6)
    if pronoun:
        confidence -= PRONOUN_PENALTY if resolved else UNRESOLVED_PRONOUN_PENALTY
    return confidence


# Quotes whose speaker confidence is below this are flagged for a look in the window.
REVIEW_THRESHOLD = CONFIDENT


def needs_review(confidence: float) -> bool:
    """True when a quote's speaker is uncertain enough that a reviewer should check it."""
    return confidence < REVIEW_THRESHOLD

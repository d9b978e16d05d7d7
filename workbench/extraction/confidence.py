"""How far to trust a quote's speaker: calibrated confidences and the threshold for a look.

A quote's `confidence` is calibrated on annotated news: of the attributions given at least
CONFIDENT, at least 95 % name the right speaker (benchmarks/real_news.py and
benchmarks/extraction.py print the figures per confidence band). A speaker whose quote is
below REVIEW_THRESHOLD deserves a reviewer's look; the window flags those quotes.
"""

from __future__ import annotations

CONFIDENT = 0.9
# Quotes whose speaker confidence is below this are flagged for a look in the window.
REVIEW_THRESHOLD = CONFIDENT


def needs_review(confidence: float) -> bool:
    """True when a quote's speaker is uncertain enough that a reviewer should check it."""
    return confidence < REVIEW_THRESHOLD

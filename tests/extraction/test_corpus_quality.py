"""The engine's accuracy on the project's own annotated corpus stays where a reviewer needs it.

The floors sit a little under today's figures (printed by benchmarks/extraction.py), so a
change that costs reviewers real corrections fails here rather than in a newsroom.
"""

from __future__ import annotations

from functools import reduce
from operator import add
from pathlib import Path

import pytest

from evaluation import load_gold, score_article
from workbench.extraction import analyze_text

REPO = Path(__file__).resolve().parents[2]
GOLD_FILES = sorted((REPO / "tests" / "corpus").glob("*.gold.json")) + sorted(
    (REPO / "resources" / "samples").glob("*.gold.json")
)


@pytest.fixture(scope="module")
def corpus_counts():
    scores = []
    for path in GOLD_FILES:
        gold = load_gold(path)
        text = gold.read_text()
        scores.append(score_article(gold, analyze_text(text), text))
    return reduce(add, (s.counts for s in scores))


def test_corpus_is_there():
    assert len(GOLD_FILES) >= 13


def test_quotes_are_found_with_their_spans(corpus_counts):
    assert corpus_counts.quote_f1 >= 0.97
    assert corpus_counts.exact_f1 >= 0.95


def test_speakers_are_right(corpus_counts):
    assert corpus_counts.speaker_accuracy >= 0.95
    assert corpus_counts.speaker_flag_accuracy >= 0.93


def test_kinds_and_split_quotes(corpus_counts):
    assert corpus_counts.kind_accuracy >= 0.95
    assert corpus_counts.link_accuracy >= 0.9
    assert corpus_counts.scare_recall >= 0.75


def test_sources_and_claims(corpus_counts):
    assert corpus_counts.anonymous_source_recall >= 0.7
    assert corpus_counts.named_source_recall >= 0.75
    assert corpus_counts.claim_recall >= 0.75


def test_confident_speakers_are_right():
    """A confidence of 0.9 or more means the speaker is right at least 95 % of the time."""
    from evaluation.calibration import confidence_pairs, confident_share_right

    pairs = []
    for path in GOLD_FILES:
        gold = load_gold(path)
        pairs += confidence_pairs(gold, analyze_text(gold.read_text()).to_dict())
    count, share = confident_share_right(pairs)
    assert count >= len(pairs) // 2  # most attributions are confident, not hedged
    assert share >= 0.95

"""Is a quote's `confidence` calibrated? Speaker accuracy per confidence band."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from evaluation.counts import match_spans
from evaluation.gold import GoldArticle
from evaluation.names import speaker_is_right

BANDS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01)
CONFIDENT = 0.9


def confidence_pairs(gold: GoldArticle, analysis: Mapping[str, Any]) -> list[tuple[float, bool]]:
    """(confidence, speaker right) for every matched gold quote that has a gold speaker."""
    source_types = {s.name: s.type for s in gold.sources}
    gold_quotes = [q for q in gold.quotes if q.kind != "scare"]
    predicted = [q for q in analysis.get("quotes", []) if q.get("kind") != "scare"]
    pairs = match_spans(
        [(q.start, q.end) for q in gold_quotes], [(q["start"], q["end"]) for q in predicted]
    )
    found = []
    for g, p in pairs.items():
        quote = gold_quotes[g]
        if quote.speaker is None:
            continue
        guess = predicted[p]
        right = speaker_is_right(
            quote, guess.get("speaker"), gold_type=source_types.get(quote.speaker, "person")
        )
        found.append((float(guess.get("confidence") or 0.0), right))
    return found


def calibration_rows(pairs: Iterable[tuple[float, bool]]) -> list[tuple[str, int, float | None]]:
    """(band label, quotes in the band, share with the right speaker) for each band."""
    pairs = list(pairs)
    rows = []
    for low, high in itertools.pairwise(BANDS):
        inside = [right for confidence, right in pairs if low <= confidence < high]
        label = f"[{low:.2f}, {min(high, 1.0):.2f}{']' if high > 1 else ')'}"
        rows.append((label, len(inside), sum(inside) / len(inside) if inside else None))
    return rows


def confident_share_right(pairs: Iterable[tuple[float, bool]]) -> tuple[int, float | None]:
    """How many attributions reach CONFIDENT, and the share of those that are right."""
    confident = [right for confidence, right in pairs if confidence >= CONFIDENT]
    return len(confident), (sum(confident) / len(confident) if confident else None)


def print_calibration(pairs: list[tuple[float, bool]], indent: str = "  ") -> None:
    print(f"{indent}confidence      quotes  speaker right")
    for label, n, accuracy in calibration_rows(pairs):
        shown = "—" if accuracy is None else f"{accuracy:.3f}"
        print(f"{indent}{label:<14} {n:>7}  {shown}")
    n, share = confident_share_right(pairs)
    shown = "—" if share is None else f"{share:.3f}"
    print(f"{indent}≥ {CONFIDENT:.2f}: {n} attributions, right {shown}")

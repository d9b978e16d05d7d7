"""Score a quote against one chosen passage of a source (a runner-up, or a reviewer's selection)."""

from __future__ import annotations

from dataclasses import replace

from workbench.errors import UserError
from workbench.matching import Match, SourceIndex, Timestamp, build_index, locate_quote
from workbench.matching.transcript import speaker_mismatch

VERDICT_RANK = {"not_found": 0, "altered": 1, "near_exact": 2, "exact": 3}


def check_span(text: str, start: int, end: int, *, what: str) -> None:
    if not (0 <= start < end <= len(text)):
        raise UserError(f"The passage {start}–{end} is not inside {what} (0–{len(text)}).")


def match_passage(
    index: SourceIndex,
    quote: str,
    start: int,
    end: int,
    *,
    speaker: str | None = None,
    margin: int = 0,
) -> Match:
    """How `quote` compares with the source text between start and end.

    The passage is aligned on its own (threshold 0, so any shared words give a verdict and a
    diff rather than not_found); offsets, the speaker label and cue times come back in the
    whole source's terms. With a ``margin`` (characters) the alignment may grow the passage
    that far on either side: a runner-up's rough span is refined, a reviewer's is kept.
    """
    check_span(index.text, start, end, what="the source")
    start, end = max(0, start - margin), min(len(index.text), end + margin)
    # build_index, not index_source: a passage must not push the whole source out of the cache.
    match = locate_quote(build_index(index.text[start:end]), quote, threshold=0.0)
    if not match.found or match.start is None or match.end is None:
        return replace(match, candidates=())
    match = match.moved(start)  # offsets (passage, diff, elisions) in the whole source
    found_start, found_end = match.start, match.end
    label = index.layout.speaker_at(found_start) if index.layout.labelled else None
    cues = index.layout.cues_over(found_start, found_end)
    return replace(
        match,
        speaker=label,
        speaker_mismatch=speaker_mismatch(speaker, label),
        candidates=(),
        timestamp=Timestamp(cues[0].start_time, cues[-1].end_time) if cues else None,
    )


def refine_margin(start: int, end: int) -> int:
    """How far a runner-up's rough span may grow when it is scored on its own."""
    return max(40, (end - start) // 2)


def better(a: Match, b: Match) -> bool:
    """Whether match a is a better answer than b: found first, then score, then verdict."""
    return (a.found, round(a.score, 6), VERDICT_RANK[str(a.verdict)]) > (
        b.found,
        round(b.score, 6),
        VERDICT_RANK[str(b.verdict)],
    )

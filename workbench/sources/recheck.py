"""Re-check a primary source: read or fetch it again, compare with the snapshot, re-score links.

The stored snapshot is never overwritten: it is the evidence of what the source said when the
quote was checked. The report says whether the source changed since capture and, for each
linked passage, where the quote is now and whether it still matches as well as it did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.errors import UserError
from workbench.matching import DEFAULT_THRESHOLD, Match, index_source, locate_quote
from workbench.sources.capture import DEFAULT_TIMEOUT, EvidenceSnapshot, capture_file, capture_url
from workbench.sources.passages import VERDICT_RANK, match_passage

UNCHANGED = "unchanged"
CHANGED = "changed"
UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class LinkedQuote:
    """A stored link to re-score: the quote's words and the passage it was tied to."""

    link_id: int
    quote_id: int
    quote: str
    speaker: str | None
    start: int
    end: int
    score: float | None
    verdict: str | None


@dataclass(frozen=True)
class LinkCheck:
    link_id: int
    quote_id: int
    then_start: int
    then_end: int
    then_score: float | None
    then_verdict: str | None
    now: Match

    @property
    def still_matches(self) -> bool:
        """Found again, and no worse a verdict than when it was linked."""
        if not self.now.found:
            return False
        return VERDICT_RANK[str(self.now.verdict)] >= VERDICT_RANK.get(self.then_verdict or "", 1)

    @property
    def moved(self) -> bool:
        return self.now.found and (self.now.start, self.now.end) != (self.then_start, self.then_end)

    def to_dict(self) -> dict[str, Any]:
        return {
            "link_id": self.link_id,
            "quote_id": self.quote_id,
            "still_matches": self.still_matches,
            "moved": self.moved,
            "then": {
                "start": self.then_start,
                "end": self.then_end,
                "score": self.then_score,
                "verdict": self.then_verdict,
            },
            "now": {
                key: value
                for key, value in self.now.to_dict().items()
                if key in {"found", "start", "end", "score", "verdict", "passage", "diff"}
            },
        }


@dataclass(frozen=True)
class RecheckReport:
    source_id: int
    origin: str
    checked_at: str
    status: str  # unchanged | changed | unavailable
    captured_sha256: str
    current_sha256: str | None
    text_changed: bool | None
    final_url: str | None
    http_status: int | None
    problem: str | None  # why the source could not be read again
    links: tuple[LinkCheck, ...]

    @property
    def changed(self) -> bool:
        return self.status == CHANGED

    @property
    def links_intact(self) -> bool:
        return all(check.still_matches for check in self.links)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "origin": self.origin,
            "checked_at": self.checked_at,
            "status": self.status,
            "changed": self.changed,
            "captured_sha256": self.captured_sha256,
            "current_sha256": self.current_sha256,
            "text_changed": self.text_changed,
            "final_url": self.final_url,
            "http_status": self.http_status,
            "problem": self.problem,
            "links_intact": self.links_intact,
            "links": [check.to_dict() for check in self.links],
        }


def capture_again(origin: str, kind: str, *, timeout: float = DEFAULT_TIMEOUT) -> EvidenceSnapshot:
    """The source as it is now, read from where it was first captured."""
    if kind == "url":
        return capture_url(origin, timeout=timeout)
    if kind == "file":
        return capture_file(origin)
    raise UserError(
        "It was pasted text, so there is nowhere to read it again; its snapshot is all there is."
    )


def compare(
    *,
    source_id: int,
    origin: str,
    captured_sha256: str,
    captured_text: str,
    current: EvidenceSnapshot | None,
    problem: str | None,
    links: Sequence[LinkedQuote],
    checked_at: str,
    threshold: float = DEFAULT_THRESHOLD,
) -> RecheckReport:
    """The report for a source read again (``current``) or not readable now (``problem``)."""
    if current is None:
        return RecheckReport(
            source_id, origin, checked_at, UNAVAILABLE, captured_sha256, None, None, None,
            None, problem, tuple(_check_against(captured_text, links, threshold, gone=True)),
        )  # fmt: skip
    changed = current.sha256 != captured_sha256
    return RecheckReport(
        source_id=source_id,
        origin=origin,
        checked_at=checked_at,
        status=CHANGED if changed else UNCHANGED,
        captured_sha256=captured_sha256,
        current_sha256=current.sha256,
        text_changed=current.text != captured_text,
        final_url=current.final_url,
        http_status=current.http_status,
        problem=None,
        links=tuple(_check_against(current.text, links, threshold, gone=False)),
    )


def _check_against(
    text: str, links: Sequence[LinkedQuote], threshold: float, *, gone: bool
) -> list[LinkCheck]:
    if gone:
        # The source is not there to search: every link is reported as not found now.
        nothing = [
            LinkCheck(
                link.link_id, link.quote_id, link.start, link.end, link.score, link.verdict,
                _not_there(link.quote),
            )
            for link in links
        ]  # fmt: skip
        return nothing
    index = index_source(text)
    checks = []
    for link in links:
        now = locate_quote(index, link.quote, speaker=link.speaker, threshold=threshold)
        if now.found and now.start is not None and link.end <= len(text):
            # Prefer the linked place when the quote still reads as well there.
            same_place = match_passage(
                index, link.quote, link.start, link.end, speaker=link.speaker
            )
            if same_place.found and same_place.score >= now.score:
                now = same_place
        checks.append(
            LinkCheck(
                link.link_id, link.quote_id, link.start, link.end, link.score, link.verdict, now
            )
        )
    return checks


def _not_there(quote: str) -> Match:
    return Match.not_found(quote, "The source could not be read again.")

"""The words the program speaks, in one place: statuses, verdicts, audit events, and time stamps.

The reports, the command line and the window read their labels, glyphs, hues and sentences
here, so a status is called and drawn the same on screen and on paper. What only Qt can hold
(icons, underline styles, keys) stays in ``workbench.ui.statuses``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from workbench.domain import Status

# --- time ---------------------------------------------------------------------------------


def utc_now() -> str:
    """Now as the review record stores it: ISO 8601 UTC to the microsecond, e.g.
    '2026-05-01T09:30:00.123456Z' (the same string on SQLite and PostgreSQL, so it hashes alike)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def when(stamp: str | None, *, zone: bool = True) -> str:
    """'2026-05-01T09:30:00.123456Z' → '2026-05-01 09:30 UTC' ('… 09:30' without ``zone``).

    Anything that is not a stored time stamp is shown as it is.
    """
    if not stamp:
        return ""
    if len(stamp) >= 16 and stamp[10] == "T" and stamp.endswith("Z"):
        return f"{stamp[:10]} {stamp[11:16]}" + (" UTC" if zone else "")
    return stamp


# --- statuses and verdicts ------------------------------------------------------------------


@dataclass(frozen=True)
class StatusWords:
    """How a review status is named and drawn: never by colour alone (a glyph beside the word)."""

    status: Status
    label: str
    glyph: str
    light: str  # its hue on a light background (Okabe–Ito, safe for common colour blindness)
    dark: str  # the same hue, lighter, on a dark background
    description: str  # what it means, for tooltips and a report's legend


STATUS_WORDS: dict[Status, StatusWords] = {
    words.status: words
    for words in (
        StatusWords(
            Status.UNVERIFIED, "Unverified", "○", "#6b6b6b", "#a8a8a8", "not looked at yet"
        ),
        StatusWords(Status.IN_REVIEW, "In review", "◐", "#0072b2", "#56b4e9", "being checked now"),
        StatusWords(
            Status.VERIFIED, "Verified", "✓", "#007a5a", "#3fd1a4", "matches the primary source"
        ),
        StatusWords(
            Status.MISQUOTED,
            "Misquoted",
            "✗",
            "#c0470a",
            "#ff8a4c",
            "the words differ from the source",
        ),
        StatusWords(
            Status.MISATTRIBUTED,
            "Misattributed",
            "⇄",
            "#a9447f",
            "#e58fc0",
            "someone else said it",
        ),
        StatusWords(
            Status.UNVERIFIABLE,
            "Unverifiable",
            "?",
            "#9a6a00",
            "#f0c24b",
            "no source to check against",
        ),
    )
}

STATUS_ORDER: tuple[Status, ...] = tuple(STATUS_WORDS)

# A review is finished once a quote has a verdict; the other two are work in progress.
OPEN_STATUSES = frozenset({Status.UNVERIFIED, Status.IN_REVIEW})


def status_words(status: Status | str) -> StatusWords:
    return STATUS_WORDS[Status(status)]


def badge_text(status: Status | str) -> str:
    """'✓ Verified': the glyph and the word, as every badge shows a status."""
    words = status_words(status)
    return f"{words.glyph} {words.label}"


@dataclass(frozen=True)
class VerdictWords:
    """How a match verdict is named and drawn: a glyph and words first, colour only third."""

    verdict: str
    label: str
    glyph: str
    light: str
    dark: str
    description: str


VERDICT_WORDS: dict[str, VerdictWords] = {
    words.verdict: words
    for words in (
        VerdictWords(
            "exact", "Exact", "✓", "#007a5a", "#3fd1a4", "the same words as the primary source"
        ),
        VerdictWords(
            "near_exact",
            "Near exact",
            "≈",
            "#0072b2",
            "#56b4e9",
            "the same words; punctuation, capitals or an ellipsis differ",
        ),
        VerdictWords(
            "altered", "Altered", "≠", "#c0470a", "#ff8a4c", "words differ from the primary source"
        ),
        VerdictWords(
            "not_found",
            "Not found",
            "∅",
            "#6b6b6b",
            "#b0b0b0",
            "no passage of the primary sources matches",
        ),
    )
}


def verdict_words(verdict: str | None) -> VerdictWords:
    """The words for a verdict; no verdict (or an unknown one) reads as not found."""
    return VERDICT_WORDS.get(str(verdict or "not_found"), VERDICT_WORDS["not_found"])


def verdict_label(verdict: str | None) -> str:
    """A verdict inside a sentence ('near exact'); an unknown one as it is stored."""
    words = VERDICT_WORDS.get(verdict or "")
    return words.label.lower() if words else verdict or ""


def score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}"


# --- audit events ---------------------------------------------------------------------------


def _status_word(value: Any) -> str:
    try:
        return status_words(value).label
    except (KeyError, ValueError):
        return str(value)


def describe_event(
    action: str,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    *,
    brief: bool = False,
) -> str:
    """One readable line for an audit event (its note is shown separately).

    ``brief`` is for the window's history of one quote, where "status" and the count of
    detected quotes go without saying; reports spell them out.
    """
    before, after = before or {}, after or {}
    if action == "quote.status":
        change = f"{_status_word(before.get('status'))} → {_status_word(after.get('status'))}"
        if brief:
            return change + (" (note changed)" if "note" in after else "")
        return f"status {change}" + (", note set" if "note" in after else "")
    if action == "quote.note":
        note = after.get("note")
        if not note:
            return "note cleared"
        if brief:
            return f"note: {note[:60]}{'…' if len(note) > 60 else ''}"
        return f"note set: {note}"
    if action == "quote.corrected":
        parts = []
        if "speaker" in after:
            speaker = after.get("speaker") or {}
            parts.append(f"speaker → {speaker.get('name') or 'nobody'}")
        if "start" in after or "end" in after:
            parts.append("span adjusted")
        if "kind" in after:
            parts.append(f"kind → {after['kind']}")
        return "corrected: " + (", ".join(parts) or "details")
    if action == "quote.added":
        return "added by hand"
    if action == "quote.rejected":
        return "rejected as a false detection"
    if action == "quote.restored":
        return "restored" if brief else "restored after rejection"
    if action == "article.imported":
        if brief:
            return "detected on import"
        return f"article imported with {len(after.get('quotes') or [])} detected quotes"
    if action == "link.added":
        return "linked to " + _passage(after.get("link") or {})
    if action == "link.removed":
        return ("unlinked from " if brief else "link removed from ") + _passage(
            before.get("link") or {}
        )
    if action == "link.rejected":
        return "rejected " + _passage(after.get("proposal") or {})
    if action == "link.rejection_withdrawn":
        return "took back the rejection of " + _passage(after.get("withdrawn") or {})
    if action == "source.attached":
        return f"primary source {after.get('source_id')} attached: {after.get('origin')}"
    if action == "audit.sealed":
        return "sealed by an upgrade: from here the audit trail covers every field shown"
    if action == "source.person":
        person = after.get("person")
        return f"source {after.get('source_id')} " + (
            f"identified as {person}" if person else "unlinked from the registry"
        )
    return action


def _passage(link: dict[str, Any]) -> str:
    """ "primary source 2, characters 964–1017 (altered, score 93.3)": which passage, how it read."""
    where = f"primary source {link.get('source_id', '?')}"
    if link.get("start") is not None:
        where += f", characters {link['start']}–{link.get('end')}"
    verdict = verdict_label(link.get("verdict"))
    if not verdict:
        return where
    score = score_text(link.get("score"))
    return f"{where} ({verdict}, score {score})" if score else f"{where} ({verdict})"


def rejected_sentence(count: int) -> str:
    """What a report says of the detections a reviewer rejected as not quotes."""
    if count == 1:
        return "1 detection was rejected as not a quote and is left out."
    return f"{count} detections were rejected as not quotes and are left out."

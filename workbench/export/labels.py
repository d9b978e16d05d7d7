"""Words and marks the reports share: status labels and glyphs, dates, event descriptions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.domain import Status


@dataclass(frozen=True)
class StatusLabel:
    status: Status
    label: str
    glyph: str  # printed beside the label, so a badge never speaks by colour alone
    colour: str  # the desktop window's hue (Okabe–Ito), so screen and paper agree
    meaning: str


STATUS_LABELS: dict[Status, StatusLabel] = {
    s.status: s
    for s in (
        StatusLabel(Status.UNVERIFIED, "Unverified", "○", "#6b6b6b", "not looked at yet"),
        StatusLabel(Status.IN_REVIEW, "In review", "◐", "#0072b2", "being checked"),
        StatusLabel(Status.VERIFIED, "Verified", "✓", "#007a5a", "matches the primary source"),
        StatusLabel(Status.MISQUOTED, "Misquoted", "✗", "#c0470a", "the words differ"),
        StatusLabel(Status.MISATTRIBUTED, "Misattributed", "⇄", "#a9447f", "someone else said it"),
        StatusLabel(
            Status.UNVERIFIABLE, "Unverifiable", "?", "#9a6a00", "no source to check against"
        ),
    )
}

STATUS_ORDER: tuple[Status, ...] = tuple(STATUS_LABELS)

# A review is finished once a quote has a verdict; the other two are work in progress.
OPEN_STATUSES = frozenset({Status.UNVERIFIED, Status.IN_REVIEW})

VERDICT_LABELS = {
    "exact": "exact",
    "near_exact": "near exact",
    "altered": "altered",
    "not_found": "not found",
}


def source_url(document: Any) -> str:
    """Where a primary source was captured: the address it ended at, else as given."""
    if document is None:
        return ""
    return getattr(document, "final_url", None) or document.origin


def status_label(status: Status | str) -> StatusLabel:
    return STATUS_LABELS[Status(status)]


def badge_text(status: Status | str) -> str:
    label = status_label(status)
    return f"{label.glyph} {label.label}"


def when(stamp: str | None) -> str:
    """'2026-05-01T09:30:00.123456Z' → '2026-05-01 09:30 UTC' (anything else as it is)."""
    if not stamp:
        return ""
    if len(stamp) >= 16 and stamp[10] == "T" and stamp.endswith("Z"):
        return f"{stamp[:10]} {stamp[11:16]} UTC"
    return stamp


def verdict_label(verdict: str | None) -> str:
    return VERDICT_LABELS.get(verdict or "", verdict or "")


def score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}"


def _status_word(value: Any) -> str:
    try:
        return status_label(value).label
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
    if count == 1:
        return "1 detection was rejected as not a quote and is left out."
    return f"{count} detections were rejected as not quotes and are left out."

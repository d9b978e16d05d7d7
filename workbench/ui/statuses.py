"""How each review status looks and is reached: label, key, glyph, colours, underline, icon."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCharFormat

from workbench.domain import SourceType, Status

Underline = QTextCharFormat.UnderlineStyle


@dataclass(frozen=True)
class StatusLook:
    status: Status
    label: str
    key: str  # the letter that sets it; digits 1–6 work as well, in this order
    glyph: str  # drawn when an icon file is missing; also a hint in plain-text places
    light: str  # colour on a light background (Okabe–Ito, safe for the common colour blindness)
    dark: str  # the same hue, lighter, on a dark background
    underline: Underline
    description: str


STATUS_LOOKS: dict[Status, StatusLook] = {
    look.status: look
    for look in (
        StatusLook(
            Status.UNVERIFIED,
            "Unverified",
            "0",
            "○",
            "#6b6b6b",
            "#a8a8a8",
            Underline.DotLine,
            "not looked at yet (dotted underline)",
        ),
        StatusLook(
            Status.IN_REVIEW,
            "In review",
            "I",
            "◐",
            "#0072b2",
            "#56b4e9",
            Underline.DashUnderline,
            "being checked now (dashed underline)",
        ),
        StatusLook(
            Status.VERIFIED,
            "Verified",
            "V",
            "✓",
            "#007a5a",
            "#3fd1a4",
            Underline.SingleUnderline,
            "matches the primary source (solid underline)",
        ),
        StatusLook(
            Status.MISQUOTED,
            "Misquoted",
            "M",
            "✗",
            "#c0470a",
            "#ff8a4c",
            Underline.WaveUnderline,
            "the words differ from the source (wavy underline)",
        ),
        StatusLook(
            Status.MISATTRIBUTED,
            "Misattributed",
            "A",
            "⇄",
            "#a9447f",
            "#e58fc0",
            Underline.DashDotLine,
            "someone else said it (dash-dot underline)",
        ),
        StatusLook(
            Status.UNVERIFIABLE,
            "Unverifiable",
            "X",
            "?",
            "#9a6a00",
            "#f0c24b",
            Underline.DashDotDotLine,
            "no source to check against (dash-dot-dot underline)",
        ),
    )
}

STATUS_ORDER: tuple[Status, ...] = tuple(STATUS_LOOKS)


def look(status: Status | str) -> StatusLook:
    return STATUS_LOOKS[Status(status)]


@dataclass(frozen=True)
class SourceLook:
    label: str
    light: str
    dark: str
    bold: bool
    italic: bool
    highlight: bool  # a filled background: only anonymous sources get one, so they stand out


SOURCE_LOOKS: dict[str, SourceLook] = {
    SourceType.PERSON: SourceLook("Person", "#1f4e79", "#9cc9f5", True, False, False),
    SourceType.ORGANIZATION: SourceLook("Organisation", "#3d5a1e", "#b5dc8a", True, False, False),
    SourceType.PUBLICATION: SourceLook("Publication", "#5b3a7a", "#d3b4f0", True, True, False),
    SourceType.ANONYMOUS: SourceLook("Anonymous", "#000000", "#000000", True, False, True),
}

ANONYMOUS_BACKGROUND = "#ffd54a"  # the same amber in both themes, with black text


def source_look(kind: str, anonymous: bool = False) -> SourceLook:
    if anonymous:
        return SOURCE_LOOKS[SourceType.ANONYMOUS]
    return SOURCE_LOOKS.get(kind, SOURCE_LOOKS[SourceType.PERSON])


@dataclass(frozen=True)
class VerdictLook:
    """How a match verdict is shown: a glyph and words first, colour only as a third cue."""

    verdict: str
    label: str
    glyph: str
    light: str
    dark: str
    description: str


VERDICT_LOOKS: dict[str, VerdictLook] = {
    look.verdict: look
    for look in (
        VerdictLook(
            "exact", "Exact", "✓", "#007a5a", "#3fd1a4", "the same words as the primary source"
        ),
        VerdictLook(
            "near_exact",
            "Near exact",
            "≈",
            "#0072b2",
            "#56b4e9",
            "the same words; punctuation, capitals or an ellipsis differ",
        ),
        VerdictLook(
            "altered", "Altered", "≠", "#c0470a", "#ff8a4c", "words differ from the primary source"
        ),
        VerdictLook(
            "not_found",
            "Not found",
            "∅",
            "#6b6b6b",
            "#b0b0b0",
            "no passage of the primary sources matches",
        ),
    )
}


def verdict_look(verdict: str | None) -> VerdictLook:
    return VERDICT_LOOKS.get(str(verdict or "not_found"), VERDICT_LOOKS["not_found"])

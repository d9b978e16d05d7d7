"""What only the window has of a status: its key and underline style (words and hues: vocabulary)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QTextCharFormat

from workbench.domain import SourceType, Status
from workbench.vocabulary import STATUS_WORDS, StatusWords

Underline = QTextCharFormat.UnderlineStyle


@dataclass(frozen=True)
class StatusLook:
    """A status as the window draws it: the core's words and hues, with its key and underline."""

    words: StatusWords
    key: str  # the letter that sets it; digits 1–6 work as well, in this order
    underline: Underline
    underline_name: str  # said in the description, since the style is a cue of its own

    @property
    def status(self) -> Status:
        return self.words.status

    @property
    def label(self) -> str:
        return self.words.label

    @property
    def glyph(self) -> str:
        """Drawn when an icon file is missing; also a hint in plain-text places."""
        return self.words.glyph

    @property
    def light(self) -> str:
        return self.words.light

    @property
    def dark(self) -> str:
        return self.words.dark

    @property
    def description(self) -> str:
        return f"{self.words.description} ({self.underline_name})"


STATUS_LOOKS: dict[Status, StatusLook] = {
    look.status: look
    for look in (
        StatusLook(STATUS_WORDS[Status.UNVERIFIED], "0", Underline.DotLine, "dotted underline"),
        StatusLook(
            STATUS_WORDS[Status.IN_REVIEW], "I", Underline.DashUnderline, "dashed underline"
        ),
        StatusLook(
            STATUS_WORDS[Status.VERIFIED], "V", Underline.SingleUnderline, "solid underline"
        ),
        StatusLook(STATUS_WORDS[Status.MISQUOTED], "M", Underline.WaveUnderline, "wavy underline"),
        StatusLook(
            STATUS_WORDS[Status.MISATTRIBUTED], "A", Underline.DashDotLine, "dash-dot underline"
        ),
        StatusLook(
            STATUS_WORDS[Status.UNVERIFIABLE],
            "X",
            Underline.DashDotDotLine,
            "dash-dot-dot underline",
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
